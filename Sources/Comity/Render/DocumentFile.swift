import Foundation

/// Writes finished documents: whole or not at all, readable by the owner only.
public enum DocumentFile {
    /// Writes `text` to `path` through a temporary file in the same folder and a rename,
    /// so a reader never sees half a document and a failure leaves nothing behind.
    public static func write(_ text: String, to path: String) throws(ComityError) {
        // Through POSIX calls: FileManager's atomic write syncs each file, which costs more
        // than the rendering for a batch of thousands of letters.
        let bytes = Array(text.utf8)
        do {
            try stream(to: path) { sink in try sink(bytes) }
        } catch let error as ComityError {
            throw error
        } catch {
            throw .invalid("cannot write \(path): \(error); check the path and its permissions")
        }
    }
}
