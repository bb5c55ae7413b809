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
        discussion: "A feature becomes the product VENDOR:FEATURE (concurrent) the first time it is seen. "
            + "Importing a log again, or a longer version of it, adds only what is new.")

    @Argument(help: "The debug log files.")
    var files: [String]

    @Option(name: .long, help: "The license server's name, kept with each session (default: the vendor daemon).")
    var server: String?

    @Option(name: .long, help: "The time zone the log's times are in (e.g. Europe/Madrid); UTC by default.")
    var timezone: String?

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let timezone, TimeZone(identifier: timezone) == nil {
            throw ValidationError("--timezone \(timezone) is not a time zone; use a name such as Europe/Madrid.")
        }
    }

    func run() throws {
        try reportingErrors {
            let zone = timezone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC") ?? .current
            let opened = try store.open()
            for file in files {
                let bytes = try Terminal.readFile(file)
                let report: FlexLMLogReport
                do throws(FormatError) {
                    report = try FlexLMLog.parse(bytes, timeZone: zone)
                } catch {
                    throw CommandError.input(file, reason: error.description)
                }
                let known = Set(try store.loadEstate(from: opened, asOf: Terminal.today).products.map(\.id))
                let source = "flexlm:" + (server ?? report.vendor ?? file)
                let records = report.estate(asOf: Terminal.today, source: source, known: known)
                let summary: ImportSummary
                do throws(StoreError) {
                    summary = try opened.importEstate(
                        records, mode: .merge,
                        source: ImportSource(name: file, digest: digest(bytes), actor: store.who, at: now),
                        dryRun: false)
                } catch {
                    throw CommandError.input(file, reason: error.description)
                }
                Terminal.write(Self.report(file, report, summary))
            }
        }
    }

    static func report(_ file: String, _ report: FlexLMLogReport, _ summary: ImportSummary) -> String {
        let counts = Dictionary(uniqueKeysWithValues: summary.collections.map { ($0.name, $0.counts) })
        let sessions = counts["usage"] ?? ImportCounts(), denials = counts["denials"] ?? ImportCounts()
        var lines = [
            "\(file): \(report.checkouts.count) checkouts and \(report.denials.count) denials read; "
                + "\(sessions.inserted) new sessions, \(sessions.updated) updated, \(sessions.unchanged) already "
                + "known; \(denials.inserted) new denials; \((counts["products"] ?? ImportCounts()).inserted) "
                + "new products."
        ]
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
