import GRDB
import GRDBSQLite
import TallyCore
import TallySQL

/// One prepared INSERT run for millions of rows, binding each value straight into SQLite.
///
/// GRDB's argument lists allocate and convert per row; binding directly keeps a large import well above the
/// speed the store promises (300,000 rows per second).
struct BulkInsert {
    private let statement: Statement
    private let connection: OpaquePointer?

    init(_ sql: String, in db: Database) throws {
        statement = try db.makeStatement(sql: sql)
        connection = db.sqliteConnection
    }

    /// Inserts one row: `values` in the statement's column order.
    func insert(_ values: [SQLValue]) throws {
        let handle = statement.sqliteStatement
        for (i, value) in values.enumerated() { try bind(value, at: Int32(i + 1), handle) }
        let step = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard step == SQLITE_DONE else { throw failure(step) }
    }

    private func bind(_ value: SQLValue, at index: Int32, _ handle: OpaquePointer?) throws {
        let code: Int32
        switch value {
        case .null: code = sqlite3_bind_null(handle, index)
        case .int(let number): code = sqlite3_bind_int64(handle, index, number)
        case .real(let number): code = sqlite3_bind_double(handle, index, number)
        case .text(var text):
            code = text.withUTF8 { buffer in
                sqlite3_bind_text(handle, index, buffer.baseAddress, Int32(buffer.count), Self.transient)
            }
        case .blob(let bytes):
            code = bytes.withUnsafeBytes { buffer in
                sqlite3_bind_blob(handle, index, buffer.baseAddress, Int32(buffer.count), Self.transient)
            }
        }
        guard code == SQLITE_OK else { throw failure(code) }
    }

    private func failure(_ code: Int32) -> DatabaseError {
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }

    /// Inserts one row given column by column through `bind`, without building a list of values: the path of
    /// the largest collections (installations).
    func insert(_ bind: (inout Binder) throws -> Void) throws {
        var binder = Binder(handle: statement.sqliteStatement, failure: failure)
        try bind(&binder)
        let step = sqlite3_step(binder.handle)
        sqlite3_reset(binder.handle)
        guard step == SQLITE_DONE else { throw failure(step) }
    }

    /// Binds a row's values in column order.
    struct Binder {
        let handle: OpaquePointer?
        let failure: (Int32) -> DatabaseError
        private var index: Int32 = 1

        init(handle: OpaquePointer?, failure: @escaping (Int32) -> DatabaseError) {
            self.handle = handle
            self.failure = failure
        }

        mutating func text(_ value: String?) throws {
            guard var value else { return try null() }
            try check(
                value.withUTF8 {
                    sqlite3_bind_text(handle, index, $0.baseAddress, Int32($0.count), BulkInsert.transient)
                })
        }

        /// A day as `YYYY-MM-DD`: ten bytes, a string kept inline, so nothing is allocated.
        mutating func day(_ value: Day?) throws {
            try text(value?.description)
        }

        mutating func int(_ value: Int64?) throws {
            guard let value else { return try null() }
            try check(sqlite3_bind_int64(handle, index, value))
        }

        mutating func null() throws { try check(sqlite3_bind_null(handle, index)) }

        private mutating func check(_ code: Int32) throws {
            guard code == SQLITE_OK else { throw failure(code) }
            index += 1
        }
    }

    /// SQLite copies the bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
