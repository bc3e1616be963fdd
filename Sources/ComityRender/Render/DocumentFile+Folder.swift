import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DocumentFile {
    /// A folder that many documents are staged in, checked once rather than for every document.
    ///
    ///     let folder = try DocumentFile.Folder("letters", sparing: store.files)
    ///     let staged = try folder.stage(letter.document, named: letter.fileName, sync: false)
    public struct Folder: Sendable {
        public let path: String
        private let database: DatabaseFiles?
        private let spared: DatabaseFiles.FolderGuard?

        /// Refuses a path that is not an existing folder, and removes the staged files that a
        /// killed run left in it.
        public init(_ path: String, sparing database: DatabaseFiles? = nil) throws(ComityError) {
            var info = stat()
            guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw .invalid("the folder \(path) does not exist; create it first")
            }
            self.path = path
            self.database = database
            spared = database?.guardFolder(path)
            Staging.removeLeftovers(in: path)
        }

        /// Stages `text` as the file `name` in this folder, exactly as `DocumentFile.stage` would.
        public func stage(_ text: String, named name: String, sync: Bool = true) throws(ComityError) -> Staged {
            let file = (path as NSString).appendingPathComponent(name)
            try spared?.check(name, path: file)
            // A link may name a file in another folder, beside which the document is staged; a pipe is written at once.
            guard case .file(let target) = try DocumentFile.destination(file), target == file else {
                return try DocumentFile.stage(text, for: file, sync: sync, sparing: database)
            }
            let staged = Staged(path: file, temporary: (path as NSString).appendingPathComponent(Staging.next()), target: target)
            try staged.create(text, sync: sync)
            return staged
        }
    }
}
