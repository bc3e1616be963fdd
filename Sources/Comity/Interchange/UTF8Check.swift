/// Finds the first byte that breaks UTF-8 in a run of bytes, eight ASCII bytes at a time.
enum UTF8Check {
    /// The index of the first byte of the first ill-formed sequence in `bytes[start..<end]`
    /// (overlong forms, surrogates and values past U+10FFFF are ill-formed), or nil.
    static func firstInvalid(_ bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in firstInvalid(buffer, from: start, to: end) }
    }

    /// Whether `bytes` are well-formed UTF-8 throughout.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        firstInvalid(bytes, from: 0, to: bytes.count) == nil
    }

    /// The index of the first byte of the first ill-formed sequence in `buffer[start..<end]`, or nil.
    static func firstInvalid(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        guard start < end, let base = buffer.baseAddress else { return nil }
        var index = start
        while index < end {
            // Most of an export is ASCII: skip it a word at a time.
            while index + 8 <= end, UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
            }
            guard index < end else { break }
            let lead = base[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return index
            }
            guard index + length <= end else { return index }
            let second = base[index + 1]
            guard second >= low && second <= high else { return index }
            for next in 2..<length where base[index + next] & 0xC0 != 0x80 { return index }
            index += length
        }
        return nil
    }
}
