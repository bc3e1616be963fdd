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
        /// The folder's path as a file's in it begins (`letters/`), worked out once.
        private let prefix: String
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
            prefix = String((path as NSString).appendingPathComponent("x").dropLast())
            self.database = database
            spared = database?.guardFolder(path)
            Staging.removeLeftovers(in: path)
        }

        /// Stages `text` as the file `name` in this folder, exactly as `DocumentFile.stage` would.
        public func stage(_ text: String, named name: String, sync: Bool = true) throws(ComityError) -> Staged {
            let file = prefix + name
            var info = stat()
            // A name nothing has yet (a batch's usual case) is checked by its name alone: no file
            // there can be the database, a link or a pipe.
            if lstat(file, &info) == 0 || errno != ENOENT {
                try spared?.check(name, path: file)
                // A link may name a file in another folder, beside which the document is staged; a pipe is written at once.
                guard case .file(let target) = try DocumentFile.destination(file), target == file else {
                    return try DocumentFile.stage(text, for: file, sync: sync, sparing: database)
                }
            } else {
                try spared?.check(name, path: file, exists: false)
            }
            let staged = Staged(path: file, temporary: prefix + Staging.next(), target: file)
            try staged.create(text, sync: sync)
            return staged
        }
    }
}
