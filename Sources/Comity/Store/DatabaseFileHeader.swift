import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The 100-byte header of an SQLite file, read without SQLite, so that a file which is not a
/// database, or a database cut short, is refused before SQLite opens (and could change) it.
enum DatabaseFileHeader {
    static let magic = Data("SQLite format 3\0".utf8)
    static let size = 100

    /// What the header says, once it is known to be a whole SQLite file.
    struct Summary {
        /// `PRAGMA application_id` as last checkpointed into the file.
        var applicationID: Int32
        /// A write-ahead log with pages lies beside the file, so the header may be out of date.
        var logHasPages: Bool
    }

    @discardableResult
    static func check(_ path: String) throws(ComityError) -> Summary {
        // O_NONBLOCK: opening a named pipe must not wait for a writer.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT, ENOTDIR: throw .missingDatabase(path: path)
            case EACCES, EPERM: throw .notADatabase(path: path, why: "it cannot be read; check its permissions")
            default: throw .notADatabase(path: path, why: "it cannot be opened: \(String(cString: strerror(errno)))")
            }
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw .notADatabase(path: path, why: "it cannot be examined: \(String(cString: strerror(errno)))")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .notADatabase(path: path, why: "it is a folder")
        default: throw .notADatabase(path: path, why: "it is not a regular file but a device, pipe or socket")
        }
        var header = [UInt8](repeating: 0, count: size)
        let count = header.withUnsafeMutableBytes { buffer in read(descriptor, buffer.baseAddress, size) }
        guard count >= 0 else {
            throw .notADatabase(path: path, why: "it cannot be read: \(String(cString: strerror(errno)))")
        }
        let bytes = Array(header.prefix(count))
        if bytes.isEmpty { throw .notADatabase(path: path, why: "it is empty") }
        guard bytes.count >= magic.count, Data(bytes.prefix(magic.count)) == magic else {
            throw .notADatabase(path: path, why: "it is not an SQLite file")
        }
        guard bytes.count == size else {
            throw .damaged(path: path, why: "it ends after \(bytes.count) bytes, inside its own 100-byte header")
        }
        let rawPageSize = Int(bytes[16]) << 8 | Int(bytes[17])
        let pageSize = rawPageSize == 1 ? 65_536 : rawPageSize
        guard pageSize >= 512, pageSize <= 65_536, pageSize & (pageSize - 1) == 0 else {
            throw .damaged(path: path, why: "its header gives an impossible page size, \(rawPageSize)")
        }
        func word(_ bytes: [UInt8], _ offset: Int) -> Int {
            bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        }
        var log = stat()
        let summary = Summary(applicationID: Int32(bitPattern: UInt32(word(bytes, 68))), logHasPages: stat(path + "-wal", &log) == 0 && log.st_size > 0)
        // A file shorter than its header says was cut short, unless that is a moment of another
        // clerk's checkpoint (which writes the header before extending the file): only a
        // shortfall that persists, with no write-ahead log beside the file, counts.
        for attempt in 0..<4 {
            guard let (actual, expected) = shortfall(descriptor, path: path, pageSize: pageSize) else { return summary }
            if attempt == 3 {
                throw .damaged(path: path, why: "it is \(actual) bytes long but its header says \(expected), so it was cut short")
            }
            usleep(useconds_t(20_000 << attempt))
        }
        return summary
    }

    /// The file's size and the size its header promises, when the first is smaller and no
    /// write-ahead log with pages lies beside it; nil when the file is whole (or may be).
    private static func shortfall(_ descriptor: Int32, path: String, pageSize: Int) -> (actual: Int64, expected: Int64)? {
        var header = [UInt8](repeating: 0, count: size)
        guard header.withUnsafeMutableBytes({ pread(descriptor, $0.baseAddress, size, 0) }) == size else { return nil }
        func word(_ offset: Int) -> Int { header[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        // The page count in the header is trusted only when it was written with the last change.
        let pages = word(28)
        guard pages > 0, word(92) == word(24) else { return nil }
        var info = stat()
        var log = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        let expected = Int64(pages) * Int64(pageSize)
        let actual = Int64(info.st_size)
        guard actual < expected, !(stat(path + "-wal", &log) == 0 && log.st_size > 0) else { return nil }
        return (actual, expected)
    }
}
