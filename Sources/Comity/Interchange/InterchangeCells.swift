import GRDB
import GRDBSQLite

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One row of an export as SQLite holds it, its cells read by position straight from the
/// statement: a writer copies text into its output without a `String` or a value per cell.
///
/// Every cell reads exactly as `values` gives it (GRDB's reading of it): text ends at its first
/// NUL, and text that is not UTF-8 is repaired, so `text` lends no bytes for it.
public struct InterchangeCells {
    let statement: SQLiteStatement
    /// One cell per column of the table, in column order.
    public let count: Int

    init(statement: SQLiteStatement, count: Int) {
        self.statement = statement
        self.count = count
    }

    /// A cell as a writer copies it.
    enum Cell {
        case null
        case integer(Int64)
        /// Text as it will be written: up to its first NUL; well-formed UTF-8 only when `ascii` is false and it was checked.
        case text(UnsafeBufferPointer<UInt8>)
        /// A fraction or a blob: written as its value says.
        case other
    }

    @inline(__always)
    func cell(_ index: Int) -> Cell {
        let position = Int32(truncatingIfNeeded: index)
        switch sqlite3_column_type(statement, position) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, position))
        case SQLITE_TEXT:
            guard let start = sqlite3_column_text(statement, position) else { return .other }
            let length = Int(sqlite3_column_bytes(statement, position))
            // GRDB reads text as a C string: it ends at the first NUL.
            let end = memchr(start, 0, length).map { UnsafeRawPointer($0) - UnsafeRawPointer(start) } ?? length
            return .text(UnsafeBufferPointer(start: start, count: end))
        default: return .other
        }
    }

    /// The cell as a value, as GRDB reads it and the export has always taken it.
    func value(_ index: Int) -> InterchangeValue {
        ComityStore.value(DatabaseValue(sqliteStatement: statement, index: Int32(truncatingIfNeeded: index)))
    }

    /// Every cell as a value, in column order.
    public func values(into values: inout [InterchangeValue]) {
        values.removeAll(keepingCapacity: true)
        for index in 0..<count { values.append(value(index)) }
    }
}
