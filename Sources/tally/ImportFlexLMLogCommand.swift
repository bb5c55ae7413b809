import ArgumentParser
import Foundation
import TallyApp
import TallyCore
import TallyFormats

/// `tally import flexlm-log`: checkouts and denials from FlexNet vendor-daemon debug logs into the store.
struct ImportFlexLMLogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flexlm-log",
        abstract: "Import FlexNet (FlexLM) debug logs: checkouts become usage sessions, denials are kept.",
        discussion: "A feature counts for the product it is mapped to (`tally product map-feature`), else for the "
            + "product VENDOR:FEATURE (concurrent), made the first time it is seen. Importing a log again, or a "
            + "longer version of it, adds only what is new.")

    @Argument(help: "The debug log files.")
    var files: [String]

    @Flag(
        help: ArgumentHelp(
            "Import a log even where it looks imported already (the same file, or the same checkouts shifted by "
                + "whole hours, under another server name or time zone)."))
    var again = false

    @OptionGroup var server: LicenseServerOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var who: ActorOptions

    func run() async throws {
        try await reportingErrors {
            let operations = try store.operations()
            var featureMap = try server.featureMap(operations)
            for path in files {
                let file = try upload(path)
                let progress = ProgressLine(enabled: Terminal.standardErrorIsTerminal)
                let imported: FlexLMImport
                do throws(TallyError) {
                    imported = try await operations.importFlexLMLog(
                        consume file, server: server.server, timeZone: server.zone, featureMap: featureMap,
                        again: again,
                        by: who.caller
                    ) { progress.update($0, of: $1, "records written") }
                } catch {
                    var reason = StoreOptions.hinted(error)
                    if case .conflict = error { reason += ". Give --again to import it anyway" }
                    throw CommandError.input(path, reason: reason)
                }
                progress.done()
                featureMap = [:]
                Terminal.write(Self.report(path, imported.report, imported.summary))
            }
        }
    }

    static func report(_ file: String, _ report: FlexLMLogReport, _ summary: ImportSummary) -> String {
        let sessions = summary["usage"], denials = summary["denials"]
        var lines = [
            "\(file): \(report.checkouts.count) checkouts and \(report.denials.count) denials read; "
                + "\(sessions.inserted) new sessions, \(sessions.updated) updated, \(sessions.unchanged) already "
                + "known; \(denials.inserted) new denials; \(summary["products"].inserted) new products."
        ]
        for jump in report.clockJumps.prefix(5) {
            lines.append(
                "The clock went back at line \(jump.line), from \(jump.lastBefore) to \(jump.firstAfter) (logs joined, "
                    + "or the clock reset): sessions open then end at \(jump.lastBefore).")
        }
        if report.clockJumps.count > 5 {
            lines.append("The clock went back \(report.clockJumps.count - 5) more times.")
        }
        let ignored = report.ignoredLines.sorted { $0.value > $1.value }
        if !ignored.isEmpty {
            lines.append(
                "Lines not used, by kind: "
                    + ignored.prefix(8).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                    + (ignored.count > 8 ? ", and \(ignored.count - 8) more kinds" : ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
