/// Escapes the five characters that are markup in HTML and XML, working on UTF-8 bytes.
///
/// Values are escaped here, once, rather than by swift-mustache's content type, which looks each
/// character up in a dictionary; text without markup characters is returned as it is.
enum MarkupEscaping {
    static func escape(_ value: String) -> String {
        var value = value
        return value.withUTF8 { bytes in
            guard bytes.contains(where: isMarkup) else { return nil }
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + 32)
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "<"): escaped.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): escaped.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "&"): escaped.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "\""): escaped.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): escaped.append(contentsOf: "&#39;".utf8)
                default: escaped.append(byte)
                }
            }
            return String(decoding: escaped, as: UTF8.self)
        } ?? value
    }

    /// Whether `value` may hold a markup character or one a document may not contain: a control
    /// character, or the first byte of U+FFFE or U+FFFF (and of other characters, checked slowly).
    static func needsWork(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in bytes.contains { $0 < 0x20 || $0 == 0xEF || isMarkup($0) } }
    }

    private static func isMarkup(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
