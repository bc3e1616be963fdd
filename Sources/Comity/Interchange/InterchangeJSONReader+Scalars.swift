/// Bytes, spaces, strings, numbers and literals of a JSON document.
extension InterchangeJSONReader {
    /// What a string held: readable text, or text no field can take.
    enum StringContent {
        case readable
        /// A raw control character (JSON requires them escaped).
        case control
        /// A `\u` escape of half a surrogate pair without its other half.
        case halfSurrogate
    }

    /// The byte `ahead` bytes past the position, reading more input if needed; nil at the end.
    @inline(__always)
    mutating func peek(ahead: Int) throws -> UInt8? {
        while position + ahead >= input.available {
            let keep = position
            guard try input.refill(keeping: keep) else { return nil }
            position -= keep
        }
        return input.bytes[position + ahead]
    }

    /// The next byte that is not JSON white space (not consumed), counting lines; nil at the end.
    mutating func skipSpace() throws -> UInt8? {
        while true {
            if position >= input.available, try peek(ahead: 0) == nil { return nil }
            switch input.bytes[position] {
            case 0x20, 0x09, 0x0D: position += 1
            case 0x0A: position += 1; line += 1
            case let byte: return byte
            }
        }
    }

    /// Reads a string whose opening quote is consumed into `scratch` (as UTF-8), through its closing quote.
    mutating func string() throws -> StringContent {
        scratch.removeAll(keepingCapacity: true)
        var content = StringContent.readable
        while true {
            // Copy the run of plain characters in one go: most strings have no escape at all.
            let start = position
            let end = input.available
            var stop = start
            input.bytes.withUnsafeBufferPointer { bytes in
                while stop < end {
                    let byte = bytes[stop]
                    if byte == 0x22 || byte == 0x5C || byte < 0x20 { break }
                    stop += 1
                }
            }
            if stop > start { scratch.append(contentsOf: input.bytes[start..<stop]) }
            position = stop
            guard let byte = try peek(ahead: 0) else { throw notJSON("a text in quotes is never closed") }
            position += 1
            switch byte {
            case 0x22:
                return content
            case 0x5C:
                if try !escape() { content = .halfSurrogate }
            case 0..<0x20:
                if byte == 0x0A { line += 1 }
                scratch.append(byte)
                content = .control
            default:
                // The run stopped at the end of what was read, not at a special character.
                scratch.append(byte)
            }
        }
    }

    /// Appends the character of the escape after a backslash; false for half a surrogate pair.
    private mutating func escape() throws -> Bool {
        guard let byte = try peek(ahead: 0) else { throw notJSON("a text in quotes is never closed") }
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(byte)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var value = try hex()
            if (0xDC00..<0xE000).contains(value) { return false }
            if (0xD800..<0xDC00).contains(value) {
                guard try peek(ahead: 0) == UInt8(ascii: "\\"), try peek(ahead: 1) == UInt8(ascii: "u") else { return false }
                position += 2
                let low = try hex()
                guard (0xDC00..<0xE000).contains(low) else { return false }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            }
            scratch.append(contentsOf: String(Character(Unicode.Scalar(value)!)).utf8)
        default:
            throw notJSON("'\\\(Character(Unicode.Scalar(byte)))' is not an escape JSON knows")
        }
        return true
    }

    /// The four hex digits of a `\u` escape.
    private mutating func hex() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = try peek(ahead: 0) else { throw notJSON("a text in quotes is never closed") }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw notJSON("\\u is followed by four hex digits")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// A JSON number: its value when it is whole and fits 64 bits, nil when it has a fraction,
    /// an exponent or is out of range.
    mutating func number() throws -> Int64? {
        let negative = try peek(ahead: 0) == UInt8(ascii: "-")
        if negative { position += 1 }
        var magnitude: UInt64 = 0
        var whole = true
        if try peek(ahead: 0) == UInt8(ascii: "0") {
            position += 1
            if let next = try peek(ahead: 0), next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9") {
                throw notJSON("a number may not begin with 0")
            }
        } else {
            let digits = try self.digits { digit in
                let (times, overflowTen) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflowDigit) = times.addingReportingOverflow(UInt64(digit))
                if overflowTen || overflowDigit { whole = false }
                magnitude = sum
            }
            guard digits > 0 else { throw try unexpected("a digit") }
        }
        if try peek(ahead: 0) == UInt8(ascii: ".") {
            position += 1
            guard try self.digits({ _ in }) > 0 else { throw try unexpected("a digit after '.'") }
            whole = false
        }
        if let byte = try peek(ahead: 0), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            position += 1
            if let sign = try peek(ahead: 0), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { position += 1 }
            guard try self.digits({ _ in }) > 0 else { throw try unexpected("a digit in the exponent") }
            whole = false
        }
        guard whole else { return nil }
        if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(bitPattern: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// Consumes a run of decimal digits, handing each to `each`; returns how many there were.
    private mutating func digits(_ each: (UInt8) -> Void) throws -> Int {
        var count = 0
        while let byte = try peek(ahead: 0), byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
            each(byte - UInt8(ascii: "0"))
            position += 1
            count += 1
        }
        return count
    }

    /// Consumes `word` (true, false, null) or refuses the text.
    mutating func literal(_ word: StaticString) throws {
        let bytes = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for (index, expected) in bytes.enumerated() where try peek(ahead: index) != expected {
            throw notJSON("expected \(word)")
        }
        position += bytes.count
    }
}
