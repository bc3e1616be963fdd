import GRDB

/// A record checked against its table's plan, ready to be written: the columns it sets with
/// their values, and what is wrong with it. Made without the database, so a file's records can
/// be checked on one thread while another writes them.
struct ImportRow: Sendable {
    /// The place of the table in `InterchangeTable.all`.
    let table: Int
    /// The columns set (bit n: column n), as `included` lists them.
    private(set) var mask: UInt64 = 0
    /// The places of the columns set, in column order.
    private(set) var included: [Int] = []
    /// Their values, as bound to the statement.
    private(set) var values: [DatabaseValue] = []
    /// Each problem with a field (or with the whole record when the field is nil).
    private(set) var problems: [(field: String?, message: String)] = []
    /// False when the record cannot be written at all.
    private(set) var valid = true
    /// The typed record, when every field could be read.
    private(set) var record: ImportedRecord?
    /// The rules the record breaks on its own, as the store's add methods would refuse it.
    private(set) var violations: [ValidationFailure] = []
    /// The rules it breaks against the records before it, when the reading thread judged them
    /// (`judge`); nil when the writing thread is to.
    private(set) var references: [RuleViolation]?

    /// The column each field name of the table's last record was found in, by the field's place:
    /// records repeat their names in the same order, so a name is looked up once.
    typealias Slots = [(name: String, column: Int?)]

    /// Checks `fields` against `plan`. `blank`: an absent value in a required text field is
    /// empty text (CSV cells cannot tell the two apart).
    init(_ fields: [(name: String, value: InterchangeValue)], plan: ImportTablePlan, blank: Bool, slots: inout Slots) {
        table = plan.order
        var given = [InterchangeValue?](repeating: nil, count: plan.columns.count)
        for (slot, (name, value)) in fields.enumerated() {
            let column: Int?
            if slot < slots.count && slots[slot].name == name {
                column = slots[slot].column
            } else {
                column = plan.position[name]
                if slot < slots.count { slots[slot] = (name, column) } else { slots.append((name, column)) }
            }
            if let index = column {
                if given[index] != nil { problems.append((name, "given twice")) } else { given[index] = value }
            } else if let field = Self.japaneseColumns[plan.table.name]?[name] {
                problems.append((name, "is a field of exports made before Comity kept translations in a table of their own; give the Japanese value as a row of translations instead (subject \(Self.subjects[plan.table.name]!), field \(field), lang ja) and leave this field out"))
            } else {
                problems.append((name, "not a field of \(plan.table.label); expected one of \(plan.columns.map(\.name).joined(separator: ", "))"))
            }
        }
        included.reserveCapacity(plan.columns.count)
        values.reserveCapacity(plan.columns.count)
        for (index, column) in plan.columns.enumerated() {
            guard let value = given[index] else {
                if column.notNull && !column.hasDefault { refuse(column.name, "missing; it is required") }
                else if !column.hasDefault { include(index, .null) }
                continue
            }
            switch value {
            case .invalid(let what):
                refuse(column.name, "is \(what); expected \(column.isInteger ? "a whole number" : "text")")
            case .null where column.notNull && blank && !column.isInteger:
                include(index, "".databaseValue)
            case .null where column.notNull:
                refuse(column.name, "is empty; it is required")
            case .text(let text) where column.isInteger:
                // CSV and XML carry numbers as text.
                if let number = Int64(text) { include(index, number.databaseValue) } else {
                    refuse(column.name, "is '\(text.prefix(40))'; expected a whole number")
                }
            case .integer where !column.isInteger:
                refuse(column.name, "is a number; expected text (in quotes)")
            case .null: include(index, .null)
            case .integer(let number): include(index, number.databaseValue)
            case .text(let text): include(index, text.databaseValue)
            }
        }
        guard problems.isEmpty, let kind = plan.kind else { return }
        // A record that gives every column (as an export does) holds each at its column's place.
        var slots = plan.recordSlots
        if included.count != plan.columns.count {
            var place = [Int?](repeating: nil, count: plan.columns.count)
            for (at, column) in included.enumerated() { place[column] = at }
            slots = slots.map { $0.flatMap { place[$0] } }
        }
        var fields = RecordCells(values: values, slots: slots, names: plan.recordFields)
        record = ImportedRecord.read(kind, &fields)
        for (field, message) in fields.problems { refuse(field, message) }
        violations = record?.problems(today: plan.today) ?? []
    }

    /// Whether the record can be written and breaks no rule of its own.
    var isSound: Bool { problems.isEmpty && violations.isEmpty && record != nil }

    /// Judges the record against the records before it, and keeps it in `ledger` for those after
    /// it, as the writer would: in a fresh import the file is all there is, so the thread that
    /// reads it can, and the writer's thread is spared the work.
    mutating func judge(_ ledger: inout ImportLedger) {
        guard valid, let record else { return }
        references = (try? ledger.violations(of: record)) ?? []
        ledger.note(record)
    }

    /// The values of the key columns, for finding the recorded row.
    func keyValues(_ plan: ImportTablePlan) -> [DatabaseValue] {
        plan.key.map { key in included.firstIndex(of: key).map { values[$0] } ?? .null }
    }

    private mutating func include(_ index: Int, _ value: DatabaseValue) {
        mask |= 1 << UInt64(index)
        included.append(index)
        values.append(value)
    }

    private mutating func refuse(_ field: String, _ message: String) {
        problems.append((field, message))
        valid = false
    }
}

extension ImportRow {
    /// The Japanese fields of exports made before translations had a table, by table: each
    /// field's name in the translations table.
    static let japaneseColumns: [String: [String: String]] = [
        "party": ["name_ja": "name"],
        "authority": ["name_ja": "name", "head_title_ja": "head-title", "head_name_ja": "head-name"],
        "legal_basis": ["instrument_ja": "instrument"],
        "request": ["subject_ja": "subject"],
        "reply": ["summary_ja": "summary"],
    ]

    /// The kind of record of each table that had Japanese fields, as translations name it.
    static let subjects = ["party": "party", "authority": "authority", "legal_basis": "basis", "request": "request", "reply": "reply"]
}
