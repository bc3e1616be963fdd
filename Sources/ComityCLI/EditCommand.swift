import ArgumentParser
import Comity

/// `comity edit KIND ID --FIELD VALUE … --reason TEXT`: corrections of recorded facts.
struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Correct a recorded fact; the old value, the new one, who and why stay in the history.",
        discussion: """
            Each field is an option named as in the matching 'add'; --clear FIELD empties an optional one. \
            --reason is required. Identifiers and a request's state are not corrected ('request move' changes a state), \
            and a correction that would make the history impossible is refused.
            """,
        subcommands: [
            EditParty.self, EditAuthority.self, EditBasis.self, EditCase.self, EditRequest.self, EditReply.self,
            EditFollowUp.self, EditEngagement.self, EditOutcome.self,
        ])
}

/// What every edit takes: the database, the clerk's clearance, the reason, the fields to clear,
/// and the identifiers a clerk might try to change, each refused with what to do instead.
struct EditOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @OptionGroup var clearance: ClearanceOption
    @Option(help: "Why the record is corrected, kept in its history.") var reason: String
    @Option(name: .customLong("clear"), help: ArgumentHelp("Empty an optional field, named as its option; repeat for each.", valueName: "field"))
    var clearing: [String] = []
    @Option(name: [.customLong("id"), .customLong("reference"), .customLong("code")], help: .hidden) var identifier: String?
    @Option(help: .hidden) var state: String?

    /// The refusal of a change no edit makes.
    func refuseFixed(_ kind: String) throws {
        if identifier != nil {
            throw ValidationFailure("the identifier of a \(kind) cannot be changed; record a new \(kind) instead")
        }
        if state != nil {
            throw ValidationFailure("a state is not corrected; move a request with 'comity request move REF STATE --on DATE'")
        }
    }

    /// Opens the desk and applies `edits`, after refusing an edit that names no field; the
    /// Japanese values given (`--…-ja`) are then recorded as translations of `translating`.
    func apply<Record>(_ kind: String, _ edits: FieldEdits<Record>, translating: (Event.Subject, String)? = nil,
                       _ correct: (Desk, String, (inout Record) throws -> Void) throws -> [Event]) throws {
        try refuseFixed(kind)
        try edits.checkClearing()
        guard !edits.isEmpty || !edits.japanese.isEmpty || !edits.japaneseCleared.isEmpty else {
            throw ValidationFailure("nothing to change: give at least one field to correct (see 'comity edit \(kind) --help')")
        }
        let japanese = try translating.map { try JapaneseShorthand.checked($0.0, $0.1, setting: edits.japanese, clearing: edits.japaneseCleared) } ?? [:]
        let desk = try global.openDesk(clearance)
        if !edits.isEmpty {
            for event in try correct(desk, reason, edits.apply) { Output.line("corrected \(event.correctionSummary)") }
        }
        if let (subject, id) = translating {
            for event in try JapaneseShorthand.record(desk, subject, id, japanese, reason: reason) { Output.line("corrected \(event.correctionSummary)") }
        }
    }
}

/// The changes an edit makes, built one field at a time: a field joins an edit with its option
/// and one `set` line.
struct FieldEdits<Record> {
    private var changes: [(inout Record) -> Void] = []
    private let clearing: [String]
    private var clearable: [String] = []

    init(clearing: [String]) { self.clearing = clearing }

    var isEmpty: Bool { changes.isEmpty }

    /// Sets a field when its option was given.
    mutating func set<Value>(_ path: WritableKeyPath<Record, Value>, _ value: Value?) {
        guard let value else { return }
        changes.append { $0[keyPath: path] = value }
    }

    /// Sets an optional field when its option was given, or empties it when `--clear name` names it.
    mutating func set<Value>(_ path: WritableKeyPath<Record, Value?>, _ value: Value?, clear name: String) throws {
        clearable.append(name)
        if clearing.contains(name) {
            if value != nil { throw ValidationFailure("--\(name) and --clear \(name) contradict each other; give one of them") }
            changes.append { $0[keyPath: path] = nil }
        } else if let value {
            changes.append { $0[keyPath: path] = value }
        }
    }

    /// The Japanese values given (nil: to clear), recorded as translations after the record's own changes.
    private(set) var japanese: [TranslatedField: String?] = [:]
    private(set) var japaneseCleared: Set<TranslatedField> = []

    /// Records a Japanese value when its option was given, or clears it when `--clear name` names it.
    mutating func translate(_ field: TranslatedField, _ value: String?, clear name: String) throws {
        clearable.append(name)
        if clearing.contains(name) {
            if value != nil { throw ValidationFailure("--\(name) and --clear \(name) contradict each other; give one of them") }
            japaneseCleared.insert(field)
        } else if let value {
            japanese[field] = value
        }
    }

    /// Any change of the record's own (a list, a child row), when `apply` is true.
    mutating func change(if apply: Bool, _ body: @escaping (inout Record) -> Void) {
        if apply { changes.append(body) }
    }

    /// Refuses `--clear` of a field this edit cannot empty.
    func checkClearing() throws {
        for name in clearing where !clearable.contains(name) {
            let choices = clearable.isEmpty ? "this record has no optional field to clear" : "the fields that can be cleared are \(clearable.joined(separator: ", "))"
            throw ValidationFailure("--clear \(name) names no optional field; \(choices)")
        }
    }

    func apply(_ record: inout Record) { for change in changes { change(&record) } }
}
