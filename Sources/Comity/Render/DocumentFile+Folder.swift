import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DocumentFile {
    /// A folder that many documents are staged in, checked once rather than for every document.
    ///
    ///     let folder = try DocumentFile.Folder("letters")
    ///     let staged = try folder.stage(letter.document, named: letter.fileName, sync: false)
    public struct Folder: Sendable {
        public let path: String

        /// Refuses a path that is not an existing folder.
        public init(_ path: String) throws(ComityError) {
            var info = stat()
            guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw .invalid("the folder \(path) does not exist; create it first")
            }
            self.path = path
        }

        /// Stages `text` as the file `name` in this folder, exactly as `DocumentFile.stage` would.
        public func stage(_ text: String, named name: String, sync: Bool = true) throws(ComityError) -> Staged {
            let file = (path as NSString).appendingPathComponent(name)
            let target = try DocumentFile.destination(file)
            // A link may name a file in another folder, beside which the document is staged.
            guard target == file else { return try DocumentFile.stage(text, for: file, sync: sync) }
            let temporary = (path as NSString).appendingPathComponent(".\(name).\(UUID().uuidString).tmp")
            let staged = Staged(path: file, temporary: temporary, target: target)
            try staged.create(text, sync: sync)
            return staged
        }
    }
}
