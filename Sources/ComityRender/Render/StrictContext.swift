import Mustache

/// Notes what a render asked for and could not get, and what it may still write; one per render call.
final class LookupRecorder {
    let output: OutputKind
    private(set) var missingKeys: [String] = []
    private(set) var misuses: [String] = []
    private(set) var budget: OutputBudget

    init(output: OutputKind, budget: OutputBudget) {
        self.output = output
        self.budget = budget
    }

    /// Charges one item of a repeating section; false once the render may write no more.
    func repeatSection(_ key: String) -> Bool { budget.repeatSection(key) }

    func missing(_ key: String) {
        if !missingKeys.contains(key) { missingKeys.append(key) }
    }

    /// Charges text a render writes of its own (the tags that isolate a value); false once it may write no more.
    func spend(_ bytes: Int) -> Bool { budget.spend(bytes) }

    func misuse(_ problem: String) {
        if !misuses.contains(problem) { misuses.append(problem) }
    }

    /// Wraps a value found by a lookup; falsy values get their own type so no section ever pushes them.
    func found(_ value: TemplateValue, path: LookupPath) -> Any {
        value.isTruthy
            ? StrictContext(value: value, role: .value, path: path, recorder: self)
            : FalsyValue(value: value, path: path, recorder: self)
    }
}

/// A truthy `TemplateValue` as swift-mustache sees it, reporting every lookup that finds nothing.
///
/// swift-mustache searches the context stack from the top and the root last,
/// and continues a dotted name (`a.b`) only on the value the first part found.
/// Sections never push a looked-up value itself: this type is a one-element
/// `MustacheSequence`, so the library pushes the `.frame` it yields instead.
/// Hence a miss on a `.frame` is harmless (the search goes on below it), a
/// miss on the `.root` means no object on the stack has the key, and a miss
/// on a `.value` can only be the later part of a dotted name, which has no
/// fallback.
struct StrictContext: MustacheParent, MustacheSequence, MustacheCustomRenderable, MustacheTransformable {
    enum Role { case root, frame, value }

    let value: TemplateValue
    let role: Role
    /// The key path the value was reached by, for messages.
    let path: LookupPath
    let recorder: LookupRecorder

    func child(named name: String) -> Any? {
        if case .object(let fields) = value, let field = fields[name] {
            return recorder.found(field, path: path.appending(name))
        }
        switch role {
        case .root: recorder.missing(name)
        case .frame: break
        case .value: recorder.missing(path.appending(name).text)
        }
        return nil
    }

    func makeIterator() -> Frames { Frames(self) }

    /// The frames a section pushes, one per item of a list or one for any other value, each
    /// charged to the render's budget as the section comes to it.
    struct Frames: IteratorProtocol {
        private let source: StrictContext
        private let items: [TemplateValue]
        private var index = 0

        init(_ source: StrictContext) {
            self.source = source
            if case .list(let items) = source.value { self.items = items } else { items = [source.value] }
        }

        mutating func next() -> StrictContext? {
            guard index < items.count, source.recorder.repeatSection(source.path.name) else { return nil }
            index += 1
            return StrictContext(value: items[index - 1], role: .frame, path: source.path, recorder: source.recorder)
        }
    }

    var renderText: String { recorder.text(of: value, path: path) }
    var isNull: Bool { false }

    func transform(_ name: String) -> Any? { recorder.transform(name, value: value, path: path) }
}

/// The key path a value was reached by (`request.sent.text`), spelled out only when a message needs it,
/// so a lookup that succeeds builds no text.
struct LookupPath {
    static let root = LookupPath(parent: "", name: "")

    let parent: String
    let name: String

    var text: String { parent.isEmpty ? name : name.isEmpty ? parent : "\(parent).\(name)" }

    func appending(_ name: String) -> LookupPath { LookupPath(parent: text, name: name) }
}

/// A falsy value (empty text, `false`, empty list): sections skip it and inverted sections show without pushing it.
struct FalsyValue: MustacheParent, MustacheCustomRenderable, MustacheTransformable {
    let value: TemplateValue
    let path: LookupPath
    let recorder: LookupRecorder

    /// Only a dotted name can reach here, as a falsy value is never on the stack.
    func child(named name: String) -> Any? {
        recorder.missing(path.appending(name).text)
        return nil
    }

    var renderText: String { recorder.text(of: value, path: path) }
    var isNull: Bool { true }

    func transform(_ name: String) -> Any? { recorder.transform(name, value: value, path: path) }
}

extension LookupRecorder {
    func text(of value: TemplateValue, path: LookupPath) -> String {
        let text: String
        switch value {
        case .text(let string): text = output.written(string)
        case .number(let number): text = String(number)
        case .flag(let flag): text = flag ? "true" : "false"
        case .list, .object:
            misuse("it prints '\(path.text.isEmpty ? "." : path.text)' as text, but that is \(value.kindDescription)")
            return ""
        }
        return budget.spend(text.utf8.count) ? text : ""
    }

    /// Runs swift-mustache's transforms on the plain value and wraps the result again.
    func transform(_ name: String, value: TemplateValue, path: LookupPath) -> Any? {
        if name == IsolatedValue.transformName { return IsolatedValue(value: value, path: path, recorder: self) }
        let result: Any?
        switch value {
        case .text(let string): result = string.transform(name)
        case .number(let number): result = number.transform(name)
        case .list(let items): result = Self.listTransform(name, items)
        case .object(let fields): result = name == "count" ? fields.count : name == "empty" ? fields.isEmpty : nil
        case .flag: result = nil
        }
        let wrapped: TemplateValue? =
            switch result {
            case let string as String: .text(string)
            case let string as Substring: .text(String(string))
            case let number as Int: .number(number)
            case let flag as Bool: .flag(flag)
            case let item as TemplateValue: item
            case let items as [TemplateValue]: .list(items)
            default: nil
            }
        guard let wrapped else {
            misuse("it applies \(name)() to '\(path.text)', which is \(value.kindDescription) and has no \(name)()")
            return nil
        }
        return found(wrapped, path: LookupPath(parent: "", name: "\(name)(\(path.text))"))
    }

    private static func listTransform(_ name: String, _ items: [TemplateValue]) -> Any? {
        switch name {
        case "first": return items.first ?? TemplateValue.text("")
        case "last": return items.last ?? TemplateValue.text("")
        case "reversed": return Array(items.reversed())
        case "count": return items.count
        case "empty": return items.isEmpty
        default: return nil
        }
    }
}

/// `{{isolated(name)}}`: a value from the record set apart from the document's own words. In HTML
/// it is written inside `<bdi>…</bdi>`, so a right-to-left override in a subject cannot turn the
/// sentence after it around; in XML and plain text it is written as `{{name}}` would be, so a
/// partial shared by an HTML and an XML letter can use it. Only for element content: an
/// attribute or a `<title>` takes `{{name}}`.
struct IsolatedValue: MustacheCustomRenderable {
    static let transformName = "isolated"
    static let open = "<bdi>", close = "</bdi>"

    let value: TemplateValue
    let path: LookupPath
    let recorder: LookupRecorder

    var renderText: String {
        let text = recorder.text(of: value, path: path)
        guard recorder.output == .html, !text.isEmpty else { return text }
        return recorder.spend(Self.open.utf8.count + Self.close.utf8.count) ? Self.open + text + Self.close : text
    }

    var isNull: Bool { !value.isTruthy }
}
