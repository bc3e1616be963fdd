import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DocumentFile {
    /// Writes a document produced piece by piece, as `write` writes a whole one: under a hidden
    /// owner-only name beside `path`, renamed into place only once `produce` has finished.
    public static func stream(to path: String, _ produce: (_ sink: @escaping ([UInt8]) throws -> Void) throws -> Void) throws {
        let staged = try unwritten(path)
        let (descriptor, opened) = OwnerOnlyFile.openNew(staged.temporary)
        guard opened == 0 else { throw ComityError.invalid("cannot write \(path): \(OwnerOnlyFile.reason(opened))") }
        var failure: Int32 = 0
        do {
            try produce { bytes in
                failure = OwnerOnlyFile.writeAll(descriptor, Data(bytes))
                if failure != 0 { throw ComityError.invalid("cannot write \(path): \(OwnerOnlyFile.reason(failure))") }
            }
            if fsync(descriptor) != 0 { failure = errno }
        } catch {
            close(descriptor)
            staged.discard()
            throw error
        }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        guard failure == 0 else {
            staged.discard()
            throw ComityError.invalid("cannot write \(path): \(OwnerOnlyFile.reason(failure))")
        }
        try staged.place()
    }
}
