import GRDB

/// How the records of one table are read: its columns found by name, and where the fields of
/// its typed record sit among them. Reading needs no database, so it runs beside the writing.
struct ImportTablePlan: Sendable {
    let table: InterchangeTable
    /// The place of the table in `InterchangeTable.all`.
    let order: Int
    let columns: [InterchangeColumn]
    /// Column name → its place in `columns`.
    let position: [String: Int]
    /// The places of the key columns.
    let key: [Int]
    /// The kind of the table's typed record, and its fields (`ImportedRecord.fields`), each with its place in `columns`.
    let kind: ImportedRecord.Kind?
    let recordFields: [String]
    let recordSlots: [Int?]
    /// The clerk's today, which the rules of dated records are checked against.
    let today: CalendarDate

    init(_ db: Database, _ table: InterchangeTable, order: Int, today: CalendarDate) throws {
        self.table = table
        self.order = order
        self.today = today
        columns = try ComityStore.columns(db, table)
        position = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.name, $0) })
        let position = self.position
        key = table.key.compactMap { position[$0] }
        kind = ImportedRecord.Kind(rawValue: table.name)
        recordFields = ImportedRecord.fields[table.name] ?? []
        recordSlots = recordFields.map { position[$0] }
    }

    /// The plan of every table, in `InterchangeTable.all` order.
    static func all(_ db: Database, today: CalendarDate) throws -> [ImportTablePlan] {
        try InterchangeTable.all.enumerated().map { try ImportTablePlan(db, $1, order: $0, today: today) }
    }
}
