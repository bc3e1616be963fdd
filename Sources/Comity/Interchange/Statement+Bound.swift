import GRDB
import GRDBSQLite

extension Statement {
    /// Runs the statement once with `values` bound, straight through SQLite's C API: a bulk
    /// load binds millions of values, and building GRDB's arguments for each row costs more
    /// than SQLite's insert. Throws the `DatabaseError` GRDB would throw; leaves nothing bound.
    func execute(bound values: [DatabaseValue], in db: Database) throws {
        try bind(values, from: 0, in: db)
    }

    /// Runs a statement of `rows` rows of `columns` values each, `value(row, column)` bound in turn.
    func execute(rows: Int, columns: Int, in db: Database, value: (Int, Int) -> DatabaseValue) throws {
        try bind(count: rows * columns, from: 0, in: db) { value($0 / columns, $0 % columns) }
    }

    /// Binds `values[index...]` and runs the statement. Text is bound where it lies, without a
    /// copy: each value's bytes stay in reach (in the closure that lends them) until the statement has run.
    private func bind(_ values: [DatabaseValue], from index: Int, in db: Database) throws {
        try bind(count: values.count, from: index, in: db) { values[$0] }
    }

    /// Binds values `index..<count` and runs the statement.
    private func bind(count: Int, from index: Int, in db: Database, _ values: (Int) -> DatabaseValue) throws {
        let handle = sqliteStatement
        guard index < count else {
            let result = sqlite3_step(handle)
            let error = result == SQLITE_DONE || result == SQLITE_ROW ? nil : failure(db)
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            if let error { throw error }
            return
        }
        let position = Int32(index + 1)
        let code: Int32
        switch values(index).storage {
        case .null:
            code = sqlite3_bind_null(handle, position)
        case .int64(let number):
            code = sqlite3_bind_int64(handle, position, number)
        case .double(let number):
            code = sqlite3_bind_double(handle, position, number)
        case .string(var text):
            return try text.withUTF8 { bytes in
                // An empty buffer may have no address, which SQLite would take for NULL.
                let code = bytes.isEmpty ? sqlite3_bind_text(handle, position, "", 0, Self.transient)
                    : sqlite3_bind_text(handle, position, bytes.baseAddress, Int32(bytes.count), nil)
                if code != SQLITE_OK { throw failure(db) }
                try bind(count: count, from: index + 1, in: db, values)
            }
        case .blob(let data):
            code = data.withUnsafeBytes { bytes in
                bytes.isEmpty ? sqlite3_bind_zeroblob(handle, position, 0)
                    : sqlite3_bind_blob(handle, position, bytes.baseAddress, Int32(bytes.count), Self.transient)
            }
        }
        if code != SQLITE_OK { throw failure(db) }
        try bind(count: count, from: index + 1, in: db, values)
    }

    private func failure(_ db: Database) -> DatabaseError {
        let connection = db.sqliteConnection
        return DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
                             message: String(cString: sqlite3_errmsg(connection)), sql: sql)
    }

    /// SQLite copies the bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
