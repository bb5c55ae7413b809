import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import ServiceLifecycle
import TallyApp

/// The web server: the API over the operations, on one address, stopped gracefully on SIGTERM or SIGINT (requests
/// under way finish; a write is one transaction, so nothing is left half-written).
public struct WebServer: Sendable {
    public var api: API
    public var host: String
    public var port: Int
    /// Serve HTTPS with this certificate chain and private key (PEM files), rather than HTTP.
    public var tls: (certificate: String, key: String)?

    public init(api: API, host: String = "127.0.0.1", port: Int = 8080, tls: (certificate: String, key: String)? = nil)
    {
        self.api = api
        self.host = host
        self.port = port
        self.tls = tls
    }

    /// The application, for running or for tests; a certificate or key that cannot be read is an error naming it.
    public func application(
        logger: Logger = Logger(label: "tally"), onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        var server = HTTPServerBuilder.http1()
        if let tls {
            let certificates: [NIOSSLCertificate]
            let key: NIOSSLPrivateKey
            do {
                certificates = try NIOSSLCertificate.fromPEMFile(tls.certificate)
            } catch {
                throw ServeError.unreadable(tls.certificate, "not a certificate in PEM")
            }
            do {
                key = try NIOSSLPrivateKey(file: tls.key, format: .pem)
            } catch {
                throw ServeError.unreadable(tls.key, "not a private key in PEM")
            }
            guard !certificates.isEmpty else { throw ServeError.unreadable(tls.certificate, "holds no certificate") }
            server = try .tls(
                .http1(),
                tlsConfiguration: .makeServerConfiguration(
                    certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(key)))
        }
        return Application(
            router: api.router(), server: server,
            configuration: .init(address: .hostname(host, port: port), serverName: "Tally"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// Serves until a signal asks it to stop, with `services` (scheduled work) beside it; `ready` hears the port
    /// once the server listens.
    public func run(services: [any Service] = [], ready: @escaping @Sendable (Int) async -> Void) async throws {
        var logger = Logger(label: "tally")
        logger.logLevel = .info
        let app = try application(logger: logger, onServerRunning: ready)
        let group = ServiceGroup(
            configuration: .init(
                services: [app] + services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

/// Why the server cannot start with what it was given.
public enum ServeError: Error, CustomStringConvertible {
    /// A file given (a certificate, a key) cannot be used: its path and why.
    case unreadable(String, String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): \(reason)"
        }
    }
}
