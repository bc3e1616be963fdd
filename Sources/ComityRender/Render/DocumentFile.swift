import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes finished documents: a file whole or not at all, readable by the owner only; a pipe or
/// device as it is.
public enum DocumentFile {
    /// Writes `text` to `path`.
    ///
    /// A regular file (or a new one) is written through a temporary file in the same folder and a
    /// rename, so a reader never sees half a document and a failure leaves nothing behind; a link
    /// is followed to the regular file it names (the link stays). A pipe, a terminal, `/dev/null`
    /// or another character device, and `/dev/stdout`, `/dev/stderr` and `/dev/fd/N`, are written
    /// to directly, as a shell's `>` would: renaming over them would replace them. A folder, a
    /// socket or a disk device is refused, and so are the files of the database `sparing` names.
    public static func write(_ text: String, to path: String, sparing database: DatabaseFiles? = nil) throws(ComityError) {
        try stage(text, for: path, sparing: database).place()
    }

    /// A document written whole beside its destination under a hidden temporary name, not yet
    /// in place. Issuing letters stages their files before the register commits and places them
    /// after, so a crash in between never leaves a file bearing a number that was not issued.
    ///
    /// A pipe or device cannot hold a document back: it is written when staged, as standard
    /// output is, and placing or discarding it does nothing.
    public struct Staged: Sendable {
        public let path: String
        let temporary: String
        let target: String
        /// Already written, to a pipe or device.
        public let isDelivered: Bool

        init(path: String, temporary: String, target: String) {
            self.path = path
            self.temporary = temporary
            self.target = target
            isDelivered = false
        }

        init(delivered path: String) {
            self.path = path
            temporary = ""
            target = path
            isDelivered = true
        }

        /// Renames the document to its destination, replacing what was there.
        public func place() throws(ComityError) {
            guard !isDelivered else { return }
            if rename(temporary, target) != 0 {
                let failure = errno
                unlink(temporary)
                throw .invalid("cannot write \(path): \(OwnerOnlyFile.reason(failure))")
            }
        }

        /// Removes the document that will not be placed.
        public func discard() {
            guard !isDelivered else { return }
            unlink(temporary)
        }

        /// Writes `text` whole under the temporary name, flushed to disk if `sync`.
        func create(_ text: String, sync: Bool) throws(ComityError) {
            let failure = OwnerOnlyFile.create(temporary, text: text, sync: sync)
            guard failure == 0 else {
                throw .invalid("cannot write \(path): \(OwnerOnlyFile.reason(failure))")
            }
        }
    }

    /// Writes `text` to a hidden temporary file in the folder of `path` (0600), flushed to disk
    /// unless `sync` is false: a batch of thousands of letters, each kept in the register and
    /// written again by 'comity letter show', is not worth thousands of disk flushes. A pipe or
    /// device is written to at once. Staged files that a killed run left in that folder are removed.
    public static func stage(_ text: String, for path: String, sync: Bool = true, sparing database: DatabaseFiles? = nil) throws(ComityError) -> Staged {
        try database?.check(path)
        let destination = try destination(path)
        if case .file(let target) = destination {
            let staged = try unwritten(path, target: target, tidy: true)
            try staged.create(text, sync: sync)
            return staged
        }
        let output = try DirectOutput(path, destination)
        do {
            try output.write(Data(text.utf8))
        } catch {
            output.close()
            throw error
        }
        try output.finish()
        return Staged(delivered: path)
    }

    /// Where the document for a regular file `path` (resolved to `target`) is staged, removing
    /// what killed runs left in its folder if `tidy`.
    static func unwritten(_ path: String, target: String, tidy: Bool) throws(ComityError) -> Staged {
        let folder = (target as NSString).deletingLastPathComponent
        let place = folder.isEmpty ? "." : folder
        var info = stat()
        guard stat(place, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw .invalid("cannot write \(path): the folder \(place) does not exist; create it first")
        }
        if tidy { Staging.removeLeftovers(in: place) }
        let temporary = (place as NSString).appendingPathComponent(Staging.next())
        return Staged(path: path, temporary: temporary, target: target)
    }

    /// Where a document for a path goes.
    enum Destination {
        /// A regular file, or a new one: staged beside it and renamed over it.
        case file(String)
        /// A pipe, terminal or other character device: opened and written to.
        case device(String)
        /// A descriptor already open (`/dev/stdout`, `/dev/fd/N`): written to as it is.
        case descriptor(Int32)
    }

    /// Where a document for `path` goes: itself, the regular file a link names, or a device.
    static func destination(_ path: String) throws(ComityError) -> Destination {
        guard !path.isEmpty else { throw .invalid("the output file name is empty; give a file name") }
        if let descriptor = openDescriptor(path) { return .descriptor(descriptor) }
        var info = stat()
        guard lstat(path, &info) == 0 else { return .file(path) }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return .file(path)
        case S_IFDIR:
            throw .invalid("cannot write \(path): it is a folder; give a file name")
        case S_IFIFO, S_IFCHR:
            return .device(path)
        case S_IFLNK:
            guard let resolved = realpath(path, nil) else {
                throw .invalid("cannot write \(path): it is a link to a file that does not exist; give the path of a regular file")
            }
            defer { free(resolved) }
            let target = String(cString: resolved)
            guard stat(target, &info) == 0 else { throw unwritable(path) }
            switch info.st_mode & S_IFMT {
            case S_IFREG: return .file(target)
            case S_IFIFO, S_IFCHR: return .device(path)
            case S_IFDIR: throw .invalid("cannot write \(path): it is a link to a folder; give a file name")
            default: throw unwritable(path)
            }
        default:
            throw unwritable(path)
        }
    }

    /// The descriptor `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` and `/proc/self/fd/N` stand for.
    /// It is written to itself: opening the name again would start a file at its beginning, even
    /// one the shell opened to append to.
    private static func openDescriptor(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                if let number = Int32(path.dropFirst(prefix.count)), number >= 0 { return number }
            }
            return nil
        }
    }

    static func unwritable(_ path: String) -> ComityError {
        .invalid("cannot write \(path): it is a socket or a disk device, which Comity does not write to; give a file name, or leave out --out to write to standard output")
    }
}
