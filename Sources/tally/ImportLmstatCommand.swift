import ArgumentParser
import TallyCore

/// `tally import lmstat`: one `lmutil lmstat -a` report as a dated sample of a FlexNet license server.
struct ImportLmstatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lmstat",
        abstract: "Import an `lmutil lmstat -a` (or -i) report as a sample: checkouts, ended sessions, pools.",
        discussion: "Each import is a sample at the report's time (or --at): its checkouts are open sessions, and "
            + "a session an earlier sample showed that this one no longer lists has ended at this time. The "
            + "server's pools and their expiry dates replace those kept from its previous sample. Import a server's "
            + "reports oldest first.")

    @Argument(help: "The saved output of `lmutil lmstat -a`.")
    var file: String

    @Option(name: .long, help: "When the report was taken (2026-11-29T14:30:00Z); default: the report's own date.")
    var at: Instant?

    @OptionGroup var server: LicenseServerOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var who: ActorOptions

    func run() async throws {
        try await reportingErrors {
            try await StatusSampleImport(kind: .lmstat).run(file: file, at: at, server: server, store: store, who: who)
        }
    }
}
