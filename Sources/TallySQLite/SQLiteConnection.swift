import Foundation
import GRDB
import TallyCore
import TallySQL

/// The store's SQL run on a GRDB connection, inside the transaction the store opened.
final class SQLiteConnection: SQLConnection {
    let db: Database
    /// In a read of a file store, the pool whose other connections may read a large table's second half at once.
    let parallelReads: DatabasePool?

    init(_ db: Database, parallelReads: DatabasePool? = nil) {
        self.db = db
        self.parallelReads = parallelReads
    }

    var dialect: SQLDialect { .sqlite }

    @discardableResult
    func execute(sql: String, arguments: SQLArguments) throws -> Int {
        try db.execute(sql: sql, arguments: Self.arguments(arguments))
        return db.changesCount
    }

    func forEachRow(sql: String, arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: sql)
        let columns = SQLColumns(statement.columnNames)
        let cursor = try GRDB.Row.fetchCursor(statement, arguments: Self.arguments(arguments))
        while let row = try cursor.next() {
            try body(SQLRow(values: (0..<row.count).map { Self.value(row[$0] as DatabaseValue) }, columns: columns))
        }
    }

    func prepare(sql: String) throws -> any SQLStatement {
        Prepared(statement: try db.makeStatement(sql: sql), db: db)
    }

    func bulkInsert(
        into table: String, columns: [String], rows: (_ add: ([SQLValue]) throws -> Void) throws -> Void
    ) throws {
        let insert = try BulkInsert(
            "INSERT INTO \(table) (\(columns.joined(separator: ", "))) "
                + "VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))", in: db)
        try rows { values in try insert.insert(values) }
    }

    func readInstallations() throws -> [Installation] {
        try InstallationReader.readAll(db, parallelOn: parallelReads)
    }

    func readInstallationTable() throws -> InstallationTable {
        try InstallationReader.readTable(db, parallelOn: parallelReads)
    }

    func insertInstallations(
        _ installations: [Installation], firstSeen day: Day, batch: Int64?, progress: (Int) -> Void
    ) throws {
        let insert = try BulkInsert(
            """
            INSERT INTO installation (device, product, version, source, installed, last_used, last_seen, removed,
            first_seen, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, in: db)
        for (i, item) in installations.enumerated() {
            try insert.insert { row in
                try row.text(item.device.rawValue)
                try row.text(item.product.rawValue)
                try row.text(item.version?.text)
                try row.text(item.source)
                try row.day(item.installed)
                try row.day(item.lastUsed)
                try row.day(item.lastSeen)
                try row.day(item.removed)
                try row.day(day)
                try row.int(batch)
            }
            if i & 0xFFFF == 0xFFFF { progress(i + 1) }
        }
    }

    private struct Prepared: SQLStatement {
        let statement: Statement
        let db: Database

        func execute(arguments: SQLArguments) throws -> Int {
            try statement.execute(arguments: SQLiteConnection.arguments(arguments))
            return db.changesCount
        }
    }

    static func arguments(_ arguments: SQLArguments) -> StatementArguments {
        StatementArguments(arguments.values.map(databaseValue))
    }

    static func databaseValue(_ value: SQLValue) -> DatabaseValue {
        switch value {
        case .null: return .null
        case .int(let number): return number.databaseValue
        case .real(let number): return number.databaseValue
        case .text(let text): return text.databaseValue
        case .blob(let bytes): return Data(bytes).databaseValue
        }
    }

    static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: return .null
        case .int64(let number): return .int(number)
        case .double(let number): return .real(number)
        case .string(let text): return .text(text)
        case .blob(let data): return .blob([UInt8](data))
        }
    }
}
