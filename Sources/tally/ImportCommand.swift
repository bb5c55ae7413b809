import ArgumentParser
import TallyApp
import TallyCore
import TallyFormats

/// `tally import`: an estate file into the store, in one transaction, remembered as an import batch.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import an estate file into the store: merge it, or replace the store's contents with it.",
        subcommands: [
            ImportFlexLMLogCommand.self, ImportLmstatCommand.self, ImportRlmstatCommand.self, ImportGLPICommand.self,
            ImportOsqueryCommand.self, ImportWinregCommand.self, ImportSWIDCommand.self, ImportCSVCommand.self,
        ])

    // Optional so that the subcommands (`tally import flexlm-log ...`) parse without it; `run` asks for it.
    @Option(name: .long, help: "The estate file (tally-estate/1 JSON).")
    var estate: String?

    @Option(
        name: .long,
        help:
            "merge: insert and update, keep what the file does not mention; replace: make the store equal to the file.")
    var mode: ImportMode = .merge

    @Flag(name: .customLong("dry-run"), help: "Only count what would be inserted, updated and removed.")
    var dryRun = false

    @OptionGroup var store: StoreOptions
    @OptionGroup var who: ActorOptions

    func run() async throws {
        // `tally import` alone: the group's help, its sources listed.
        guard let estate else { throw CleanExit.helpRequest(self) }
        try await reportingErrors {
            let progress = ProgressLine(enabled: Terminal.standardErrorIsTerminal)
            progress.say("reading \(estate)")
            let file = try upload(estate)
            let operations = try store.operations()
            let summary: ImportSummary
            do throws(TallyError) {
                summary = try await operations.importEstate(
                    consume file, mode: mode, dryRun: dryRun, by: who.caller
                ) { done, total in
                    progress.update(done, of: total, "records written")
                }
            } catch {
                throw CommandError.input(estate, reason: StoreOptions.hinted(error))
            }
            progress.done()
            Terminal.write(Self.report(summary, dryRun: dryRun, mode: mode))
        }
    }

    static func report(_ summary: ImportSummary, dryRun: Bool, mode: ImportMode) -> String {
        var lines = [
            dryRun
                ? "Dry run (\(mode.rawValue)): nothing was written."
                : "Imported as batch \(summary.batch ?? 0) (\(mode.rawValue))."
        ]
        lines.append("collection       inserted   updated  unchanged   removed")
        for (name, counts) in summary.collections + [("total", summary.total)] {
            lines.append(
                name.padding(toLength: 14, withPad: " ", startingAt: 0)
                    + [counts.inserted, counts.updated, counts.unchanged, counts.removed]
                    .map { String($0).leftPadded(to: 11) }.joined())
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension ImportMode: ExpressibleByArgument {}

extension String {
    /// The text right-aligned in `width` columns.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
