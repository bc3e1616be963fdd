import Comity
import Foundation
import NIOCore

/// The fields of a submitted form (`application/x-www-form-urlencoded`); a field given twice
/// keeps every value, in order.
struct FormFields: Sendable {
    private(set) var pairs: [(String, String)] = []

    init(buffer: ByteBuffer, contentType: String?) {
        let isForm = contentType?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false
        self.init(encoded: isForm ? String(buffer: buffer) : "")
    }

    init(encoded: String) {
        for part in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let halves = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            pairs.append((decode(halves[0]), halves.count > 1 ? decode(halves[1]) : ""))
        }
    }

    /// The first value of `name`, nil when absent.
    func value(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }

    /// Every value of `name`.
    func values(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    /// The value of `name` trimmed, nil when absent or blank.
    func text(_ name: String) -> String? {
        let trimmed = value(name)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A required value, refused naming its field's label.
    func required(_ name: String, _ label: String) throws -> String {
        guard let text = text(name) else { throw FieldError(field: name, message: "Give the \(label).") }
        return text
    }

    func date(_ name: String, _ label: String) throws -> CalendarDate {
        let text = try required(name, label)
        do { return try CalendarDate(iso: text) } catch {
            throw FieldError(field: name, message: "The \(label) '\(text)' is not a date; write it as YYYY-MM-DD.")
        }
    }

    func optionalDate(_ name: String, _ label: String) throws -> CalendarDate? {
        text(name) == nil ? nil : try date(name, label)
    }

    /// The values as the form shows them again after a refusal.
    var echoed: [String: String] {
        var values: [String: String] = [:]
        for (name, value) in pairs where name != "csrf" && name != "password" && values[name] == nil { values[name] = value }
        return values
    }
}

/// A refusal about one field of a form, shown beside it.
struct FieldError: Error, Sendable {
    var field: String?
    var message: String
}
