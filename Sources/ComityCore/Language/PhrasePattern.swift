/// A sentence from a phrase file with named placeholders: `"{counterpart} acknowledged it on {date}."`.
///
/// Swift chooses the sentence and supplies the values; the words, and where each value goes,
/// are the phrase file's. A placeholder the sentence may not use is refused when the file is read.
///
///     let p = try PhrasePattern("{n} days", slots: ["n"])
///     p.fill(["n": "3"])   // "3 days"
public struct PhrasePattern: Hashable, Sendable {
    enum Part: Hashable, Sendable {
        case literal(String)
        case slot(String)
    }

    let parts: [Part]

    /// Parses `text`, accepting only placeholders named in `slots`.
    public init(_ text: String, slots: Set<String>) throws(PhraseProblem.Reason) {
        var parts: [Part] = []
        var literal = ""
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if c == "}" { throw .malformed("a “}” with no “{” before it") }
            guard c == "{" else {
                literal.append(c)
                index = text.index(after: index)
                continue
            }
            guard let close = text[index...].firstIndex(of: "}") else { throw .malformed("a “{” that is never closed") }
            let name = String(text[text.index(after: index)..<close])
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter && $0.isASCII }) else {
                throw .malformed("“{\(name)}”, which is no placeholder (a name of letters between braces)")
            }
            guard slots.contains(name) else {
                let allowed = slots.sorted().map { "{\($0)}" }.joined(separator: ", ")
                throw .malformed("the placeholder {\(name)}, which this phrase does not have (it may use \(allowed.isEmpty ? "none" : allowed))")
            }
            if !literal.isEmpty { parts.append(.literal(literal)) }
            literal = ""
            parts.append(.slot(name))
            index = text.index(after: close)
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
    }

    /// The sentence with each placeholder replaced by its value (a value not given is left empty).
    public func fill(_ values: [String: String]) -> String {
        var text = ""
        for part in parts {
            switch part {
            case .literal(let literal): text += literal
            case .slot(let name): text += values[name] ?? ""
            }
        }
        return text
    }

    /// Whether the sentence uses the placeholder `name`.
    func uses(_ name: String) -> Bool { parts.contains(.slot(name)) }
}

/// What is wrong with a phrase file: the key, and why.
public struct PhraseProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Error, Equatable, Sendable {
        case missing
        case wrongType(String)
        case malformed(String)
    }

    /// The key as a path, e.g. `talkingPoints.raise`.
    public let key: String
    public let reason: Reason

    public var description: String {
        switch reason {
        case .missing: return "the key \(key) is missing"
        case .wrongType(let expected): return "the key \(key) should be \(expected)"
        case .malformed(let what): return "the key \(key) has \(what)"
        }
    }
}

/// The forms of a count: `{"one": "{n} day", "other": "{n} days"}`; a language without plurals gives `other` only.
public struct PhrasePlural: Hashable, Sendable {
    let one: PhrasePattern?
    let other: PhrasePattern
    /// The counts that take the `one` form (English: 1; French: 0 and 1).
    let oneCounts: Set<Int>

    public func text(_ n: Int) -> String {
        let form = oneCounts.contains(abs(n)) ? (one ?? other) : other
        return form.fill(["n": String(n)])
    }
}
