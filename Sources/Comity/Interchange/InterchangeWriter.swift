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
    /// The last table is over.
    mutating func end() throws(Failure)
}

extension InterchangeWriter {
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
struct InterchangeOutput<Failure: Error> {
    private(set) var bytes: [UInt8] = []
    private let sink: ([UInt8]) throws(Failure) -> Void
    private static var threshold: Int { 1 << 20 }

    init(sink: @escaping ([UInt8]) throws(Failure) -> Void) {
        self.sink = sink
        bytes.reserveCapacity(Self.threshold + (1 << 16))
    }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func append(_ more: [UInt8]) { bytes.append(contentsOf: more) }

    mutating func append(_ run: Slice<UnsafeBufferPointer<UInt8>>) { bytes.append(contentsOf: run) }

    mutating func append(_ number: Int64) { bytes.append(contentsOf: String(number).utf8) }

    /// Hands the bytes over once there are enough of them to be worth a write.
    mutating func flushIfFull() throws(Failure) {
        if bytes.count >= Self.threshold { try flush() }
    }

    mutating func flush() throws(Failure) {
        guard !bytes.isEmpty else { return }
        try sink(bytes)
        bytes.removeAll(keepingCapacity: true)
    }
}
