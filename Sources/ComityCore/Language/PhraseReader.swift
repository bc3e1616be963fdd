import Foundation

/// Reads the keys of a decoded phrase file, naming the key of anything missing or malformed.
struct PhraseReader {
    let root: [String: Any]

    init(_ data: Data) throws(PhraseProblem) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw PhraseProblem(key: "(the file)", reason: .malformed("text that is not JSON: \((error as NSError).localizedDescription)"))
        }
        guard let root = object as? [String: Any] else {
            throw PhraseProblem(key: "(the file)", reason: .wrongType("a JSON object of keys"))
        }
        self.root = root
    }

    func value(_ path: String) -> Any? {
        var current: Any? = root
        for part in path.split(separator: ".") {
            current = (current as? [String: Any])?[String(part)]
        }
        return current
    }

    func has(_ path: String) -> Bool { value(path) != nil }

    /// Text; `empty` allows "" (a joiner between sentences, say).
    func text(_ path: String, empty: Bool = false) throws(PhraseProblem) -> String {
        guard let value = value(path) else { throw PhraseProblem(key: path, reason: .missing) }
        guard let text = value as? String, empty || !text.isEmpty else {
            throw PhraseProblem(key: path, reason: .wrongType(empty ? "text" : "non-empty text"))
        }
        return text
    }

    func pattern(_ path: String, _ slots: Set<String>) throws(PhraseProblem) -> PhrasePattern {
        let text = try text(path)
        do {
            return try PhrasePattern(text, slots: slots)
        } catch {
            throw PhraseProblem(key: path, reason: error)
        }
    }

    func optionalPattern(_ path: String, _ slots: Set<String>) throws(PhraseProblem) -> PhrasePattern? {
        has(path) ? try pattern(path, slots) : nil
    }

    /// One text for each raw value of `E`, under `path`.
    func table<E: CaseIterable & RawRepresentable & Hashable>(_ path: String, _ type: E.Type) throws(PhraseProblem) -> [E: String] where E.RawValue == String {
        guard has(path) else { throw PhraseProblem(key: path, reason: .missing) }
        var table: [E: String] = [:]
        for value in E.allCases { table[value] = try text("\(path).\(value.rawValue)") }
        return table
    }

    /// A map of text to text (city names), empty when absent.
    func map(_ path: String) throws(PhraseProblem) -> [String: String] {
        guard let value = value(path) else { return [:] }
        guard let map = value as? [String: String] else { throw PhraseProblem(key: path, reason: .wrongType("an object of texts")) }
        return map
    }

    func plural(_ path: String, oneCounts: Set<Int>, slots: Set<String> = ["n"]) throws(PhraseProblem) -> PhrasePlural {
        guard let object = value(path) else { throw PhraseProblem(key: path, reason: .missing) }
        guard object is [String: Any] else { throw PhraseProblem(key: path, reason: .wrongType("an object with “other” and, where the language has it, “one”")) }
        return PhrasePlural(one: try optionalPattern("\(path).one", slots), other: try pattern("\(path).other", slots), oneCounts: oneCounts)
    }

    func counts(_ path: String) throws(PhraseProblem) -> Set<Int>? {
        guard let value = value(path) else { return nil }
        guard let numbers = value as? [Int] else { throw PhraseProblem(key: path, reason: .wrongType("a list of whole numbers")) }
        return Set(numbers)
    }
}
