import Foundation
import GRDB
import TallyCore

/// The embedded store: one SQLite file (WAL, foreign keys on), migrated when opened.
public final class SQLiteStore: Store {
    let database: any DatabaseWriter

    /// Opens (creating and migrating) the store at `path`.
    public init(path: String) throws(StoreError) {
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
            throw .cannotOpen(path: path, reason: Self.reason(error))
        }
    }

    /// A store in memory, for tests and trials, migrated like a file.
    public init() throws(StoreError) {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        do {
            database = try DatabaseQueue(configuration: configuration)
            try Self.migrator.migrate(database)
        } catch {
            throw .cannotOpen(path: ":memory:", reason: Self.reason(error))
        }
    }

    /// Runs a write transaction, turning driver errors into the store's.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try database.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .database(Self.reason(error))
        }
    }

    /// Runs a read, turning driver errors into the store's.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try database.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .database(Self.reason(error))
        }
    }

    /// SQLite's own words, without the driver's type names.
    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "SQLite error \(error.resultCode.rawValue)" }
        return "\(error)"
    }
}
