import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates files and folders readable by their owner only (0600 and 0700), whatever the umask.
///
/// Everything Comity writes is a government's record of what it asked another state, so it
/// is never readable by other accounts, not even for the moment between creating a file and
/// changing its mode: the mode is given to `open(2)` and `mkdir(2)` themselves.
public enum OwnerOnlyFile {
    public static let fileMode: mode_t = 0o600
    public static let folderMode: mode_t = 0o700

    /// Creates `path`, which must not exist (not even as a link: `O_EXCL` never follows one),
    /// writes `data` and, with `sync`, flushes it to disk. Returns 0 or the `errno` of the failure;
    /// a file that could not be written whole is removed.
    public static func create(_ path: String, data: Data = Data(), sync: Bool = false) -> Int32 {
        create(path, sync: sync) { writeAll($0, data) }
    }

    /// Creates `path` as `create(_:data:sync:)` does, with `text` in UTF-8, written from the
    /// string's own storage rather than a copy of it.
    public static func create(_ path: String, text: String, sync: Bool = false) -> Int32 {
        var text = text
        return create(path, sync: sync) { descriptor in text.withUTF8 { writeAll(descriptor, UnsafeRawBufferPointer($0)) } }
    }

    private static func create(_ path: String, sync: Bool, write: (Int32) -> Int32) -> Int32 {
        let (descriptor, opened) = openNew(path)
        guard opened == 0 else { return opened }
        var failure = write(descriptor)
        if failure == 0, sync, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        if failure != 0 { unlink(path) }
        return failure
    }

    /// Creates `path` as `create` does and returns it open for writing, or -1 and the `errno`.
    public static func openNew(_ path: String) -> (descriptor: Int32, failure: Int32) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, fileMode)
        guard descriptor >= 0 else { return (-1, errno) }
        // A umask can only take bits away, and an odd one could take the owner's: set the mode exactly.
        guard fchmod(descriptor, fileMode) == 0 else {
            let failure = errno
            close(descriptor)
            unlink(path)
            return (-1, failure)
        }
        return (descriptor, 0)
    }

    /// Writes all of `data` to an open descriptor, retrying short writes. Returns 0 or the `errno`.
    public static func writeAll(_ descriptor: Int32, _ data: Data) -> Int32 {
        data.withUnsafeBytes { writeAll(descriptor, $0) }
    }

    /// Writes every byte of `buffer` to `descriptor`, retrying short writes. Returns 0 or the `errno`.
    public static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> Int32 {
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return 0
    }

    /// Creates the folder `path` (its parent must exist) with mode 0700. Returns 0 or the `errno`.
    public static func createFolder(_ path: String) -> Int32 {
        guard mkdir(path, folderMode) == 0 else { return errno }
        return chmod(path, folderMode) == 0 ? 0 : errno
    }

    /// A sentence fragment for an `errno`, worded for a clerk.
    public static func reason(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied; check the folder's permissions"
        case EROFS: return "the file system is read-only"
        case ENOSPC, EDQUOT: return "the disk is full"
        case EEXIST: return "it already exists"
        case ENOENT, ENOTDIR: return "the folder does not exist"
        case ELOOP: return "it is a symbolic link"
        default: return String(cString: strerror(code))
        }
    }
}
