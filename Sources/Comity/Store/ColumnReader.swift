import GRDB
import GRDBSQLite

/// Reads the current row of a stepped statement by column position, straight from SQLite.
///
/// A stall report over a large store reads hundreds of thousands of rows; GRDB's `Row` looks
/// each column up by name and converts through generic decoding, which costs more than the
/// query itself. A value that does not fit its column is reported as a damaged database
/// rather than trapping.
struct ColumnReader {
    let statement: SQLiteStatement

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

    /// The column's UTF-8 text (empty for NULL).
    func bytes(_ column: Int32) -> UnsafeRawBufferPointer {
        guard let text = sqlite3_column_text(statement, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column)))
    }

    func string(_ column: Int32) -> String { String(decoding: bytes(column), as: UTF8.self) }

    func optionalString(_ column: Int32) -> String? { isNull(column) ? nil : string(column) }

    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(statement, column)) }

    func optionalInt(_ column: Int32) -> Int? { isNull(column) ? nil : int(column) }

    func bool(_ column: Int32) -> Bool { sqlite3_column_int64(statement, column) != 0 }

    func date(_ column: Int32) throws(ComityError) -> CalendarDate {
        do {
            return try CalendarDate(isoBytes: bytes(column))
        } catch {
            throw damaged(column, "is not a date (\(error))")
        }
    }

    func optionalDate(_ column: Int32) throws(ComityError) -> CalendarDate? { isNull(column) ? nil : try date(column) }

    /// One of an enumeration's raw values, matched without building a string.
    func value<T: ColumnEnum>(_ column: Int32) throws(ComityError) -> T {
        guard let value = T.columnValues.value(bytes(column)) else {
            throw damaged(column, "holds \"\(string(column))\", which is not one of \(T.columnValues.names)")
        }
        return value
    }

    func optionalValue<T: ColumnEnum>(_ column: Int32) throws(ComityError) -> T? { isNull(column) ? nil : try value(column) as T }

    private func damaged(_ column: Int32, _ what: String) -> ComityError {
        let name = sqlite3_column_name(statement, column).map { String(cString: $0) } ?? "column \(column)"
        return .store("the database's \(name) column \(what); run 'comity check' and restore from a backup if it fails")
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

/// A cursor over a prepared statement that builds each element with a `ColumnReader`.
final class ColumnCursor<Element>: DatabaseCursor {
    let _statement: Statement
    var _isDone = false
    private let decode: (ColumnReader) throws -> Element

    init(_ statement: Statement, arguments: StatementArguments, decode: @escaping (ColumnReader) throws -> Element) throws {
        try statement.setArguments(arguments)
        _statement = statement
        self.decode = decode
    }

    deinit {
        // A merge join may stop before the end; the statement is cached and used again.
        sqlite3_reset(_statement.sqliteStatement)
    }

    func _element(sqliteStatement: SQLiteStatement) throws -> Element {
        try decode(ColumnReader(statement: sqliteStatement))
    }
}
