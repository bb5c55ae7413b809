import ArgumentParser
import Foundation
import TallyCore
import TallyFormats
import TallyStore

/// `tally import flexlm-log`: checkouts and denials from FlexNet vendor-daemon debug logs into the store.
struct ImportFlexLMLogCommand: ParsableCommand {
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

    func run() throws {
        try reportingErrors {
            let opened = try store.open()
            var featureMap = try server.featureMap()
            for file in files {
                let bytes = try Terminal.readFile(file)
                let report: FlexLMLogReport
                do throws(FormatError) {
                    report = try FlexLMLog.parse(bytes, timeZone: server.zone)
                } catch {
                    throw CommandError.input(file, reason: error.description)
                }
                let source = "flexlm:" + (server.server ?? report.vendor ?? file)
                let progress = ProgressLine(enabled: Terminal.standardErrorIsTerminal)
                let summary: ImportSummary
                do throws(StoreError) {
                    summary = try opened.importLicenseServer(
                        featureMap: featureMap,
                        source: ImportSource(name: file, digest: digest(bytes), actor: store.who, at: now),
                        log: LogOrigin(source: source, timeZone: server.zone.identifier, again: again),
                        dryRun: false, progress: { progress.update($0, of: $1, "records written") }
                    ) { held in
                        held.evidence(of: report, source: source, asOf: Terminal.today)
                    }
                } catch {
                    throw CommandError.input(file, reason: error.description)
                }
                progress.done()
                featureMap = [:]
                Terminal.write(Self.report(file, report, summary))
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
