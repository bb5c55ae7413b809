import Foundation
import TallyCore
import TallyFormats
import TallyStore

/// What importing a FlexNet debug log read and did.
public struct FlexLMImport: Sendable {
    public var report: FlexLMLogReport
    /// The sessions' source (`flexlm:lic1`).
    public var source: String
    public var summary: ImportSummary
}

/// The license-server status reports Tally reads as samples.
public enum StatusReportKind: String, Sendable, CaseIterable {
    /// `lmutil lmstat -a` (FlexNet).
    case lmstat
    /// `rlmutil rlmstat -a` (Reprise RLM).
    case rlmstat

    /// The vendor of features the report names no vendor for.
    var defaultVendor: String { self == .lmstat ? "FLEXLM" : "RLM" }

    func parse(_ bytes: [UInt8], at: Instant?) throws(FormatError) -> LicenseStatusReport {
        switch self {
        case .lmstat: try LmstatReport.parse(bytes, at: at)
        case .rlmstat: try RlmstatReport.parse(bytes, at: at)
        }
    }
}

/// What importing a status report read and did.
public struct StatusImport: Sendable {
    public var report: LicenseStatusReport
    /// The server sampled: `--server`, else the first server up in the report, else the file's name.
    public var server: String
    /// Whether the report named the server (or the caller did).
    public var serverNamed: Bool
    public var sampledAt: Instant
    public var sample: LicenseSample
    public var summary: ImportSummary
}

/// Where a license-server log's sessions come from, so that the same checkouts are never counted twice.
struct LogOrigin: Sendable, Equatable {
    /// The sessions' source (`flexlm:lic1`).
    var source: String
    /// The time zone its clock was read in.
    var timeZone: String
    /// Import even what looks imported already.
    var again: Bool

    /// As kept with the import batch: `flexlm:lic1 (Europe/Madrid)`.
    var recorded: String { "\(source) (\(timeZone))" }
}

extension Operations {
    /// Imports a FlexNet debug log: checkouts become usage sessions, denials are kept, under the products their
    /// features count for (`featureMap`, kept for later imports, first). The same log again, or a longer version
    /// of it, adds only what is new; the same log under another server name or time zone is refused unless
    /// `again`.
    public func importFlexLMLog(
        _ file: consuming Upload, server: String?, timeZone: TimeZone, featureMap: [String: Product.ID] = [:],
        again: Bool, by caller: Caller, progress: ImportProgress? = nil
    ) async throws(TallyError) -> FlexLMImport {
        let name = file.name
        let at = now
        // A log runs to hundreds of megabytes: its digest is summed on another core while it is parsed.
        let digest = Background { [bytes = file.bytes] in AuditChain.digest(bytes) }
        let report = try readFlexLMLog(file, timeZone: timeZone)
        let batch = ImportSource(name: name, digest: digest.value, actor: caller.name, at: at)
        // The log's bytes are not needed once read: their memory goes back before the store is read.
        _ = consume file
        let source = "flexlm:" + (server ?? report.vendor ?? name)
        let origin = LogOrigin(source: source, timeZone: timeZone.identifier, again: again)
        let day = today
        let signing = signing
        let summary = try await writing { writer in
            try Self.importLicenseServer(
                featureMap: featureMap, source: batch, log: origin, progress: progress, signing: signing, in: writer
            ) { held in
                held.evidence(of: report, source: source, asOf: day)
            }
        }
        return FlexLMImport(report: report, source: source, summary: summary)
    }

    /// What a status report holds, read without importing it: a preview before the import.
    public func readStatusReport(
        _ file: Upload, kind: StatusReportKind, at: Instant?, timeZone: TimeZone
    ) throws(TallyError) -> LicenseStatusReport {
        do throws(FormatError) {
            return try kind.parse(file.bytes, at: at.map(timeZone.wallClock(of:)))
        } catch {
            throw .invalid(path: "", reason: error.description)
        }
    }

    /// What a FlexNet debug log holds, read without importing it: a preview before the import.
    public func readFlexLMLog(_ file: Upload, timeZone: TimeZone) throws(TallyError) -> FlexLMLogReport {
        do throws(FormatError) {
            return try FlexLMLog.parse(file.bytes, timeZone: timeZone)
        } catch {
            throw .invalid(path: "", reason: error.description)
        }
    }

    /// Imports a status report as a dated sample of its server: at the report's time, or `at`, else now. Its
    /// checkouts are open sessions; a session an earlier sample showed that this one no longer lists has ended.
    public func importStatusReport(
        _ file: Upload, kind: StatusReportKind, at: Instant?, server: String?, timeZone: TimeZone,
        featureMap: [String: Product.ID] = [:], by caller: Caller
    ) async throws(TallyError) -> StatusImport {
        // The parser reads the server's wall clock: it infers checkout years from the report's date, or `at`.
        let report = try readStatusReport(file, kind: kind, at: at, timeZone: timeZone)
        let sampledAt = at ?? report.reportedAt.map(timeZone.instant(ofWallClock:)) ?? now
        let named = server ?? report.servers.first(where: \.up)?.name ?? report.servers.first?.name
        let serverName = named ?? URL(fileURLWithPath: file.name).lastPathComponent
        let source = kind.rawValue + ":" + serverName
        let batch = ImportSource(name: file.name, digest: file.digest, actor: caller.name, at: now)
        let signing = signing
        let (summary, sample) = try await writing { writer in
            var sample = LicenseSample()
            let summary = try Self.importLicenseServer(
                featureMap: featureMap, source: batch, log: nil, progress: nil, signing: signing, in: writer
            ) { held in
                let evidence: LicenseServerEvidence
                (evidence, sample) = held.evidence(
                    of: report, at: sampledAt, server: serverName, source: source, timeZone: timeZone,
                    defaultVendor: kind.defaultVendor)
                return evidence
            }
            return (summary, sample)
        }
        return StatusImport(
            report: report, server: serverName, serverNamed: named != nil, sampledAt: sampledAt, sample: sample,
            summary: summary)
    }

    /// Counts a license-server feature (`VENDOR:FEATURE`) for `product` from now on, moving the sessions, denials
    /// and pools stored under it; the feature's own product goes once nothing else refers to it.
    public func mapFeature(_ feature: String, to product: Product.ID, by caller: Caller) async throws(TallyError) {
        let at = now
        let signing = signing
        try await writing { writer in
            guard let change = try Self.map(feature, to: product, in: writer) else {
                throw TallyError.conflict("\(feature) already counts for \"\(product)\"; nothing to change")
            }
            let state = EstateDigest(try writer.estate(asOf: at.day), keys: signing.digests)
            try signing.append(change, actor: caller.name, at: at, state: state, in: writer)
            try writer.markChanged()
        }
    }

    /// A feature map file's mappings (lines of `VENDOR:FEATURE,PRODUCT`).
    public func readFeatureMap(_ file: Upload) throws(TallyError) -> [String: Product.ID] {
        do throws(FormatError) {
            return try FeatureMapFile.parse(file.bytes)
        } catch {
            throw .invalid(path: "", reason: error.description)
        }
    }

    /// Writes what a license server said as one import (merged), in an open transaction: first the feature map,
    /// then the evidence `build` makes of what the store holds.
    static func importLicenseServer(
        featureMap: [String: Product.ID], source: ImportSource, log: LogOrigin?, progress: ImportProgress?,
        signing: AuditSigning = .unkeyed, in writer: any StoreWriter,
        build: (LicenseServerContext) -> LicenseServerEvidence
    ) throws -> ImportSummary {
        var mapped: [AuditChange] = []
        for (feature, product) in featureMap.sorted(by: { $0.key < $1.key }) {
            if let change = try map(feature, to: product, in: writer) { mapped.append(change) }
        }
        if let log, !log.again { try checkNotImported(source.digest, as: log, in: writer) }
        let kept = try writer.estate(asOf: source.at.day)
        if !mapped.isEmpty {
            let state = EstateDigest(kept, keys: signing.digests)
            for change in mapped {
                try signing.append(change, actor: source.actor, at: source.at, state: state, in: writer)
            }
        }
        let lastSamples = try writer.lastSamples()
        let built = build(
            LicenseServerContext(estate: kept, featureMap: try writer.featureMap(), lastSample: lastSamples))
        if let sample = built.sample {
            try checkOrder(
                server: sample.server, at: sample.at, importedAt: source.at, latest: lastSamples[sample.server])
        }
        if let log, !log.again { try checkNotShifted(built.records.usage, of: log, against: kept.usage, in: writer) }
        let summary = try importEstate(
            built.records, mode: .merge, source: source, dryRun: false, progress: progress, kept: kept,
            origin: log?.recorded, signing: signing, in: writer)
        if let sample = built.sample, let batch = summary.batch {
            try writer.recordSample(server: sample.server, at: sample.at, batch: batch, pools: sample.pools)
        }
        return summary
    }

    /// Maps a feature to a product and moves what is stored under the feature; nil when it was mapped so already.
    static func map(_ feature: String, to product: Product.ID, in writer: any StoreWriter) throws -> AuditChange? {
        guard try writer.product(product) != nil else {
            throw TallyError.invalid(
                path: "", reason: "\(feature) cannot count for \"\(product)\": there is no such product; add it first")
        }
        let before = try writer.featureMap()[feature]
        guard before != product else { return nil }
        try writer.setFeatureMapping(feature, to: product)
        let moved = try writer.moveFeature(feature, to: product)
        // The feature's own product goes once nothing refers to it (entitlements bought for it keep it).
        if feature != product.rawValue { _ = try writer.deleteProductIfUnreferenced(Product.ID(feature)) }
        return AuditChange(
            entity: "feature", id: feature, action: "map",
            before: before.map { JSONWriter.object(["product": .string($0.rawValue)]) },
            after: JSONWriter.object(["product": .string(product.rawValue), "moved": .int(moved)]))
    }

    /// Refuses a file imported already under another server name or time zone: its sessions would count twice.
    static func checkNotImported(_ digest: String, as log: LogOrigin, in reader: any StoreReader) throws {
        guard let batch = try reader.batch(digest: digest, otherThan: log.recorded) else { return }
        throw TallyError.conflict(
            "this file was imported already as batch \(batch.id) (\(batch.source), as \(batch.origin ?? "-"), "
                + "\(batch.at)); importing it as \(log.recorded) would count its sessions twice")
    }

    /// Refuses a log whose checkouts the store holds already from another source, or shifted by whole hours (the
    /// same log read in another time zone): among its first 200 ended sessions, 80 % (at least 5) matching stored
    /// ones of the same product, user, host, count and length is no coincidence.
    static func checkNotShifted(
        _ sessions: [UsageSession], of log: LogOrigin, against stored: [UsageSession], in reader: any StoreReader
    ) throws {
        struct Shape: Hashable {
            var product: Product.ID
            var user: String?
            var host: String?
            var count: Int
            var length: Int64
        }
        func shape(_ session: UsageSession) -> Shape? {
            guard let end = session.end else { return nil }
            return Shape(
                product: session.product, user: session.user, host: session.host, count: session.count,
                length: end.secondsSinceEpoch - session.start.secondsSinceEpoch)
        }
        let sample = sessions.lazy.filter { $0.end != nil }.prefix(200)
        guard sample.count >= 5 else { return }
        let wanted = Set(sample.compactMap(shape))
        var starts: [Shape: [(start: Int64, source: String?)]] = [:]
        for session in stored where session.source?.hasPrefix("flexlm:") == true {
            guard let key = shape(session), wanted.contains(key) else { continue }
            starts[key, default: []].append((session.start.secondsSinceEpoch, session.source))
        }
        var shifts: [Int64: (count: Int, example: UsageSession)] = [:]
        for session in sample {
            guard let key = shape(session), let candidates = starts[key] else { continue }
            let found = candidates.first { candidate in
                let shift = candidate.start - session.start.secondsSinceEpoch
                return shift % 3600 == 0 && abs(shift) <= 26 * 3600 && (shift != 0 || candidate.source != log.source)
            }
            guard let found else { continue }
            let shift = found.start - session.start.secondsSinceEpoch
            var example = session
            example.start = Instant(secondsSinceEpoch: found.start)
            example.source = found.source
            shifts[shift, default: (0, example)].count += 1
        }
        guard let (shift, best) = shifts.max(by: { $0.value.count < $1.value.count }),
            best.count * 5 >= sample.count * 4
        else { return }
        let named = try reader.batch(of: best.example).map { "batch \($0.id) (\($0.source), as \($0.origin ?? "-"))" }
        let hours = shift / 3600
        throw TallyError.conflict(
            "\(best.count) of the first \(sample.count) sessions of this log are in the store already"
                + (hours == 0 ? "" : ", \(abs(hours)) hours \(hours > 0 ? "later" : "earlier")")
                + ", from \(named ?? "an earlier import"): the same log imported under another server name or time "
                + "zone would count its sessions twice")
    }

    /// Refuses a sample older than one already kept for the server (the sessions it would continue are seen later
    /// already), and one dated after the import (a server clock in the future would refuse every real report after).
    static func checkOrder(server: String, at: Instant, importedAt: Instant, latest: Instant?) throws {
        if at.secondsSinceEpoch > importedAt.secondsSinceEpoch + 86_400 {
            throw TallyError.conflict(
                "the report is dated \(at), after the day it is imported; check the server's clock")
        }
        guard let latest, latest > at else { return }
        throw TallyError.conflict(
            "\(server) was sampled at \(latest) already, after this report's \(at); import a server's reports "
                + "oldest first")
    }
}
