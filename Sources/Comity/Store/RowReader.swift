import GRDB
import GRDBSQLite

/// Reads one record of a GRDB `Row` by column name, for the record's `init(row:)`: whatever
/// order a query lists the columns in, each is found by its name, and checked as
/// `CellReader` says.
struct RowReader<Record: StoredRecord>: CellReader {
    let row: Row

    init(_ row: Row) { self.row = row }

    /// The column's value; a column the query left out reads as NULL.
    private func cell(_ column: Record.StoredColumn) -> DatabaseValue {
        (try? row.decode(DatabaseValue.self, forColumn: column.name)) ?? .null
    }

    /// The storage class of a value, as SQLite numbers it.
    private static func storage(_ value: DatabaseValue) -> Int32 {
        switch value.storage {
        case .null: return SQLITE_NULL
        case .int64: return SQLITE_INTEGER
        case .double: return SQLITE_FLOAT
        case .string: return SQLITE_TEXT
        case .blob: return SQLITE_BLOB
        }
    }

    func string(_ column: Record.StoredColumn) throws(ComityError) -> String {
        let value = cell(column)
        guard case .string(let text) = value.storage else {
            throw damaged(column, Damage.type(found: Self.storage(value), expected: "text"))
        }
        return text
    }

    func optionalString(_ column: Record.StoredColumn) throws(ComityError) -> String? {
        cell(column).isNull ? nil : try string(column)
    }

    func requireText(_ column: Record.StoredColumn) throws(ComityError) { _ = try string(column) }

    func integer(_ column: Record.StoredColumn) throws(ComityError) -> Int64 {
        let value = cell(column)
        guard case .int64(let number) = value.storage else {
            throw damaged(column, Damage.type(found: Self.storage(value), expected: "a whole number"))
        }
        return number
    }

    func optionalInteger(_ column: Record.StoredColumn) throws(ComityError) -> Int64? {
        cell(column).isNull ? nil : try integer(column)
    }

    func date(_ column: Record.StoredColumn) throws(ComityError) -> CalendarDate {
        let text = try string(column)
        do {
            return try CalendarDate(iso: text)
        } catch {
            throw damaged(column, Damage.date(error))
        }
    }

    func optionalDate(_ column: Record.StoredColumn) throws(ComityError) -> CalendarDate? {
        cell(column).isNull ? nil : try date(column)
    }

    func value<T: ColumnEnum>(_ column: Record.StoredColumn) throws(ComityError) -> T {
        let text = try string(column)
        guard let value = T(rawValue: text) else { throw damaged(column, Damage.unknown(text, T.self)) }
        return value
    }

    func optionalValue<T: ColumnEnum>(_ column: Record.StoredColumn) throws(ComityError) -> T? {
        cell(column).isNull ? nil : try value(column) as T
    }

    func list<T: ListElement>(_ column: Record.StoredColumn, of elements: String) throws(ComityError) -> [T] {
        var text = try string(column)
        guard let list = text.withUTF8({ JSONColumn.list(T.self, UnsafeRawBufferPointer($0)) }) else {
            throw damaged(column, Damage.list(of: elements))
        }
        return list
    }

    func damaged(_ column: Record.StoredColumn, _ why: String) -> ComityError {
        Record.damaged(key: key, column, why)
    }

    /// The record's key as stored, for a message.
    var key: String {
        Record.keyColumns.map { column in
            switch cell(column).storage {
            case .null: return "?"
            case .int64(let number): return String(number)
            case .double(let number): return String(number)
            case .string(let text): return printable(text, limit: Damage.keyLength)
            case .blob(let data): return printable(String(decoding: data, as: UTF8.self), limit: Damage.keyLength)
            }
        }.joined(separator: "/")
    }
}
