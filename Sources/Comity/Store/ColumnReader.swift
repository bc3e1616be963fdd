import GRDB
import GRDBSQLite

/// The current row of a stepped statement, read by column position straight from SQLite.
///
/// A stall report over a large store reads hundreds of thousands of rows; GRDB's `Row` looks
/// each column up by name and converts through generic decoding, which costs more than the
/// query itself. A row may hold several records side by side (a request, then its case), each
/// read by its own `ColumnReader`.
struct ColumnRow {
    let statement: SQLiteStatement

    /// A reader of the record of type `R` whose columns begin at position `base` of the row.
    func reader<R: StoredRecord>(_ type: R.Type, from base: Int32 = 0) -> ColumnReader<R> {
        ColumnReader(statement: statement, base: base)
    }
}

/// Reads one record of a row by position: column `c` is at `base + c.rawValue`, where
/// `R.selectList` put it. Each value is checked as `CellReader` says, without building
/// anything per row beyond the values themselves.
struct ColumnReader<Record: StoredRecord>: CellReader {
    let statement: SQLiteStatement
    var base: Int32 = 0

    @inline(__always)
    private func position(_ column: Record.StoredColumn) -> Int32 { base + column.rawValue }

    @inline(__always)
    private func storage(_ position: Int32) -> Int32 { sqlite3_column_type(statement, position) }

    /// The UTF-8 text at a position (empty for NULL).
    private func bytes(_ position: Int32) -> UnsafeRawBufferPointer {
        guard let text = sqlite3_column_text(statement, position) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, position)))
    }

    /// The UTF-8 text of a column that must hold text.
    private func text(_ column: Record.StoredColumn) throws(ComityError) -> UnsafeRawBufferPointer {
        let p = position(column)
        let found = storage(p)
        guard found == SQLITE_TEXT else { throw damaged(column, Damage.type(found: found, expected: "text")) }
        return bytes(p)
    }

    func isNull(_ column: Record.StoredColumn) -> Bool { storage(position(column)) == SQLITE_NULL }

    func string(_ column: Record.StoredColumn) throws(ComityError) -> String {
        String(decoding: try text(column), as: UTF8.self)
    }

    func optionalString(_ column: Record.StoredColumn) throws(ComityError) -> String? {
        isNull(column) ? nil : try string(column)
    }

    func requireText(_ column: Record.StoredColumn) throws(ComityError) { _ = try text(column) }

    func integer(_ column: Record.StoredColumn) throws(ComityError) -> Int64 {
        let p = position(column)
        let found = storage(p)
        guard found == SQLITE_INTEGER else { throw damaged(column, Damage.type(found: found, expected: "a whole number")) }
        return sqlite3_column_int64(statement, p)
    }

    func optionalInteger(_ column: Record.StoredColumn) throws(ComityError) -> Int64? {
        isNull(column) ? nil : try integer(column)
    }

    func date(_ column: Record.StoredColumn) throws(ComityError) -> CalendarDate {
        let text = try text(column)
        do {
            return try CalendarDate(isoBytes: text)
        } catch {
            throw damaged(column, Damage.date(error))
        }
    }

    func optionalDate(_ column: Record.StoredColumn) throws(ComityError) -> CalendarDate? {
        isNull(column) ? nil : try date(column)
    }

    /// One of an enumeration's raw values, matched without building a string.
    func value<T: ColumnEnum>(_ column: Record.StoredColumn) throws(ComityError) -> T {
        let text = try text(column)
        guard let value = T.columnValues.value(text) else {
            throw damaged(column, Damage.unknown(String(decoding: text, as: UTF8.self), T.self))
        }
        return value
    }

    func optionalValue<T: ColumnEnum>(_ column: Record.StoredColumn) throws(ComityError) -> T? {
        isNull(column) ? nil : try value(column) as T
    }

    func list<T: ListElement>(_ column: Record.StoredColumn, of elements: String) throws(ComityError) -> [T] {
        guard let list = JSONColumn.list(T.self, try text(column)) else { throw damaged(column, Damage.list(of: elements)) }
        return list
    }

    func damaged(_ column: Record.StoredColumn, _ why: String) -> ComityError {
        Record.damaged(key: key, column, why)
    }

    /// The record's key as stored, for a message.
    var key: String {
        Record.keyColumns.map { column in
            let p = position(column)
            return storage(p) == SQLITE_NULL ? "?" : printable(String(decoding: bytes(p), as: UTF8.self), limit: Damage.keyLength)
        }.joined(separator: "/")
    }
}

/// An enumeration stored as its raw value, readable by `ColumnReader`.
protocol ColumnEnum: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    static var columnValues: RawValueTable<Self> { get }
}

/// The raw values of an enumeration as bytes, for matching a column without a `String`.
struct RawValueTable<T: RawRepresentable & CaseIterable>: Sendable where T.RawValue == String, T: Sendable {
    private let entries: [([UInt8], T)]

    init() { entries = T.allCases.map { (Array($0.rawValue.utf8), $0) } }

    func value(_ bytes: UnsafeRawBufferPointer) -> T? {
        for (raw, value) in entries where raw.count == bytes.count {
            if raw.withUnsafeBytes({ $0.elementsEqual(bytes) }) { return value }
        }
        return nil
    }

    var names: String { entries.map { String(decoding: $0.0, as: UTF8.self) }.joined(separator: ", ") }
}

extension RequestState: ColumnEnum { static let columnValues = RawValueTable<Self>() }
extension ReplyKind: ColumnEnum { static let columnValues = RawValueTable<Self>() }
extension Classification: ColumnEnum { static let columnValues = RawValueTable<Self>() }
extension Urgency: ColumnEnum { static let columnValues = RawValueTable<Self>() }
extension Channel: ColumnEnum { static let columnValues = RawValueTable<Self>() }
extension EscalationStep: ColumnEnum { static let columnValues = RawValueTable<Self>() }
extension LetterKind: ColumnEnum { static let columnValues = RawValueTable<Self>() }
extension AuthorityRole: ColumnEnum { static let columnValues = RawValueTable<Self>() }
extension LegalBasisKind: ColumnEnum { static let columnValues = RawValueTable<Self>() }
extension EngagementLevel: ColumnEnum { static let columnValues = RawValueTable<Self>() }
extension PeriodUnit: ColumnEnum { static let columnValues = RawValueTable<Self>() }
extension Event.Action: ColumnEnum { static let columnValues = RawValueTable<Self>() }
extension Event.Subject: ColumnEnum { static let columnValues = RawValueTable<Self>() }
extension TranslatedField: ColumnEnum { static let columnValues = RawValueTable<Self>() }

/// A cursor over a prepared statement that builds each element from a `ColumnRow`.
final class ColumnCursor<Element>: DatabaseCursor {
    let _statement: Statement
    var _isDone = false
    private let decode: (ColumnRow) throws -> Element

    init(_ statement: Statement, arguments: StatementArguments, decode: @escaping (ColumnRow) throws -> Element) throws {
        try statement.setArguments(arguments)
        _statement = statement
        self.decode = decode
    }

    deinit {
        // A merge join may stop before the end; the statement is cached and used again.
        sqlite3_reset(_statement.sqliteStatement)
    }

    func _element(sqliteStatement: SQLiteStatement) throws -> Element {
        try decode(ColumnRow(statement: sqliteStatement))
    }
}
