import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import TallyAlerts
import TallyApp
import TallyCore
import TallyFormats
import TallySQLite
import TallyServer

/// `tally serve`: the web server and its REST API over the store.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the web application and its REST API over the store.",
        discussion: """
            With no account in the store yet, a one-time setup link creates the first admin. --demo serves a new \
            store holding the demo estate, with an admin account whose password is printed once. Stop with Ctrl-C \
            or SIGTERM: requests under way finish first.
            """)

    @Option(name: .long, help: "The address to listen on.") var host = "127.0.0.1"
    @Option(name: .long, help: "The port to listen on (0: any free one).") var port = 8080
    @Flag(name: .long, help: "Serve a new store holding the demo estate (in a temporary folder).") var demo = false
    @Option(
        name: .customLong("alerts-every"), parsing: .unconditional,
        help: "Minutes between runs of the alert rules (0: never; `tally alerts run` runs them by hand).")
    var alertsEvery: Int = 15
    @OptionGroup var smtp: SMTPOptions
    @Flag(name: .long, help: "Mark the session cookie Secure: the server is reached over TLS (through a proxy).")
    var secureCookies = false
    @Option(name: .long, help: "Serve HTTPS: the certificate chain (PEM); with --tls-key.") var tlsCertificate: String?
    @Option(name: .long, help: "Serve HTTPS: the private key (PEM); with --tls-certificate.") var tlsKey: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (tlsCertificate == nil) == (tlsKey == nil) else {
            throw ValidationError("Give both --tls-certificate and --tls-key, or neither.")
        }
        guard (0...10_080).contains(alertsEvery) else { throw ValidationError("--alerts-every is 0 to 10080 minutes.") }
    }

    func run() async throws {
        try await reportingErrors {
            let operations: Operations
            var announce: [String] = []
            var setup: SetupToken?
            var demoFolder: URL?
            defer { if let demoFolder { try? FileManager.default.removeItem(at: demoFolder) } }
            if demo {
                (operations, demoFolder, announce) = try await Self.demoStore()
            } else {
                operations = try store.operations()
                let any: Bool
                do throws(TallyError) { any = try await operations.hasAccounts() } catch { throw store.failure(error) }
                if !any { setup = SetupToken(value: UUID().uuidString.lowercased()) }
            }
            let tls = tlsCertificate.flatMap { certificate in tlsKey.map { (certificate: certificate, key: $0) } }
            let server = WebServer(
                api: API(operations: operations, secureCookies: secureCookies || tls != nil, setup: setup), host: host,
                port: port, tls: tls)
            let scheme = tls == nil ? "http" : "https"
            let messages = announce
            let host = host
            let firstAccount = setup
            do {
                var services: [any Service] = []
                if alertsEvery > 0 {
                    let runner = AlertRunner(operations: operations, smtp: try smtp.settings())
                    services.append(
                        AlertService(
                            runner: runner, interval: .seconds(alertsEvery * 60), logger: Logger(label: "tally")))
                }
                try await server.run(services: services) { port in
                    var lines = ["Tally serves \(scheme)://\(host):\(port)/ (Ctrl-C stops it)."] + messages
                    if let firstAccount {
                        lines.append(
                            "No account yet: open \(firstAccount.link(at: "\(scheme)://\(host):\(port)")) once to create "
                                + "the first admin (or use `tally user add`).")
                    }
                    Terminal.write(lines.joined(separator: "\n") + "\n")
                }
            } catch let error as ServeError {
                throw CommandError.input("tally serve", reason: error.description)
            } catch {
                throw CommandError.input(
                    "\(host):\(port)", reason: "cannot serve here (\(error)); choose another --port")
            }
        }
    }

    /// A new store in a temporary folder (removed when the server stops) with the demo estate, its positions of the
    /// past six months, and an admin account.
    private static func demoStore() async throws(CommandError) -> (Operations, URL, [String]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tally-demo-\(UUID().uuidString)")
        let path = folder.appendingPathComponent("demo.sqlite").path
        var options = StoreOptions()
        options.db = path
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .file(folder.path, reason: "cannot create the demo store's folder")
        }
        let operations = try options.operations()
        let estate = DemoEstate.make(asOf: Terminal.today)
        do throws(TallyError) {
            let file = Upload(name: "demo", bytes: EstateFile.encode(estate))
            _ = try await operations.importEstate(file, mode: .replace, dryRun: false, by: Caller("demo"))
            // Positions of the past six months, kept as snapshots, so that the dashboard has a history to chart.
            for months in (1...6).reversed() {
                _ = try await operations.reconcile(asOf: Terminal.today.adding(days: -30 * months), save: true)
            }
            let (_, password) = try await operations.addAccount("admin", role: .admin, by: Caller("demo"))
            return (
                operations, folder, ["Demo store: \(path)", "Sign in as admin with the one-time password \(password)"]
            )
        } catch {
            throw options.failure(error)
        }
    }
}
