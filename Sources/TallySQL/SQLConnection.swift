import TallyCore

/// One connection inside a transaction, as the store's SQL sees it: the same statements run on SQLite and on
/// PostgreSQL, with `?` marks for arguments, and the few phrases the two say differently taken from `dialect`.
public protocol SQLConnection: AnyObject {
    var dialect: SQLDialect { get }
    /// Runs a statement and returns how many rows it changed.
    @discardableResult
    func execute(sql: String, arguments: SQLArguments) throws -> Int
    /// Runs a query, handing its rows to `body` one by one.
    func forEachRow(sql: String, arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws
    /// A statement run many times with different arguments.
    func prepare(sql: String) throws -> any SQLStatement
    /// Inserts many rows into `table`: the backend's fastest path (one prepared statement, or COPY).
    func bulkInsert(
        into table: String, columns: [String], rows: (_ add: ([SQLValue]) throws -> Void) throws -> Void)
        throws

    // MARK: The installation table, the bulk of a store, read and written by the backends' own fast paths.

    /// Every installation in stored order.
    func readInstallations() throws -> [Installation]
    /// Every installation in stored order, as the table a position is computed from.
    func readInstallationTable() throws -> InstallationTable
    /// Appends installations first seen on `day`, written by `batch`.
    func insertInstallations(
        _ installations: [Installation], firstSeen day: Day, batch: Int64?, progress: (Int) -> Void)
        throws
}

extension SQLConnection {
    @discardableResult
    public func execute(sql: String) throws -> Int { try execute(sql: sql, arguments: []) }
}

/// A statement prepared once and run many times.
public protocol SQLStatement {
    @discardableResult
    func execute(arguments: SQLArguments) throws -> Int
}

/// What SQLite and PostgreSQL say differently.
public struct SQLDialect: Sendable {
    /// The operator that matches a pattern ignoring the case of ASCII letters.
    public let like: String
    /// A subquery of the values of a JSON list of texts given as one argument, named `value`.
    public let jsonTexts: String
    /// The same for a JSON list of integers.
    public let jsonIntegers: String

    /// Whether ids a table's column numbers by itself come from a sequence to move past rows copied with their ids.
    let sequences: Bool

    public static let sqlite = SQLDialect(
        like: "LIKE", jsonTexts: "SELECT value FROM json_each(?)", jsonIntegers: "SELECT value FROM json_each(?)",
        sequences: false)
    public static let postgres = SQLDialect(
        like: "ILIKE", jsonTexts: "SELECT value FROM jsonb_array_elements_text(CAST(? AS jsonb))",
        jsonIntegers: "SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST(? AS jsonb))",
        sequences: true)

    /// The statement that makes the ids `column` of `table` gives next follow the largest there, where it needs one.
    public func resetSequence(_ table: String, _ column: String) -> String? {
        guard sequences else { return nil }
        return "SELECT setval(pg_get_serial_sequence('\(table)', '\(column)'), max(\(column))) FROM \(table) "
            + "HAVING max(\(column)) IS NOT NULL"
    }
}

extension SQLRow {
    public static func fetchAll(_ db: any SQLConnection, sql: String, arguments: SQLArguments = []) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        try db.forEachRow(sql: sql, arguments: arguments) { rows.append($0) }
        return rows
    }

    public static func fetchOne(_ db: any SQLConnection, sql: String, arguments: SQLArguments = []) throws -> SQLRow? {
        try fetchAll(db, sql: sql, arguments: arguments).first
    }
}

extension SQLValueConvertible {
    /// The first column of every row.
    public static func fetchAll(_ db: any SQLConnection, sql: String, arguments: SQLArguments = []) throws -> [Self] {
        var values: [Self] = []
        try db.forEachRow(sql: sql, arguments: arguments) { row in values.append(row[0]) }
        return values
    }

    /// The first column of the first row, nil when there is none or it is null.
    public static func fetchOne(_ db: any SQLConnection, sql: String, arguments: SQLArguments = []) throws -> Self? {
        var value: Self?
        var first = true
        try db.forEachRow(sql: sql, arguments: arguments) { row in
            if first { value = row[0] as Self? }
            first = false
        }
        return value
    }
}

extension SQLRecord {
    public static func fetchAll(_ db: any SQLConnection, sql: String, arguments: SQLArguments = []) throws -> [Self] {
        var records: [Self] = []
        try db.forEachRow(sql: sql, arguments: arguments) { records.append(try Self(row: $0)) }
        return records
    }

    public static func fetchOne(_ db: any SQLConnection, sql: String, arguments: SQLArguments = []) throws -> Self? {
        try fetchAll(db, sql: sql, arguments: arguments).first
    }
}
