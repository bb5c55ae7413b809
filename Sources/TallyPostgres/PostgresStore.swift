import Dispatch
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import TallyCore
import TallySQL
import TallyStore

/// The store on a PostgreSQL server, for an organisation that runs several servers on one database: the same SQL as
/// the embedded store, over a few pooled connections. Writes are serialised across every process by an advisory
/// lock taken in the transaction, so the audit chain is appended one entry after another, never forked; reads see
/// one consistent snapshot.
public final class PostgresStore: SQLStore {
    public let documentFolder: String
    let pool: PostgresPool
    private let lockTimeout: TimeInterval
    private let waiting: (@Sendable () -> Void)?

    /// Opens the store `settings` names, creating and migrating its tables when they are missing or older. A
    /// writer that finds another change in progress waits for it, up to `lockTimeout` seconds, calling `waiting`
    /// once. Documents attached to contracts are kept in `documentFolder`, which every server must share. A read of
    /// an installation table of `parallelReadRows` rows or more fetches its halves on two connections at once.
    public init(
        settings: PostgresSettings, documentFolder: String, connections: Int = 4, lockTimeout: TimeInterval = 300,
        parallelReadRows: Int64 = 200_000, waiting: (@Sendable () -> Void)? = nil
    ) throws(TallyError) {
        self.documentFolder = documentFolder
        self.lockTimeout = lockTimeout
        self.waiting = waiting
        do {
            pool = try PostgresPool(
                settings: settings, size: max(2, connections), parallelReadRows: max(2, parallelReadRows))
            try pool.with { connection in try PostgresMigrator.migrate(connection) }
        } catch let error as TallyError {
            throw error
        } catch {
            throw .cannotOpen(Self.reason(error))
        }
    }

    /// Creates an empty database on the server `settings` names (their database is the one to connect to), as a
    /// user who may create databases.
    public static func createDatabase(named name: String, on settings: PostgresSettings) throws(TallyError) {
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw .invalid(path: "database", reason: "a new database's name is letters, digits and _")
        }
        do {
            _ = try PostgresPool(settings: settings, size: 1).with { try $0.execute(sql: "CREATE DATABASE \(name)") }
        } catch {
            throw .cannotOpen(reason(error))
        }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T {
        try await onOwnThread { try self.transaction(writing: false) { try body(storeTransaction(on: $0)) } }
    }

    public func write<T: Sendable>(
        rollback: Bool, _ body: @escaping @Sendable (any StoreWriter) throws -> T
    ) async throws -> T {
        try await onOwnThread {
            try self.transaction(writing: true, rollback: rollback) { try body(storeTransaction(on: $0)) }
        }
    }

    public func transaction<T>(writing: Bool, _ body: (any SQLConnection) throws -> T) throws -> T {
        do {
            return try transaction(writing: writing, rollback: false, body)
        } catch {
            throw Self.translate(error)
        }
    }

    /// A read on a repeatable-read snapshot, or a write holding the write lock until it commits (or rolls back).
    private func transaction<T>(writing: Bool, rollback: Bool, _ body: (any SQLConnection) throws -> T) throws -> T {
        try pool.with { connection in
            try connection.execute(sql: writing ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            connection.parallelReads = writing ? nil : pool
            defer { connection.parallelReads = nil }
            do {
                if writing { try Self.takeWriteLock(connection, timeout: lockTimeout, waiting: waiting) }
                let result = try body(connection)
                try connection.execute(sql: rollback ? "ROLLBACK" : "COMMIT")
                return result
            } catch {
                _ = try? connection.execute(sql: "ROLLBACK")
                throw error
            }
        }
    }

    /// Runs scheduled work under a session advisory lock: nil, at once, when another process holds it.
    public func exclusively<T: Sendable>(
        _ work: ScheduledWork, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T? {
        let key = AdvisoryLock(work).key
        let connection = try await onOwnThread { [pool] in try pool.take() }
        let taken: Bool
        do {
            taken = try await onOwnThread {
                try Bool.fetchOne(connection, sql: "SELECT pg_try_advisory_lock(?)", arguments: [key]) ?? false
            }
        } catch {
            pool.give(connection, broken: true)
            throw error
        }
        guard taken else {
            pool.give(connection)
            return nil
        }
        let result: Result<T, any Error>
        do {
            result = .success(try await body())
        } catch {
            result = .failure(error)
        }
        do {
            _ = try await onOwnThread { try connection.execute(sql: "SELECT pg_advisory_unlock(?)", arguments: [key]) }
            pool.give(connection)
        } catch {
            // Closing the connection releases the locks of its session.
            pool.give(connection, broken: true)
        }
        return try result.get()
    }

    /// Takes the lock every write transaction holds until it ends, waiting for another writer up to `timeout`.
    private static func takeWriteLock(
        _ connection: PostgresSQLConnection, timeout: TimeInterval, waiting: (@Sendable () -> Void)?
    ) throws {
        let key = AdvisoryLock.write.key
        if try Bool.fetchOne(connection, sql: "SELECT pg_try_advisory_xact_lock(?)", arguments: [key]) == true {
            return
        }
        waiting?()
        let milliseconds = Int64(max(1, min(timeout, 86_400)) * 1000)
        try connection.execute(sql: "SET LOCAL lock_timeout = \(milliseconds)")
        try connection.execute(sql: "SELECT pg_advisory_xact_lock(?)", arguments: [key])
    }

    /// Runs blocking work on a thread of its own (a transaction's statements wait for the server), the driver's
    /// errors made the store's.
    private func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try work() }.mapError(Self.translate))
            }
        }
    }

    /// The driver's errors as the store's: a lock or serialisation conflict, or a lost connection, is worth a retry;
    /// anything else failed, in the server's own words. Errors of the caller's own pass as they are.
    static func translate(_ error: any Error) -> any Error {
        guard let error = error as? PSQLError else {
            if error is TallyError { return error }
            if error is ChannelError || error is IOError {
                return TallyError.unavailable("the connection to the database was lost")
            }
            return error
        }
        switch error.serverInfo?[.sqlState] {
        case "55P03", "40001", "40P01", "57014":
            return TallyError.unavailable(reason(error))
        default:
            break
        }
        switch error.code {
        case .serverClosedConnection, .connectionError:
            return TallyError.unavailable(reason(error))
        default:
            return TallyError.failed(reason(error))
        }
    }

    /// PostgreSQL's own words, without the driver's type names.
    static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let detail = error.serverInfo?[.detail].map { " (\($0))" } ?? ""
                return "PostgreSQL: \(message)\(detail)"
            }
            let refused = error.underlying.map { "\($0)".contains("refused") } ?? false
            return "cannot reach the database server"
                + (refused ? " (connection refused: is it running, on this host and port?)" : "")
        }
        if let error = error as? TallyError { return error.description }
        return "\(error)"
    }
}

/// The advisory locks the store takes, one number each, the same on every server.
enum AdvisoryLock: Sendable {
    /// Held by every write transaction until it ends.
    case write
    /// Held while the schema is brought up to date.
    case migrate
    /// Held by the server that raises and sends alerts.
    case alerts

    init(_ work: ScheduledWork) {
        switch work {
        case .alerts: self = .alerts
        }
    }

    var key: Int64 {
        // "tally" in ASCII, then the lock's number.
        let base: Int64 = 0x74_61_6C_6C_79_00
        switch self {
        case .write: return base + 1
        case .migrate: return base + 2
        case .alerts: return base + 3
        }
    }
}
