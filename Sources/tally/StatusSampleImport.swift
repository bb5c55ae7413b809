import Foundation
import TallyCore
import TallyFormats
import TallyStore

/// Imports one license-server status report (`lmstat`, `rlmstat`) as a dated sample: what the two commands share.
struct StatusSampleImport {
    /// The report's kind, as a source prefix (`lmstat`) and for messages.
    let kind: String
    /// The vendor of features the report names no vendor for.
    let defaultVendor: String
    let parse: ([UInt8], Instant?) throws(FormatError) -> LicenseStatusReport

    func run(file: String, at: Instant?, server options: LicenseServerOptions, store: StoreOptions) throws(CommandError)
    {
        let zone = options.zone
        let bytes = try Terminal.readFile(file)
        let report: LicenseStatusReport
        do throws(FormatError) {
            // The parser reads the server's wall clock: it infers checkout years from the report's date, or `at`.
            report = try parse(bytes, at.map(zone.wallClock(of:)))
        } catch {
            throw .input(file, reason: error.description)
        }
        let sampledAt = at ?? report.reportedAt.map(zone.instant(ofWallClock:)) ?? now
        let named = options.server ?? report.servers.first(where: \.up)?.name ?? report.servers.first?.name
        let server = named ?? URL(fileURLWithPath: file).lastPathComponent
        let source = kind + ":" + server
        let opened = try store.open()
        let featureMap = try options.featureMap()
        var sample = LicenseSample()
        let summary: ImportSummary
        do throws(StoreError) {
            summary = try opened.importLicenseServer(
                featureMap: featureMap,
                source: ImportSource(name: file, digest: digest(bytes), actor: store.who, at: now), log: nil,
                dryRun: false,
                progress: nil
            ) { held in
                let evidence: LicenseServerEvidence
                (evidence, sample) = held.evidence(
                    of: report, at: sampledAt, server: server, source: source, timeZone: zone,
                    defaultVendor: defaultVendor)
                return evidence
            }
        } catch {
            throw .input(file, reason: error.description)
        }
        Terminal.write(
            describe(file, report, server: server, named: named != nil, at: sampledAt, sample: sample, summary: summary)
        )
    }

    private func describe(
        _ file: String, _ report: LicenseStatusReport, server: String, named: Bool, at: Instant,
        sample: LicenseSample, summary: ImportSummary
    ) -> String {
        var lines = [
            "\(file): \(server) at \(at)" + (named ? "" : " (the report names no server; name it with --server)")
        ]
        let down = report.servers.filter { !$0.up }.map(\.name) + report.vendorDaemons.filter { !$0.up }.map(\.name)
        if !down.isEmpty { lines.append("down: " + down.joined(separator: ", ")) }
        if report.features.allSatisfy({ $0.inUse == nil }) {
            lines.append(
                "no use counted (server down, or an `lmstat -i` report): open sessions stay open"
                    + (sample.pools.isEmpty ? ", pools stay as kept" : "; \(sample.pools.count) pools kept"))
        } else {
            lines.append(
                "\(report.checkouts.count) checkouts: \(sample.started) started, \(sample.continuing) continuing; "
                    + "\(sample.ended) sessions ended; \(sample.pools.count) pools kept"
                    + (report.reservations > 0 ? "; \(report.reservations) licenses reserved (not use)" : "")
                    + (report.queued.isEmpty ? "" : "; \(report.queued.count) requests queued"))
        }
        let added = summary["products"].inserted
        if added > 0 { lines.append("\(added) new products (map them with `tally product map-feature`)") }
        if report.skippedLines > 0 { lines.append("\(report.skippedLines) lines not understood, left out") }
        return lines.joined(separator: "\n") + "\n"
    }
}
