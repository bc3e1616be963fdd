import GRDB
import GRDBSQLite

/// A record kept in one table, with the table's columns in the one order every reader uses.
///
/// A positional reader's `SELECT` lists the columns in this order (`selectList`) and reads
/// each by its place; the reader by name (`init(row:)`) finds each by its name. Both hand
/// their cells to the record's one decoder, `init(_: some CellReader<Self>)`, so the two
/// cannot disagree on a column, and a damaged value is refused the same way by both.
protocol StoredRecord {
    /// The table's columns in reading order, each case named as SQL names the column.
    associatedtype StoredColumn: RecordColumn
    /// The table, as SQL names it.
    static var databaseTableName: String { get }
    /// What a clerk calls one record of the table: "request", "follow-up".
    static var recordName: String { get }
    /// The columns that name one record in a message, in order.
    static var keyColumns: [StoredColumn] { get }
}

/// A stored record read through its one decoder.
protocol DecodedRecord: StoredRecord {
    /// Reads every column of the record, each checked (see `CellReader`).
    init(_ cells: some CellReader<Self>) throws(ComityError)
}

extension DecodedRecord {
    /// The record in a row that lists its columns as `selectList()` does.
    init(_ row: ColumnRow) throws(ComityError) { try self.init(row.reader(Self.self)) }

    /// The records of a statement that lists their columns as `selectList()` does, read by position.
    static func cursor(_ statement: Statement, arguments: StatementArguments = []) throws -> ColumnCursor<Self> {
        try ColumnCursor(statement, arguments: arguments) { row in try Self(row) }
    }
}

/// One column of a table: the case's name is the column's SQL name, its raw value the
/// column's place in the table's reading order.
protocol RecordColumn: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == Int32 {
    /// The SQL names of all columns, in order (`allNames()`, kept so a name costs no reflection).
    static var names: [String] { get }
}

extension RecordColumn {
    static func allNames() -> [String] { allCases.map { String(describing: $0) } }

    /// The column's SQL name.
    var name: String { Self.names[Int(rawValue)] }
}

extension StoredRecord {
    /// The columns of this record for a `SELECT`, in reading order, each prefixed with `alias.`
    /// when given. A column in `placeholders` is given as that SQL expression instead, for a
    /// query that does without it: it keeps its place, so every other column keeps its position.
    static func selectList(from alias: String? = nil, replacing placeholders: [StoredColumn: String] = [:]) -> String {
        StoredColumn.allCases.map { column in placeholders[column] ?? qualified(column, alias) }.joined(separator: ", ")
    }

    /// The columns of this record for a `SELECT` that reads only `kept`, the others NULL in
    /// their places; a reader of the rows reads only the kept columns.
    static func selectList(from alias: String? = nil, only kept: Set<StoredColumn>) -> String {
        StoredColumn.allCases.map { column in kept.contains(column) ? qualified(column, alias) : "NULL" }.joined(separator: ", ")
    }

    /// The key columns, for `ORDER BY`.
    static func keyList(from alias: String? = nil) -> String {
        keyColumns.map { qualified($0, alias) }.joined(separator: ", ")
    }

    private static func qualified(_ column: StoredColumn, _ alias: String?) -> String {
        alias.map { "\($0).\(column.name)" } ?? column.name
    }

    /// The count of columns, as a position in a row that holds this record and then another.
    static var columnCount: Int32 { Int32(StoredColumn.names.count) }

    /// The refusal of a damaged value in `column` of the record named by `key`.
    static func damaged(key: String, _ column: StoredColumn, _ why: String) -> ComityError {
        .damagedRecord(table: recordName, key: key, column: column.name, why: why)
    }
}

/// Reads one record's cells, each checked against what its column must hold: a value that
/// does not fit (a NULL where one is required, text where a number belongs, a date that is
/// no calendar date, a value no enumeration knows, a list that is not a list) throws
/// `ComityError.damagedRecord` naming the record, its column and what is wrong, never the
/// rest of the row. Nothing traps, and nothing damaged passes as something else.
protocol CellReader<Record> {
    associatedtype Record: StoredRecord
    func string(_ column: Record.StoredColumn) throws(ComityError) -> String
    func optionalString(_ column: Record.StoredColumn) throws(ComityError) -> String?
    /// Checks that the column holds text, without reading it (a letter's document).
    func requireText(_ column: Record.StoredColumn) throws(ComityError)
    func integer(_ column: Record.StoredColumn) throws(ComityError) -> Int64
    func optionalInteger(_ column: Record.StoredColumn) throws(ComityError) -> Int64?
    func date(_ column: Record.StoredColumn) throws(ComityError) -> CalendarDate
    func optionalDate(_ column: Record.StoredColumn) throws(ComityError) -> CalendarDate?
    func value<T: ColumnEnum>(_ column: Record.StoredColumn) throws(ComityError) -> T
    func optionalValue<T: ColumnEnum>(_ column: Record.StoredColumn) throws(ComityError) -> T?
    /// A JSON list of `T`; `elements` names them for a message ("texts").
    func list<T: ListElement>(_ column: Record.StoredColumn, of elements: String) throws(ComityError) -> [T]
    /// The refusal of the column's value for `why`, naming the record by its key.
    func damaged(_ column: Record.StoredColumn, _ why: String) -> ComityError
}

extension CellReader {
    /// 0 or 1, as SQLite keeps a flag.
    func flag(_ column: Record.StoredColumn) throws(ComityError) -> Bool {
        let value = try integer(column)
        guard value == 0 || value == 1 else { throw damaged(column, "holds \(value) where 0 or 1 belongs") }
        return value == 1
    }

    /// A whole number that fits an `Int` (every platform Comity runs on has 64-bit `Int`).
    func int(_ column: Record.StoredColumn) throws(ComityError) -> Int { Int(try integer(column)) }

    func optionalInt(_ column: Record.StoredColumn) throws(ComityError) -> Int? { try optionalInteger(column).map { Int($0) } }
}

/// Why a stored value was refused, in the words of `ComityError.damagedRecord`.
enum Damage {
    static let null = "is NULL where a value is required"

    /// How much of a key a message shows: every key Comity writes (64 characters at most) in
    /// full, and no more of a key that was itself damaged into a flood.
    static let keyLength = 80

    /// The storage class SQLite reports for a value, in words.
    static func storage(_ type: Int32) -> String {
        switch type {
        case SQLITE_INTEGER: return "a whole number"
        case SQLITE_FLOAT: return "a decimal number"
        case SQLITE_TEXT: return "text"
        case SQLITE_BLOB: return "binary data"
        default: return "nothing (NULL)"
        }
    }

    static func type(found: Int32, expected: String) -> String {
        found == SQLITE_NULL ? null : "holds \(storage(found)) where \(expected) belongs"
    }

    static func date(_ error: DateError) -> String {
        switch error {
        case .malformed(let text): return "holds '\(printable(text))', which is not a date written YYYY-MM-DD"
        case .impossible(let text, let why): return "holds \(text), which is not a real date (\(why))"
        case .outOfRange(let text):
            return "holds \(text), outside the years Comity accepts (\(CalendarDate.supportedYears.lowerBound)–\(CalendarDate.supportedYears.upperBound))"
        }
    }

    static func unknown<T: ColumnEnum>(_ text: String, _ type: T.Type) -> String {
        "holds '\(printable(text))', which is not one of \(T.columnValues.names)"
    }

    static func list(of elements: String) -> String { "does not hold a JSON list of \(elements)" }
}
