import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A document written piece by piece under a hidden owner-only name beside its destination,
/// as `DocumentFile.stage` writes a whole one: nothing is in place until the caller places it.
///
/// A pipe or device (`isDirect`) is written to as the pieces come, as standard output would be:
/// what was written cannot be taken back, so a caller that records the document should write
/// it inside the transaction that records it.
public final class StagedFileStream {
    private let staged: DocumentFile.Staged
    private var descriptor: Int32
    private let direct: DirectOutput?

    /// Opens `path` for the document, refusing the files of the database `sparing` names; staged
    /// files that a killed run left in its folder are removed.
    public convenience init(for path: String, sparing database: DatabaseFiles? = nil) throws(ComityError) {
        try self.init(for: path, sparing: database, tidy: true)
    }

    package init(for path: String, sparing database: DatabaseFiles?, tidy: Bool) throws(ComityError) {
        try database?.check(path)
        let destination = try DocumentFile.destination(path)
        guard case .file(let target) = destination else {
            direct = try DirectOutput(path, destination)
            staged = DocumentFile.Staged(delivered: path)
            descriptor = -1
            return
        }
        direct = nil
        staged = try DocumentFile.unwritten(path, target: target, tidy: tidy)
        let (descriptor, failure) = OwnerOnlyFile.openNew(staged.temporary)
        guard failure == 0 else { throw .invalid("cannot write \(path): \(OwnerOnlyFile.reason(failure))") }
        self.descriptor = descriptor
    }

    deinit { abandon() }

    /// Whether the document goes straight to a pipe or device, with no file to place.
    public var isDirect: Bool { direct != nil }

    public func write(_ bytes: [UInt8]) throws(ComityError) {
        if let direct { return try direct.write(Data(bytes)) }
        let failure = bytes.withUnsafeBytes { OwnerOnlyFile.writeAll(descriptor, $0) }
        if failure != 0 { throw failed(failure) }
    }

    /// Flushes the document to disk and closes it, ready to be placed.
    public func finish() throws(ComityError) -> DocumentFile.Staged {
        if let direct {
            try direct.finish()
            return staged
        }
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
        direct?.close()
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
