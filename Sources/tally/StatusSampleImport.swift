import ArgumentParser
import TallyApp
import TallyCore
import TallyFormats

/// Imports one license-server status report (`lmstat`, `rlmstat`) as a dated sample, and says what it did: what the
/// two commands share.
struct StatusSampleImport {
    let kind: StatusReportKind

    func run(
        file path: String, at: Instant?, server options: LicenseServerOptions, store: StoreOptions, who: ActorOptions
    ) async throws(CommandError) {
        let operations = try store.operations()
        let featureMap = try options.featureMap(operations)
        let file = try upload(path)
        let imported: StatusImport
        do throws(TallyError) {
            imported = try await operations.importStatusReport(
                file, kind: kind, at: at, server: options.server, timeZone: options.zone, featureMap: featureMap,
                by: who.caller)
        } catch {
            var reason = StoreOptions.hinted(error)
            if case .conflict = error { reason += " (give a report's time with --at)" }
            throw .input(path, reason: reason)
        }
        Terminal.write(describe(path, imported))
    }

    private func describe(_ file: String, _ imported: StatusImport) -> String {
        let report = imported.report, sample = imported.sample
        var lines = [
            "\(file): \(imported.server) at \(imported.sampledAt)"
                + (imported.serverNamed ? "" : " (the report names no server; name it with --server)")
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
        let added = imported.summary["products"].inserted
        if added > 0 { lines.append("\(added) new products (map them with `tally product map-feature`)") }
        if report.skippedLines > 0 { lines.append("\(report.skippedLines) lines not understood, left out") }
        return lines.joined(separator: "\n") + "\n"
    }
}
