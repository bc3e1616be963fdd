import Foundation

/// Writes finished documents: whole or not at all, readable by the owner only.
public enum DocumentFile {
    /// Writes `text` to `path` through a temporary file in the same folder and a rename,
    /// so a reader never sees half a document and a failure leaves nothing behind.
    public static func write(_ text: String, to path: String) throws(ComityError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .invalid("cannot write \(path): the folder \(folder.path) does not exist; create it first")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .invalid("cannot write \(path): it is a folder; give a file name")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw .invalid("cannot write \(path): the folder is not writable; check its permissions")
        }
        if rename(temporary.path, path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw .invalid("cannot write \(path): \(String(cString: strerror(errno))); check the path and its permissions")
        }
    }
}
