/// Keeps an export in memory, table by table, for callers that want the tables themselves.
struct InterchangeTableCollector: InterchangeWriter {
    typealias Failure = Never

    private(set) var tables: [InterchangeTableData] = []
    private var current: (table: InterchangeTable, columns: [InterchangeColumn])?
    private var rows: [[InterchangeValue]] = []

    mutating func begin(classification: Classification, withheld: Int) {}

    mutating func table(_ table: InterchangeTable, columns: [InterchangeColumn]) {
        close()
        current = (table, columns)
    }

    mutating func row(_ values: [InterchangeValue]) {
        rows.append(values)
    }

    mutating func end() {
        close()
    }

    private mutating func close() {
        guard let current else { return }
        tables.append(InterchangeTableData(table: current.table, columns: current.columns, rows: rows))
        rows = []
        self.current = nil
    }
}
