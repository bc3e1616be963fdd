import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes finished documents: whole or not at all, readable by the owner only.
public enum DocumentFile {
    /// Writes `text` to `path` through a temporary file in the same folder and a rename,
    /// so a reader never sees half a document and a failure leaves nothing behind.
    ///
    /// A link is followed to the regular file it names (the link stays); a device, pipe or
    /// socket is refused, since renaming over it would replace it rather than write to it.
    public static func write(_ text: String, to path: String) throws(ComityError) {
        try stage(text, for: path).place()
    }

    /// A document written whole beside its destination under a hidden temporary name, not yet
    /// in place. Issuing letters stages their files before the register commits and places them
    /// after, so a crash in between never leaves a file bearing a number that was not issued.
    public struct Staged: Sendable {
        public let path: String
        package let temporary: String
        let target: String

        /// Renames the document to its destination, replacing what was there.
        public func place() throws(ComityError) {
            if rename(temporary, target) != 0 {
                let failure = errno
                unlink(temporary)
                throw .invalid("cannot write \(path): \(OwnerOnlyFile.reason(failure))")
            }
        }

        /// Removes the document that will not be placed.
        public func discard() {
            unlink(temporary)
        }

        /// Writes `text` whole under the temporary name, flushed to disk if `sync`.
        func create(_ text: String, sync: Bool) throws(ComityError) {
            let failure = OwnerOnlyFile.create(temporary, data: Data(text.utf8), sync: sync)
            guard failure == 0 else {
                throw .invalid("cannot write \(path): \(OwnerOnlyFile.reason(failure))")
            }
        }
    }

    /// Writes `text` to a hidden temporary file in the folder of `path` (0600), flushed to disk
    /// unless `sync` is false: a batch of thousands of letters, each kept in the register and
    /// written again by 'comity letter show', is not worth thousands of disk flushes.
    public static func stage(_ text: String, for path: String, sync: Bool = true) throws(ComityError) -> Staged {
        let staged = try unwritten(path)
        try staged.create(text, sync: sync)
        return staged
    }

    /// Where a document for `path` goes, and the hidden name beside it to write it under first.
    package static func unwritten(_ path: String) throws(ComityError) -> Staged {
        let target = try destination(path)
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .invalid("cannot write \(path): the folder \(folder.path) does not exist; create it first")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
        return Staged(path: path, temporary: temporary, target: target)
    }

    /// The file to replace for `path`: itself, or the regular file a link names.
    static func destination(_ path: String) throws(ComityError) -> String {
        guard !path.isEmpty else { throw .invalid("the output file name is empty; give a file name") }
        var info = stat()
        guard lstat(path, &info) == 0 else { return path }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return path
        case S_IFDIR:
            throw .invalid("cannot write \(path): it is a folder; give a file name")
        case S_IFLNK:
            guard let resolved = realpath(path, nil) else {
                throw .invalid("cannot write \(path): it is a link to a file that does not exist; give the path of a regular file")
            }
            defer { free(resolved) }
            let target = String(cString: resolved)
            guard stat(target, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
                throw notRegular(path)
            }
            return target
        default:
            throw notRegular(path)
        }
    }

    private static func notRegular(_ path: String) -> ComityError {
        .invalid("cannot write \(path): it is not a regular file (a device, pipe or socket, or a link to one); give a file name, or leave out --out to write to standard output")
    }
}
