/// Checks a handle that clerks type on the command line (case ids, references, authority ids).
package enum Handle {
    static let limit = 64

    static func check(_ value: String, field: String) throws(ValidationFailure) {
        if let failure = problem(value, field: field, column: nil) { throw failure }
    }

    /// The rule `value` breaks as a handle, or nil.
    static func problem(_ value: String, field: String, column: String?) -> ValidationFailure? {
        // ASCII letters and digits, '-', '_', '.' and '/': read off the bytes, as an import checks a million.
        let allowed = value.utf8.count <= limit && value.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"): return true
            default: return false
            }
        }
        guard !value.isEmpty, allowed, value.utf8.first != UInt8(ascii: "-") else {
            return ValidationFailure(
                "'\(printable(value))' is not a valid \(field); use 1 to \(limit) letters, digits, '-', '_', '.' or '/', not starting with '-'",
                field: column)
        }
        return nil
    }

    /// Checks a text that is not a field of a record (the note of a move, a counterpart's reference given with a reply).
    package static func checkText(_ value: String, field: String, required: Bool = true, limit: Int = 4000) throws(ValidationFailure) {
        if let failure = TextRule(field, column: field, limit: limit, required: required).problem(in: value) {
            throw ValidationFailure(failure.message)
        }
    }
}
