import ArgumentParser
import TallyCore

/// `tally import rlmstat`: one `rlmutil rlmstat -a` report as a dated sample of a Reprise RLM license server.
struct ImportRlmstatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rlmstat",
        abstract: "Import an `rlmutil rlmstat -a` report as a sample: checkouts, ended sessions, pools.",
        discussion: "The same as `tally import lmstat`, for Reprise RLM servers: ISVs are the vendors, products "
            + "the features.")

    @Argument(help: "The saved output of `rlmutil rlmstat -a`.")
    var file: String

    @Option(name: .long, help: "When the report was taken (2026-11-29T14:30:00Z); default: now.")
    var at: Instant?

    @OptionGroup var server: LicenseServerOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var who: ActorOptions

    func run() async throws {
        try await reportingErrors {
            try await StatusSampleImport(kind: .rlmstat).run(file: file, at: at, server: server, store: store, who: who)
        }
    }
}
