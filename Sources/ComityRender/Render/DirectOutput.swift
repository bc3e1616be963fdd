import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pipe, terminal or other character device, or a descriptor already open, that a document
/// is written to as it is produced: nothing is staged, renamed or flushed to disk.
///
/// Opening a named pipe waits, as a shell's `>` does, until a reader opens it.
final class DirectOutput {
    let path: String
    private var descriptor: Int32
    /// Whether the descriptor was opened here (and is closed here); `/dev/stdout` is only borrowed.
    private let owned: Bool

    init(_ path: String, _ destination: DocumentFile.Destination) throws(ComityError) {
        self.path = path
        switch destination {
        case .descriptor(let number):
            descriptor = number
            owned = false
        case .device(let device):
            var opened: Int32
            repeat { opened = open(device, O_WRONLY | O_NOCTTY | O_CLOEXEC) } while opened < 0 && errno == EINTR
            guard opened >= 0 else { throw .invalid("cannot write \(path): \(OwnerOnlyFile.reason(errno))") }
            // What was a pipe when looked at may have been replaced since: never write into a file without staging it.
            var info = stat()
            guard fstat(opened, &info) == 0, info.st_mode & S_IFMT == S_IFIFO || info.st_mode & S_IFMT == S_IFCHR else {
                _ = closeDescriptor(opened)
                throw DocumentFile.unwritable(path)
            }
            descriptor = opened
            owned = true
        case .file:
            preconditionFailure("a regular file is staged, not written directly")
        }
    }

    deinit { close() }

    func write(_ bytes: Data) throws(ComityError) {
        let failure = OwnerOnlyFile.writeAll(descriptor, bytes)
        if failure != 0 { throw .invalid("cannot write \(path): \(OwnerOnlyFile.reason(failure))") }
    }

    /// Closes what was opened here, reporting a failure to close (a device may report a write error only then).
    func finish() throws(ComityError) {
        guard owned, descriptor >= 0 else { return }
        let failure = closeDescriptor(descriptor) == 0 ? 0 : errno
        descriptor = -1
        if failure != 0, failure != EINTR { throw .invalid("cannot write \(path): \(OwnerOnlyFile.reason(failure))") }
    }

    /// Closes what was opened here, quietly: the document failed already.
    func close() {
        guard owned, descriptor >= 0 else { return }
        _ = closeDescriptor(descriptor)
        descriptor = -1
    }
}

/// `close(2)`, named apart from `DirectOutput.close()`.
private func closeDescriptor(_ descriptor: Int32) -> Int32 { close(descriptor) }
