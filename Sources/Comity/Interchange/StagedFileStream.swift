import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A document written piece by piece under a hidden owner-only name beside its destination,
/// as `DocumentFile.stage` writes a whole one: nothing is in place until the caller places it.
public final class StagedFileStream {
    private let staged: DocumentFile.Staged
    private var descriptor: Int32

    public init(for path: String) throws(ComityError) {
        staged = try DocumentFile.unwritten(path)
        let (descriptor, failure) = OwnerOnlyFile.openNew(staged.temporary)
        guard failure == 0 else { throw .invalid("cannot write \(path): \(OwnerOnlyFile.reason(failure))") }
        self.descriptor = descriptor
    }

    deinit { abandon() }

    public func write(_ bytes: [UInt8]) throws(ComityError) {
        let failure = OwnerOnlyFile.writeAll(descriptor, Data(bytes))
        if failure != 0 { throw failed(failure) }
    }

    /// Flushes the document to disk and closes it, ready to be placed.
    public func finish() throws(ComityError) -> DocumentFile.Staged {
        var failure: Int32 = fsync(descriptor) == 0 ? 0 : errno
        if close(descriptor) != 0, failure == 0 { failure = errno }
        descriptor = -1
        if failure != 0 {
            staged.discard()
            throw failed(failure)
        }
        return staged
    }

    /// Closes and removes the document unless it was finished.
    public func abandon() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        staged.discard()
    }

    private func failed(_ code: Int32) -> ComityError {
        abandon()
        return .invalid("cannot write \(staged.path): \(OwnerOnlyFile.reason(code))")
    }
}
