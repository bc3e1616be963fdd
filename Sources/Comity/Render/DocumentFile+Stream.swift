import Foundation

extension DocumentFile {
    /// Writes a document produced piece by piece: into a temporary owner-only file in the
    /// same folder, renamed into place only once `produce` has finished without error.
    public static func stream(to path: String, _ produce: (_ sink: @escaping ([UInt8]) throws -> Void) throws -> Void) throws {
        let target = try destination(path)
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ComityError.invalid("cannot write \(path): the folder \(folder.path) does not exist; create it first")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ComityError.invalid("cannot write \(path): the folder is not writable; check its permissions") }
        var closed = false
        defer {
            if !closed { close(fd); unlink(temporary) }
        }
        try produce { bytes in try FileDescriptorSink.write(bytes, to: fd, path: path) }
        closed = true
        guard fsync(fd) == 0, close(fd) == 0, rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw ComityError.invalid("cannot write \(path): \(reason); check the path and its permissions")
        }
    }
}

/// Writes all of a buffer to a file descriptor, retrying short writes.
public enum FileDescriptorSink {
    public static func write(_ bytes: [UInt8], to fd: Int32, path: String) throws {
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw ComityError.invalid("cannot write \(path): \(String(cString: strerror(errno))); check the free space and permissions")
                }
                offset += n
            }
        }
    }
}
