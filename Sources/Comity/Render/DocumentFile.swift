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
        let target = try destination(path)
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .invalid("cannot write \(path): the folder \(folder.path) does not exist; create it first")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
        let failure = OwnerOnlyFile.create(temporary, data: Data(text.utf8), sync: true)
        guard failure == 0 else {
            throw .invalid("cannot write \(path): \(OwnerOnlyFile.reason(failure))")
        }
        if rename(temporary, target) != 0 {
            let failure = errno
            unlink(temporary)
            throw .invalid("cannot write \(path): \(OwnerOnlyFile.reason(failure))")
        }
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
