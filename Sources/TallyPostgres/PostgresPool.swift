import Dispatch
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import TallyCore

/// A few connections to the server, opened when first needed and reused; a caller waits when all are in use.
final class PostgresPool: @unchecked Sendable {
    private let configuration: PostgresConnection.Configuration
    private let logger = Logger(label: "tally.postgres")
    private let free: DispatchSemaphore
    private let lock = NIOLock()
    private var idle: [PostgresConnection] = []
    private var opened = 0
    /// How many rows a table has at least for a read to fetch its halves on two connections at once.
    let parallelReadRows: Int64

    init(settings: PostgresSettings, size: Int, parallelReadRows: Int64 = 200_000) throws {
        self.parallelReadRows = parallelReadRows
        var configuration = PostgresConnection.Configuration(
            host: settings.host, port: settings.port, username: settings.user, password: settings.password,
            database: settings.database, tls: try Self.tls(settings))
        configuration.options.connectTimeout = .seconds(10)
        self.configuration = configuration
        free = DispatchSemaphore(value: size)
    }

    private static func tls(_ settings: PostgresSettings) throws -> PostgresConnection.Configuration.TLS {
        switch settings.tls {
        case .disable: return .disable
        case .prefer: return .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require:
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .none
            return .require(try NIOSSLContext(configuration: configuration))
        case .verify: return .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
    }

    /// Runs `body` on a connection of the pool, blocking; a connection that failed is closed, not reused.
    func with<T>(_ body: (PostgresSQLConnection) throws -> T) throws -> T {
        let connection = try take()
        do {
            let result = try body(connection)
            give(connection)
            return result
        } catch {
            give(connection, broken: Self.isBroken(error))
            throw error
        }
    }

    /// A connection for the caller alone, blocking until one is free.
    func take() throws -> PostgresSQLConnection {
        free.wait()
        return try open()
    }

    /// A connection for the caller alone when one is free now, else nil.
    func takeIfFree() -> PostgresSQLConnection? {
        guard free.wait(timeout: .now()) == .success else { return nil }
        return try? open()
    }

    /// An idle connection, or a new one; the caller holds one of the pool's places.
    private func open() throws -> PostgresSQLConnection {
        if let connection = lock.withLock({ idle.popLast() }), !connection.isClosed {
            return PostgresSQLConnection(connection, logger: logger)
        }
        do {
            let id = lock.withLock {
                opened += 1
                return opened
            }
            let connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: id, logger: logger
            ).wait()
            let session = PostgresSQLConnection(connection, logger: logger)
            // Texts travel as UTF-8 whatever the database's own encoding.
            do {
                try session.execute(sql: "SET client_encoding = 'UTF8'")
            } catch {
                Self.close(connection)
                throw error
            }
            return session
        } catch {
            free.signal()
            throw error
        }
    }

    /// Hands a connection back: kept for the next caller, or closed when it failed in a way that leaves it unusable.
    func give(_ connection: PostgresSQLConnection, broken: Bool = false) {
        if broken || connection.connection.isClosed {
            Self.close(connection.connection)
        } else {
            lock.withLock { idle.append(connection.connection) }
        }
        free.signal()
    }

    private static func isBroken(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return error is ChannelError || error is IOError }
        return error.serverInfo == nil
    }

    /// Closes a connection, keeping it until it is closed (the driver asks that no connection go unclosed).
    private static func close(_ connection: PostgresConnection) {
        let closed: EventLoopFuture<Void> = connection.close()
        closed.whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    deinit {
        for connection in idle { Self.close(connection) }
    }
}
