/// Receives an export as it leaves the database: its mark, then every table in import order
/// with its rows in key order. The JSON, XML and CSV forms and the tables kept in memory are
/// each one of these, so a streamed export and an encoded one are the same bytes.
public protocol InterchangeWriter {
    associatedtype Failure: Error

    /// The highest classification among the records that follow, and how many were withheld.
    mutating func begin(classification: Classification, withheld: Int) throws(Failure)
    /// A table begins; the previous one, if any, is over.
    mutating func table(_ table: InterchangeTable, columns: [InterchangeColumn]) throws(Failure)
    /// One row of the current table, a value per column.
    mutating func row(_ values: [InterchangeValue]) throws(Failure)
    /// One row of the current table as the database holds it; by default, `row` with its values.
    /// A writer that copies the cells' bytes straight into its output writes the same as `row` would.
    mutating func row(cells: InterchangeCells) throws(Failure)
    /// The last table is over.
    mutating func end() throws(Failure)
}

extension InterchangeWriter {
    public mutating func row(cells: InterchangeCells) throws(Failure) {
        var values: [InterchangeValue] = []
        values.reserveCapacity(cells.count)
        cells.values(into: &values)
        try row(values)
    }

    /// Writes tables already read into memory.
    public mutating func write(_ tables: [InterchangeTableData], withheld: Int) throws(Failure) {
        try begin(classification: InterchangeExport.classification(of: tables), withheld: withheld)
        for data in tables {
            try table(data.table, columns: data.columns)
            for values in data.rows { try row(values) }
        }
        try end()
    }
}

/// Bytes on their way to a sink, handed over a megabyte at a time.
///
/// The bytes themselves are an `ExportBytes`, which the writers' encoders fill without knowing
/// the sink's failure type: code generic over it would look up type metadata at every call.
struct InterchangeOutput<Failure: Error> {
    let buffer: ExportBytes
    private let sink: ([UInt8]) throws(Failure) -> Void
    private static var threshold: Int { 1 << 20 }

    init(sink: @escaping ([UInt8]) throws(Failure) -> Void) {
        self.sink = sink
        buffer = ExportBytes(capacity: Self.threshold + (1 << 16))
    }

    /// The bytes waiting.
    var bytes: [UInt8] { buffer.array }

    func append(_ text: String) { buffer.append(text) }

    func append(_ byte: UInt8) { buffer.append(byte) }

    /// Hands the bytes over once there are enough of them to be worth a write.
    func flushIfFull() throws(Failure) {
        if buffer.count >= Self.threshold { try flush() }
    }

    func flush() throws(Failure) {
        guard buffer.count > 0 else { return }
        try sink(buffer.handOver())
    }
}
