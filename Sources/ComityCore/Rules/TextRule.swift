/// The rule every text a record keeps follows: given where it is needed, no longer than its
/// limit in characters and in bytes, and holding nothing an XML document cannot carry.
///
/// A limit of N characters allows 4N bytes of UTF-8, so one character built of a million
/// combining marks is as long as it looks to SQLite, not as it looks on screen. Unicode
/// noncharacters (U+FDD0–U+FDEF and the last two code points of every plane, U+FFFE and U+FFFF
/// among them) and control characters other than a tab, a line feed and a carriage return are
/// refused in every field: an export holding them could not be read back.
///
///     let title = TextRule("case title", column: "title", limit: 300)
///     title.problem(in: "Intrusion")     // nil
///     title.problem(in: "A\u{FFFE}")     // "the case title contains U+FFFE, which is not a character …"
public struct TextRule: Sendable, Hashable {
    /// The field as sentences name it: "case title".
    public let name: String
    /// The field as export files name it: "title".
    public let column: String
    /// The most characters (grapheme clusters) it holds; its UTF-8 may take four bytes each.
    public let limit: Int
    /// Whether it must hold more than white space.
    public let required: Bool
    /// What a clerk is asked to give when it is empty ("give a summary").
    let noun: String

    public init(_ name: String, column: String, limit: Int, required: Bool = true, noun: String? = nil) {
        self.name = name
        self.column = column
        self.limit = limit
        self.required = required
        self.noun = noun ?? name
    }

    /// The most UTF-8 bytes the field holds.
    public var byteLimit: Int { limit * 4 }

    /// The rule `text` breaks, as one sentence naming the field, or nil.
    public func problem(in text: String) -> ValidationFailure? {
        let scan = TextScan(text)
        if let scalar = scan.forbidden {
            return ValidationFailure("the \(name) contains \(TextScan.describe(scalar)); remove it", field: column)
        }
        if required && scan.blank {
            return ValidationFailure("the \(name) is empty; give \(article(noun)) \(noun)", field: column)
        }
        // Fewer bytes than the limit means fewer characters too: most text is never counted.
        guard scan.bytes > limit else { return nil }
        if scan.bytes > byteLimit {
            if scan.ascii { return tooLong(characters: scan.bytes) }
            return ValidationFailure(
                "the \(name) is \(scan.bytes) bytes long; keep it under \(limit) characters and \(byteLimit) bytes", field: column)
        }
        let characters = text.count
        return characters > limit ? tooLong(characters: characters) : nil
    }

    private func tooLong(characters: Int) -> ValidationFailure {
        ValidationFailure("the \(name) is \(characters) characters long; keep it under \(limit)", field: column)
    }

    /// Whether `scalar` may stand in any text Comity keeps.
    public static func allows(_ scalar: Unicode.Scalar) -> Bool {
        TextScan.forbidden(scalar.value) == false
    }
}

/// One pass over a text's UTF-8: its length, whether it is ASCII or blank, and the first
/// scalar no field may hold.
struct TextScan {
    private(set) var bytes = 0
    private(set) var ascii = true
    private(set) var blank = true
    private(set) var forbidden: UInt32?

    init(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            bytes = buffer.count
            var index = 0
            while index < buffer.count {
                let byte = buffer[index]
                if byte < 0x80 {
                    if byte < 0x20 || byte == 0x7F {
                        if byte != 0x09 && byte != 0x0A && byte != 0x0D {
                            forbidden = UInt32(byte)
                            return
                        }
                    } else if byte != 0x20 {
                        blank = false
                    }
                    index += 1
                    continue
                }
                ascii = false
                // Valid UTF-8 (a Swift string is): the lead byte gives the length.
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                var value = UInt32(byte) & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
                for offset in 1..<length { value = value << 6 | UInt32(buffer[index + offset] & 0x3F) }
                if Self.forbidden(value) {
                    forbidden = value
                    return
                }
                if !Self.isSpace(value) { blank = false }
                index += length
            }
        }
    }

    /// C1 controls and noncharacters (C0 controls and DEL are ASCII, seen byte by byte).
    static func forbidden(_ value: UInt32) -> Bool {
        if value < 0x20 { return value != 0x09 && value != 0x0A && value != 0x0D }
        if value >= 0x7F && value <= 0x9F { return true }
        if value >= 0xFDD0 && value <= 0xFDEF { return true }
        return value & 0xFFFE == 0xFFFE
    }

    /// White space that `trimmingCharacters(in: .whitespacesAndNewlines)` would remove, beyond ASCII.
    private static func isSpace(_ value: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(value) else { return false }
        return scalar.properties.isWhitespace
    }

    /// "the control character U+001B" or "U+FFFE, which is not a character …".
    static func describe(_ value: UInt32) -> String {
        let code = "U+" + String(value, radix: 16, uppercase: true).leftPadded(to: 4)
        if value < 0x20 || (value >= 0x7F && value <= 0x9F) {
            return "the control character \(code)\(value == 0 ? " (NUL)" : "")"
        }
        return "\(code), which is not a character (a Unicode noncharacter)"
    }
}
