import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of an import, a chunk at a time: a file is checked as it arrives (size limit,
/// UTF-8, no NUL byte) with the same refusals `InterchangeFile.text` gives for a whole file,
/// so a parser never sees a byte that failed them.
struct ImportByteStream {
    /// The window of the input being parsed; `bytes[..<available]` is checked.
    private(set) var bytes: [UInt8]
    private(set) var available: Int
    /// The offset in the input of `bytes[0]`.
    private(set) var offset = 0
    private var filled: Int
    private var finished: Bool
    private let file: (descriptor: Int32, path: String, limit: Int)?
    private var total = 0

    static let chunk = 1 << 20

    /// A whole text already in memory (valid UTF-8 by construction).
    init(text: String) {
        bytes = Array(text.utf8)
        available = bytes.count
        filled = bytes.count
        finished = true
        file = nil
    }

    /// The regular file `path`, refused as `InterchangeFile.contents` refuses it; closed by `closeFile()`.
    init(path: String, limit: Int) throws(ComityError) {
        let descriptor = try InterchangeFile.openRegular(path, limit: limit)
        bytes = [UInt8](repeating: 0, count: Self.chunk)
        available = 0
        filled = 0
        finished = false
        file = (descriptor, path, limit)
        do {
            while filled < 2 && !finished { try readMore() }
            if bytes[..<filled].starts(with: [0xFE, 0xFF]) || bytes[..<filled].starts(with: [0xFF, 0xFE]) {
                throw ComityError.invalid("\(path) is UTF-16 text; save it as UTF-8 and try again")
            }
            try checkRead()
        } catch let error as ComityError {
            closeFile()
            throw error
        } catch {
            closeFile()
            throw .invalid("cannot read \(path): \(error)")
        }
    }

    func closeFile() {
        if let file { _ = close(file.descriptor) }
    }

    /// The size of the file, for progress; the text's length in memory.
    var size: Int {
        guard let file else { return bytes.count }
        var info = stat()
        return fstat(file.descriptor, &info) == 0 ? Int(info.st_size) : 0
    }

    /// Whether the text begins (after white space and a byte order mark) with `<`: XML, not JSON.
    var startsWithMarkup: Bool {
        var index = bytes[..<available].starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < available, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        return index < available && bytes[index] == UInt8(ascii: "<")
    }

    /// Reads more, keeping `bytes[keeping...]` (moved to the front). Returns false at the end
    /// of the input, when nothing more became available.
    mutating func refill(keeping: Int) throws(ComityError) -> Bool {
        guard file != nil else { return false }
        if keeping > 0 {
            bytes.withUnsafeMutableBytes { buffer in
                _ = memmove(buffer.baseAddress!, buffer.baseAddress! + keeping, filled - keeping)
            }
            offset += keeping
            filled -= keeping
            available -= keeping
        }
        let before = available
        while available == before && !finished {
            try readMore()
            try checkRead()
        }
        return available > before
    }

    /// Appends what one read(2) gives to `bytes`, growing it when it is nearly full.
    private mutating func readMore() throws(ComityError) {
        guard let file else { return }
        if bytes.count - filled < Self.chunk / 2 { bytes += [UInt8](repeating: 0, count: max(Self.chunk, bytes.count / 2)) }
        let count = bytes.withUnsafeMutableBytes { buffer in
            read(file.descriptor, buffer.baseAddress! + filled, buffer.count - filled)
        }
        if count < 0 {
            if errno == EINTR || errno == EAGAIN { return }
            throw .invalid("cannot read \(file.path): \(OwnerOnlyFile.reason(errno))")
        }
        if count == 0 { finished = true }
        total += count
        if total > file.limit { throw InterchangeFile.tooLarge(file.path, size: total, limit: file.limit) }
        filled += count
    }

    /// Checks what was read, up to a UTF-8 sequence the next read completes.
    private mutating func checkRead() throws(ComityError) {
        try check(upTo: finished ? filled : filled - Self.incompleteTail(bytes, filled, from: available))
    }

    /// Checks `bytes[available..<end]` and makes it available: the first byte that breaks UTF-8
    /// is refused before the first NUL, however far apart, as for a whole file.
    private mutating func check(upTo end: Int) throws(ComityError) {
        guard let file, end > available else { return }
        if let bad = UTF8Check.firstInvalid(bytes, from: available, to: end) {
            throw notUTF8(file.path, at: offset + bad)
        }
        let nul = bytes.withUnsafeBytes { buffer -> Int? in
            guard let found = memchr(buffer.baseAddress! + available, 0, end - available) else { return nil }
            return buffer.baseAddress!.distance(to: UnsafeRawPointer(found))
        }
        if let nul {
            let at = offset + nul
            if let bad = try firstInvalidUTF8(after: end) { throw notUTF8(file.path, at: bad) }
            throw .invalid("\(file.path) holds a NUL byte at offset \(at), so it is not a text file; check it is the right file")
        }
        available = end
    }

    /// Reads the rest of the file for a byte that breaks UTF-8, which a whole-file check would report first.
    private func firstInvalidUTF8(after end: Int) throws(ComityError) -> Int? {
        guard let file else { return nil }
        var pending = Array(bytes[end..<filled])
        var pendingOffset = offset + end
        var readSoFar = total
        var chunk = [UInt8](repeating: 0, count: Self.chunk)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(file.descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw .invalid("cannot read \(file.path): \(OwnerOnlyFile.reason(errno))")
            }
            readSoFar += count
            if readSoFar > file.limit { throw InterchangeFile.tooLarge(file.path, size: readSoFar, limit: file.limit) }
            pending += chunk[..<count]
            let checked = count == 0 ? pending.count : pending.count - Self.incompleteTail(pending, pending.count, from: 0)
            if let bad = UTF8Check.firstInvalid(pending, from: 0, to: checked) { return pendingOffset + bad }
            if count == 0 { return nil }
            pending.removeFirst(checked)
            pendingOffset += checked
        }
    }

    private func notUTF8(_ path: String, at offset: Int) -> ComityError {
        .invalid("\(path) is not UTF-8 text (byte \(offset) is not); save it as UTF-8 and try again")
    }

    /// How many bytes at the end of `bytes[start..<end]` begin a UTF-8 sequence that goes on past `end`.
    static func incompleteTail(_ bytes: [UInt8], _ end: Int, from start: Int) -> Int {
        var lead = end - 1
        while lead >= start && lead > end - 4 && bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
        guard lead >= start else { return 0 }
        let byte = bytes[lead]
        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
        return length > end - lead ? end - lead : 0
    }
}
