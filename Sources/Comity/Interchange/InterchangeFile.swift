import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads files given to Comity (imports, holiday calendars) safely: regular files only, never
/// more than a size limit (checked before reading, and enforced while reading), UTF-8 only.
public enum InterchangeFile {
    /// The default largest import, in bytes: far above a ministry's export, far below what
    /// would strain a clerk's machine.
    public static let defaultLimit = 64 << 20

    /// Reads an export back: a `.json` or `.xml` file, or a folder of `.csv` files written by
    /// `comity export --format csv`. `schemaPath` is asked for only when the file is XML.
    public static func read(
        _ path: String, limit: Int = defaultLimit, schemaPath: () throws(ComityError) -> String
    ) throws(ComityError) -> InterchangeDataset {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .invalid("cannot read \(path): \(errno == ENOENT ? "no such file or folder; check the path" : OwnerOnlyFile.reason(errno))")
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            return try InterchangeCSV.read(folder: path, limit: limit)
        }
        let text = try self.text(path, limit: limit)
        if text.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" }).hasPrefix("<") {
            return try InterchangeXML.decode(text, file: path, schemaPath: try schemaPath(), limit: limit)
        }
        return InterchangeJSON.decode(text, file: path)
    }

    /// The text of the regular file `path`: at most `limit` bytes of UTF-8 (a byte order mark
    /// is allowed) without NUL bytes, or a typed error saying what is wrong with it.
    public static func text(_ path: String, limit: Int) throws(ComityError) -> String {
        let data = try contents(path, limit: limit)
        if data.starts(with: [0xFE, 0xFF]) || data.starts(with: [0xFF, 0xFE]) {
            throw .invalid("\(path) is UTF-16 text; save it as UTF-8 and try again")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let offset = firstInvalidUTF8(data) ?? 0
            throw .invalid("\(path) is not UTF-8 text (byte \(offset) is not); save it as UTF-8 and try again")
        }
        if let nul = data.firstIndex(of: 0) {
            throw .invalid("\(path) holds a NUL byte at offset \(nul - data.startIndex), so it is not a text file; check it is the right file")
        }
        return text
    }

    /// The bytes of the regular file `path`, refusing devices, pipes and sockets (a pipe would
    /// block forever) and anything larger than `limit`.
    static func contents(_ path: String, limit: Int) throws(ComityError) -> Data {
        let descriptor = try openRegular(path, limit: limit)
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw .invalid("cannot read \(path): \(OwnerOnlyFile.reason(errno))")
        }
        // Read at most one byte past the limit: a file that grows while it is read is still refused.
        var data = Data(count: Int(info.st_size) + 1)
        var total = 0
        while total < data.count {
            let count = data.withUnsafeMutableBytes { buffer in
                readBytes(descriptor, buffer.baseAddress! + total, buffer.count - total)
            }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw .invalid("cannot read \(path): \(OwnerOnlyFile.reason(errno))")
            }
            if count == 0 { break }
            total += count
            if total > limit { throw tooLarge(path, size: total, limit: limit) }
            if total == data.count { data.count += 1 << 16 }
        }
        data.count = total
        return data
    }

    /// Opens the regular file `path` for reading, refusing devices, pipes, sockets and folders,
    /// and a file already larger than `limit`; the caller closes the descriptor.
    static func openRegular(_ path: String, limit: Int) throws(ComityError) -> Int32 {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            throw .invalid("cannot read \(path): \(code == ENOENT ? "no such file; check the path" : OwnerOnlyFile.reason(code))")
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            throw .invalid("cannot read \(path): \(OwnerOnlyFile.reason(code))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            let kind = info.st_mode & S_IFMT == S_IFDIR ? "a folder" : "not a regular file but a device, pipe or socket"
            throw .invalid("cannot read \(path): it is \(kind); give the file itself")
        }
        guard Int(info.st_size) <= limit else {
            close(descriptor)
            throw tooLarge(path, size: Int(info.st_size), limit: limit)
        }
        return descriptor
    }

    /// The size of the file `path` names (following a link), or 0 if it cannot be examined.
    static func size(of path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    static func tooLarge(_ path: String, size: Int, limit: Int) -> ComityError {
        .invalid("\(path) is \(megabytes(size)), more than the \(megabytes(limit)) Comity reads; check it is the right file, or raise the limit (import --max-size)")
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MB" + (bytes % (1 << 20) == 0 ? "" : " and more") : "\(bytes) bytes"
    }

    /// The offset of the first byte that breaks UTF-8, for the message.
    static func firstInvalidUTF8(_ data: Data) -> Int? {
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var offset = 0
        var consumed = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
                consumed = offset
            case .emptyInput: return nil
            case .error: return consumed
            }
        }
    }
}

/// `read(2)`, named apart from `InterchangeFile.read`.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
