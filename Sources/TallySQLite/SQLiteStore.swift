import Foundation
import GRDB
import TallyCore
import TallyStore

/// The embedded store: one SQLite file (WAL, foreign keys on), migrated when opened. It holds SQL only: what to keep
/// and when is decided by the operations (`TallyApp`).
public final class SQLiteStore: Store {
    let database: any DatabaseWriter

    /// Opens (creating and migrating) the store at `path`.
    public init(path: String) throws(TallyError) {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // With WAL, NORMAL never corrupts the file; a power cut may lose only the last commit.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(database)
        } catch {
            throw .cannotOpen(Self.reason(error))
        }
    }

    /// A store in memory, for tests and trials, migrated like a file.
    public init() throws(TallyError) {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        do {
            database = try DatabaseQueue(configuration: configuration)
            try Self.migrator.migrate(database)
        } catch {
            throw .cannotOpen(Self.reason(error))
        }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T {
        do {
            let pool = database as? DatabasePool
            return try await database.read { db in try body(SQLiteTransaction(db: db, parallelReads: pool)) }
        } catch {
            throw Self.translate(error)
        }
    }

    public func write<T: Sendable>(
        rollback: Bool, _ body: @escaping @Sendable (any StoreWriter) throws -> T
    ) async throws -> T {
        do {
            return try await database.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction {
                    result = try body(SQLiteTransaction(db: db))
                    return rollback ? .rollback : .commit
                }
                guard let result else { throw TallyError.failed("the transaction did not finish") }
                return result
            }
        } catch {
            throw Self.translate(error)
        }
    }

    /// The driver's errors as the store's: busy or locked is worth a retry, anything else failed. Errors of the
    /// caller's own pass as they are.
    static func translate(_ error: any Error) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return TallyError.unavailable(reason(error))
        default: return TallyError.failed(reason(error))
        }
    }

    /// SQLite's own words, without the driver's type names.
    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "SQLite error \(error.resultCode.rawValue)" }
        if let error = error as? TallyError { return error.description }
        return "\(error)"
    }
}

/// One transaction of the SQLite store: every read and write of the store protocol, as SQL.
struct SQLiteTransaction: StoreWriter {
    let db: Database
    /// In a read of a file store, the pool whose other connections may read a large table's second half at once.
    var parallelReads: DatabasePool? = nil
}
