import Foundation

/// Writes compact JSON straight into a byte buffer, flushing to a sink as it fills.
///
/// `JSONEncoder` builds a tree of the whole value before writing a byte; for a report of
/// hundreds of thousands of findings that costs seconds and hundreds of megabytes. This
/// writer emits as it goes, so memory stays flat however large the report. Keys are
/// written in the order given; callers keep them sorted, as `JSONDocument` does.
public struct JSONStreamWriter {
    private var buffer: [UInt8] = []
    private var needsComma = false
    private let sink: ([UInt8]) throws -> Void
    private let flushAt: Int

    public init(sink: @escaping ([UInt8]) throws -> Void) {
        self.init(sink: sink, flushAt: 1 << 16, capacity: (1 << 16) + 4096)
    }

    private init(sink: @escaping ([UInt8]) throws -> Void, flushAt: Int, capacity: Int) {
        self.sink = sink
        self.flushAt = flushAt
        buffer.reserveCapacity(capacity)
    }

    /// The bytes of one value written by `write`, to be placed later with `raw(_:)`: lets
    /// parts of a document be encoded on other threads.
    public static func bytes(_ write: (inout JSONStreamWriter) throws -> Void) rethrows -> [UInt8] {
        var fragment = Fragment()
        try write(&fragment.writer)
        return fragment.encoded
    }

    /// A writer that never flushes, whose bytes are placed later with `raw(_:)`, so parts of a
    /// document can be encoded on other threads and handed over.
    public struct Fragment: @unchecked Sendable {
        // Unchecked: its sink does nothing and is never called, so nothing it holds is shared.
        public var writer: JSONStreamWriter
        public init(capacity: Int = 4096) { writer = JSONStreamWriter(sink: { _ in }, flushAt: .max, capacity: capacity) }
        /// A fragment that goes on with a list after another fragment's last value: its first
        /// value is separated from that one.
        public static func continuing(capacity: Int) -> Fragment {
            var fragment = Fragment(capacity: capacity)
            fragment.writer.needsComma = true
            return fragment
        }
        public var encoded: [UInt8] { writer.buffer }
    }

    /// Bytes written so far and not yet flushed.
    public var count: Int { buffer.count }

    /// Values already encoded by a `Fragment`, placed as one; `continuing` places the rest of a
    /// run of values split across fragments, which needs no separator before it.
    public mutating func raw(_ encoded: [UInt8], continuing: Bool = false) throws {
        if !continuing { separate() }
        buffer.append(contentsOf: encoded)
        if buffer.count >= flushAt { try flush() }
    }

    public mutating func flush() throws {
        if !buffer.isEmpty { try sink(buffer) }
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func separate() {
        if needsComma { buffer.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    public mutating func beginObject() { separate(); buffer.append(UInt8(ascii: "{")); needsComma = false }
    public mutating func endObject() throws { buffer.append(UInt8(ascii: "}")); needsComma = true; if buffer.count >= flushAt { try flush() } }
    public mutating func beginArray() { separate(); buffer.append(UInt8(ascii: "[")); needsComma = false }
    public mutating func endArray() { buffer.append(UInt8(ascii: "]")); needsComma = true }
    public mutating func newline() { buffer.append(UInt8(ascii: "\n")) }

    /// A small value through `JSONEncoder` (sorted keys, compact): for the parts of a document
    /// written once, where hand-written fields would only be a second copy of `Codable`.
    public mutating func encoded<T: Encodable>(_ value: T) throws {
        separate()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        buffer.append(contentsOf: try encoder.encode(value))
    }

    public mutating func value(_ text: String) { separate(); string(text) }
    public mutating func value(_ number: Int) { separate(); buffer.append(contentsOf: String(number).utf8) }
    public mutating func value(_ flag: Bool) { separate(); buffer.append(contentsOf: (flag ? "true" : "false").utf8) }

    /// Writes `"name":` for a field name known at compile time, which needs no escaping.
    private mutating func fieldName(_ name: StaticString) {
        separate()
        buffer.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { buffer.append(contentsOf: $0) }
        buffer.append(UInt8(ascii: "\""))
        buffer.append(UInt8(ascii: ":"))
        needsComma = false
    }

    public mutating func field(_ name: StaticString, _ text: String) { fieldName(name); value(text) }
    public mutating func field(_ name: StaticString, _ number: Int) { fieldName(name); value(number) }
    public mutating func field(_ name: StaticString, _ text: String?) { if let text { field(name, text) } }
    public mutating func field(_ name: StaticString, _ number: Int?) { if let number { field(name, number) } }
    public mutating func field(_ name: StaticString, _ date: CalendarDate?) {
        guard let date else { return }
        fieldName(name)
        separate()
        buffer.append(34)
        buffer.append(contentsOf: date.iso.utf8)
        buffer.append(34)
    }
    public mutating func field<T: RawRepresentable>(_ name: StaticString, _ value: T?) where T.RawValue == String {
        if let value { field(name, value.rawValue) }
    }
    /// `"name":` before a value written by the caller (an object or an array).
    public mutating func key(_ name: StaticString) { fieldName(name) }

    /// Whether any byte is a control character, a quote or a backslash: eight bytes at a time,
    /// as most of a report is text that needs no escaping.
    static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(start)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            // A byte below 0x20, or equal to '"' or '\\' (a zero byte once xored with it);
            // bytes of 0x80 and above, as in UTF-8 sequences, never match.
            let control = (word &- 0x20 &* ones) & ~word & highs
            let quote = word ^ (0x22 &* ones)
            let backslash = word ^ (0x5C &* ones)
            if control | ((quote &- ones) & ~quote & highs) | ((backslash &- ones) & ~backslash & highs) != 0 { return true }
            offset += 8
        }
        for b in bytes[offset...] where b < 0x20 || b == 0x22 || b == 0x5C { return true }
        return false
    }

    /// A JSON string, escaped as `JSONEncoder` escapes it (slashes left alone).
    private mutating func string(_ text: String) {
        buffer.append(UInt8(ascii: "\""))
        // Most text needs no escaping: copy it in one go.
        var text = text
        let copied: Bool = text.withUTF8 { bytes in
            if Self.needsEscaping(bytes) { return false }
            buffer.append(contentsOf: bytes)
            return true
        }
        if copied {
            buffer.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): buffer.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): buffer.append(contentsOf: [92, 92])
            case 0x0A: buffer.append(contentsOf: [92, UInt8(ascii: "n")])
            case 0x0D: buffer.append(contentsOf: [92, UInt8(ascii: "r")])
            case 0x09: buffer.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0x08: buffer.append(contentsOf: [92, UInt8(ascii: "b")])
            case 0x0C: buffer.append(contentsOf: [92, UInt8(ascii: "f")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                buffer.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: buffer.append(byte)
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }
}
