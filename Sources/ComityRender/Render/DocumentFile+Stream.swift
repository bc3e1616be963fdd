import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DocumentFile {
    /// Writes a document produced piece by piece, as `write` writes a whole one: a file under a
    /// hidden owner-only name beside `path`, renamed into place only once `produce` has finished;
    /// a pipe or device piece by piece as it comes.
    public static func stream(to path: String, sparing database: DatabaseFiles? = nil,
                              _ produce: (_ sink: @escaping ([UInt8]) throws -> Void) throws -> Void) throws {
        let stream = try StagedFileStream(for: path, sparing: database)
        do {
            try produce { bytes in try stream.write(bytes) }
            try stream.finish().place()
        } catch {
            stream.abandon()
            throw error
        }
    }
}
