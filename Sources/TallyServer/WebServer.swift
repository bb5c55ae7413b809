import Hummingbird
import Logging
import ServiceLifecycle
import TallyApp

/// The web server: the API over the operations, on one address, stopped gracefully on SIGTERM or SIGINT (requests
/// under way finish; a write is one transaction, so nothing is left half-written).
public struct WebServer: Sendable {
    public var api: API
    public var host: String
    public var port: Int

    public init(api: API, host: String = "127.0.0.1", port: Int = 8080) {
        self.api = api
        self.host = host
        self.port = port
    }

    /// The application, for running or for tests.
    public func application(
        logger: Logger = Logger(label: "tally"), onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: api.router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "Tally"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// Serves until a signal asks it to stop; `ready` hears the port once the server listens.
    public func run(ready: @escaping @Sendable (Int) async -> Void) async throws {
        var logger = Logger(label: "tally")
        logger.logLevel = .info
        let app = application(logger: logger, onServerRunning: ready)
        let group = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
