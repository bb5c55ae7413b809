import Foundation
import GRDB
import TallyCore
import TallySQL
import TallyStore

/// The embedded store: one SQLite file (WAL, foreign keys on), migrated when opened. It holds SQL only: what to keep
/// and when is decided by the operations (`TallyApp`).
public final class SQLiteStore: SQLStore {
    let database: any DatabaseWriter
    /// Beside the store's file (`tally.sqlite.documents`); for a store in memory, a temporary folder.
    public let documentFolder: String

    /// How a store is opened.
    public enum Access: Sendable {
        /// Reading and writing; a new store is created (readable by its owner only).
        case readWrite
        /// Reading only: nothing is created or changed, and a read-only file or folder is read as it is.
        case readOnly
    }

    /// Opens the store at `path`: for writing, creating and migrating it; for reading only, as it is. A writer that
    /// finds another change in progress waits for it, up to `lockTimeout` seconds, calling `waiting` once.
    public init(
        path: String, access: Access = .readWrite, lockTimeout: TimeInterval = 300,
        waiting: (@Sendable () -> Void)? = nil
    ) throws(TallyError) {
        try StoreFile.check(path, access: access)
        documentFolder = path + ".documents"
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = Self.busyMode(timeout: lockTimeout, waiting: waiting)
        configuration.prepareDatabase { db in
            // With WAL, NORMAL never corrupts the file; a power cut may lose only the last commit.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        }
        do {
            switch access {
            case .readWrite:
                try StoreFile.create(path)
                guard StoreFile.isWritable(path) else {
                    throw TallyError.cannotOpen("the store's file or folder is read-only; only reading commands work")
                }
                let pool = try DatabasePool(path: path, configuration: configuration)
                try Self.migrate(pool)
                database = pool
            case .readOnly:
                configuration.readonly = true
                if StoreFile.isWritable(path) {
                    var pool = try DatabasePool(path: path, configuration: configuration)
                    if try pool.read({ db in
                        try !Self.migrator.hasCompletedMigrations(db) && !Self.migrator.hasBeenSuperseded(db)
                            && !Self.migrator.appliedIdentifiers(db).isEmpty
                    }) {
                        // A store from an earlier Tally, which can be written: brought up to date first.
                        var writing = configuration
                        writing.readonly = false
                        try Self.migrate(try DatabasePool(path: path, configuration: writing))
                        pool = try DatabasePool(path: path, configuration: configuration)
                    }
                    try Self.checkReadable(pool)
                    database = pool
                } else {
                    // A read-only file or folder: read as it is, leaving no -wal or -shm file behind.
                    let queue = try DatabaseQueue(path: "file:\(path)?immutable=1", configuration: configuration)
                    try Self.checkReadable(queue)
                    database = queue
                }
            }
        } catch let error as TallyError {
            throw error
        } catch {
            throw .cannotOpen(StoreFile.reason(error))
        }
    }

    /// A store in memory, for tests and trials, migrated like a file.
    public init() throws(TallyError) {
        documentFolder =
            FileManager.default.temporaryDirectory.appendingPathComponent(
                "tally-documents-\(UUID().uuidString)"
            ).path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        do {
            database = try DatabaseQueue(configuration: configuration)
            try Self.migrator.migrate(database)
        } catch {
            throw .cannotOpen(Self.reason(error))
        }
    }

    /// Migrates a store for writing, refusing one written by a newer Tally. The check reads; only a store that
    /// needs migrating waits for the write lock.
    private static func migrate(_ pool: DatabasePool) throws {
        let (complete, superseded) = try pool.read { db in
            (try migrator.hasCompletedMigrations(db), try migrator.hasBeenSuperseded(db))
        }
        if superseded { throw try newer(pool) }
        if !complete { try migrator.migrate(pool) }
    }

    /// Checks that a store opened for reading has this Tally's schema: a newer one can be read as long as it kept
    /// every table this one knows; an older one must be opened for writing once to be migrated.
    private static func checkReadable(_ reader: any DatabaseReader) throws {
        let complete = try reader.read { db in try migrator.hasCompletedMigrations(db) }
        let superseded = try reader.read { db in try migrator.hasBeenSuperseded(db) }
        guard complete || superseded else {
            let applied = try reader.read { db in try migrator.appliedIdentifiers(db) }
            throw TallyError.cannotOpen(
                applied.isEmpty
                    ? "it is not a Tally store"
                    : "it was written by an earlier Tally and must be upgraded by a command that writes first")
        }
    }

    /// The refusal of a store a newer Tally wrote, naming both schemas.
    private static func newer(_ reader: any DatabaseReader) throws -> TallyError {
        let known = migrator.migrations
        let unknown = try reader.read { db in try migrator.appliedIdentifiers(db) }.subtracting(known).sorted()
        return .cannotOpen(
            "it was written by a newer Tally (schema \"\(unknown.last ?? "?")\"); this Tally knows schemas up to "
                + "\"\(known.last ?? "?")\" and can only read it")
    }

    /// Waits for another writer: retries every 50 ms until `timeout`, telling `waiting` once, after a second.
    private static func busyMode(timeout: TimeInterval, waiting: (@Sendable () -> Void)?) -> Database.BusyMode {
        let tries = max(1, Int(timeout / 0.05))
        return .callback { attempt in
            if attempt == 20 { waiting?() }
            guard attempt < tries else { return false }
            usleep(50_000)
            return true
        }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T {
        do {
            let pool = database as? DatabasePool
            return try await database.read { db in
                try body(storeTransaction(on: SQLiteConnection(db, parallelReads: pool)))
            }
        } catch {
            throw Self.translate(error)
        }
    }

    public func write<T: Sendable>(
        rollback: Bool, _ body: @escaping @Sendable (any StoreWriter) throws -> T
    ) async throws -> T {
        do {
            return try await database.writeWithoutTransaction { db in
                try Self.inTransaction(db, rollback: rollback) { try body(storeTransaction(on: $0)) }
            }
        } catch {
            throw Self.translate(error)
        }
    }

    public func transaction<T>(writing: Bool, _ body: (any SQLConnection) throws -> T) throws -> T {
        do {
            if writing {
                return try database.writeWithoutTransaction { db in try Self.inTransaction(db, rollback: false, body) }
            }
            return try database.read { db in try body(SQLiteConnection(db, parallelReads: database as? DatabasePool)) }
        } catch {
            throw Self.translate(error)
        }
    }

    /// Runs `body` in an immediate transaction (the write lock taken at once), committed unless `rollback`.
    private static func inTransaction<T>(
        _ db: Database, rollback: Bool, _ body: (any SQLConnection) throws -> T
    ) throws -> T {
        var result: T?
        try db.inTransaction(.immediate) {
            result = try body(SQLiteConnection(db))
            return rollback ? .rollback : .commit
        }
        guard let result else { throw TallyError.failed("the transaction did not finish") }
        return result
    }

    /// The driver's errors as the store's: busy or locked is worth a retry, a store opened for reading refuses
    /// writes, anything else failed. Errors of the caller's own pass as they are.
    static func translate(_ error: any Error) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        switch error.resultCode.primaryResultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return TallyError.unavailable(reason(error))
        case .SQLITE_READONLY: return TallyError.unavailable("the store was opened for reading only")
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
