import Foundation
import GRDB
import TallyCore
import TallyFormats
import TallyStore
import Testing

@testable import TallyApp
@testable import TallySQLite

@Suite("License-server evidence into the store")
struct LicenseServerImportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TallyFormatsTests/Fixtures")
    let day = Day(year: 2022, month: 7, day: 7) ?? Day(daysSinceEpoch: 0)

    static func fixture(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(path)))
    }

    func importLog(
        _ bytes: [UInt8], into store: SQLiteStore, map: [String: Product.ID] = [:], server: String = "lic1",
        timeZone: TimeZone = .gmt, digest: String = "00", again: Bool = false
    ) async throws -> ImportSummary {
        let report = try FlexLMLog.parse(bytes, timeZone: timeZone)
        let source = ImportSource(name: testSource.name, digest: digest, actor: testSource.actor, at: testSource.at)
        let origin = LogOrigin(
            source: "flexlm:\(server)", timeZone: timeZone.identifier, again: again)
        let day = day
        return try await store.write { writer in
            try Operations.importLicenseServer(
                featureMap: map, source: source, log: origin, progress: nil, in: writer
            ) { held in
                held.evidence(of: report, source: origin.source, asOf: day)
            }
        }
    }

    @discardableResult
    func importSample(_ text: String, at: String, into store: SQLiteStore) async throws -> LicenseSample {
        let report = try LmstatReport.parse(Array(text.utf8))
        let time = try #require(Instant(at))
        return try await store.write { writer in
            var sample = LicenseSample()
            _ = try Operations.importLicenseServer(
                featureMap: [:], source: testSource, log: nil, progress: nil, in: writer
            ) { held in
                let evidence: LicenseServerEvidence
                (evidence, sample) = held.evidence(
                    of: report, at: time, server: "28000@host1", source: "lmstat:28000@host1", timeZone: .gmt,
                    defaultVendor: "FLEXLM")
                return evidence
            }
            return sample
        }
    }

    /// An lmstat report of one server with the given checkouts of `feature2` (user and start `10/20 16:40`).
    static func report(at stamp: String, checkouts: [(user: String, start: String)], up: Bool = true) -> String {
        var lines = [
            "Flexible License Manager status on Fri \(stamp)", "",
            "License server status: 28000@host1", "",
            up ? "host1: license server UP (MASTER) v11.13" : "host1: Cannot connect to license server system.", "",
            "Feature usage info:", "",
        ]
        guard up else { return lines.joined(separator: "\n") + "\n" }
        lines += [
            "Users of feature2:  (Total of 10 licenses issued;  Total of \(checkouts.count) licenses in use)", "",
            "  \"feature2\" v31.0, vendor: vendor1, expiry: 31-dec-2017", "  floating license", "",
        ]
        for checkout in checkouts {
            lines.append(
                "    \(checkout.user) ws1 ws1 (v31.0) (host1/28000 5226), start Fri \(checkout.start)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("importing a log twice, or a log and then its longer version, leaves no duplicate")
    func noDuplicates() async throws {
        let full = try Self.fixture("flexlm/matlab.log")
        let lines = full.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let half = Array(lines.prefix(lines.count / 2).joined(separator: [UInt8(ascii: "\n")]))

        let once = try SQLiteStore()
        _ = try await importLog(full, into: once)
        let expected = try await once.loadEstate(asOf: day)

        let twice = try SQLiteStore()
        _ = try await importLog(full, into: twice)
        let again = try await importLog(full, into: twice)
        #expect(again.total.inserted == 0 && again.total.updated == 0)
        #expect(try await twice.loadEstate(asOf: day).usage.count == expected.usage.count)

        let growing = try SQLiteStore()
        let first = try await importLog(half, into: growing)
        let second = try await importLog(full, into: growing)
        #expect(first.total.inserted > 0 && second.total.inserted > 0)
        let grown = try await growing.loadEstate(asOf: day)
        #expect(grown.usage.count == expected.usage.count)
        func sessions(_ estate: Estate) -> Set<String> {
            Set(
                estate.usage.map { "\($0.product) \($0.user ?? "") \($0.start) \($0.end.map(\.description) ?? "open")" }
            )
        }
        #expect(sessions(grown) == sessions(expected))
        #expect(grown.denials.count == expected.denials.count)
        #expect(expected.products.allSatisfy { $0.license.metric == .concurrent && $0.id.rawValue.hasPrefix("MLM:") })
        #expect(expected.usage.allSatisfy { $0.feature == $0.product.rawValue })
    }

    /// Four imports of matlab.log under other names and zones counted every session four times.
    @Test("a log imported already under another server or time zone, or read shifted by hours, is refused")
    func reimportRefused() async throws {
        let log = try Self.fixture("flexlm/matlab.log")
        let store = try SQLiteStore()
        _ = try await importLog(log, into: store, digest: "d1")
        let usage = try await store.loadEstate(asOf: day).usage.count
        let otherServer = await failure { try await importLog(log, into: store, server: "lic2", digest: "d1") }
        #expect(otherServer?.contains("imported already as batch 1") == true)
        #expect(otherServer?.contains("flexlm:lic2 (GMT) would count its sessions twice") == true)
        // The same bytes with another digest (a copy edited by a line) read three hours off.
        let madrid = try #require(TimeZone(identifier: "Europe/Madrid"))
        let shifted = await failure { try await importLog(log, into: store, timeZone: madrid, digest: "d2") }
        #expect(
            shifted?.contains("sessions of this log are in the store already, 2 hours") == true,
            "\(shifted ?? "accepted")")
        let renamed = await failure { try await importLog(log, into: store, server: "lic2", digest: "d3") }
        #expect(renamed != nil)
        #expect(try await store.loadEstate(asOf: day).usage.count == usage)
        // The same log under its own name merges as before; --again imports it anyway.
        #expect(try await importLog(log, into: store, digest: "d1").total.inserted == 0)
        #expect(try await importLog(log, into: store, server: "lic2", digest: "d1", again: true).total.inserted > 0)
        #expect(try await store.loadEstate(asOf: day).usage.count == 2 * usage)
    }

    @Test("a checkout is seen until the last sample that lists it; a later sample without it does not extend it")
    func samplesEndSessions() async throws {
        let store = try SQLiteStore()
        let first = try await importSample(
            Self.report(at: "10/20/2017 17:00", checkouts: [("ann", "10/20 16:40"), ("bob", "10/20 09:15")]),
            at: "2017-10-20T17:00:00Z", into: store)
        #expect(first.started == 2 && first.ended == 0)
        var usage = try await store.loadEstate(asOf: day).usage
        // A session known from samples ends at the last sample that saw it, never later.
        #expect(usage.count == 2 && usage.allSatisfy { $0.end == Instant("2017-10-20T17:00:01Z") })
        #expect(usage.map(\.product) == [Product.ID("vendor1:feature2"), Product.ID("vendor1:feature2")])

        let second = try await importSample(
            Self.report(at: "10/20/2017 18:00", checkouts: [("ann", "10/20 16:40"), ("cy", "10/20 17:30")]),
            at: "2017-10-20T18:00:00Z", into: store)
        #expect(second.started == 1 && second.continuing == 1 && second.ended == 1)
        usage = try await store.loadEstate(asOf: day).usage
        #expect(usage.count == 3)
        let bob = try #require(usage.first { $0.user == "bob" })
        #expect(bob.start == Instant("2017-10-20T09:15:00Z") && bob.end == Instant("2017-10-20T17:00:01Z"))
        let seenLast = usage.filter { $0.end == Instant("2017-10-20T18:00:01Z") }
        #expect(seenLast.compactMap(\.user).sorted() == ["ann", "cy"])

        // The same sample again changes nothing; an older one is refused and changes nothing.
        let again = try await importSample(
            Self.report(at: "10/20/2017 18:00", checkouts: [("ann", "10/20 16:40"), ("cy", "10/20 17:30")]),
            at: "2017-10-20T18:00:00Z", into: store)
        #expect(again.started == 0 && again.continuing == 2 && again.ended == 0)
        await #expect(throws: TallyError.self) {
            try await importSample(
                Self.report(at: "10/20/2017 17:30", checkouts: []), at: "2017-10-20T17:30:00Z", into: store)
        }
        #expect(try await store.loadEstate(asOf: day).usage == usage)
        // Years later, the old samples are no use: today's position demands nothing of the feature.
        let today = try Reconciler.reconcile(try await store.loadEstate(asOf: day))
        #expect(today.consumers.isEmpty)
    }

    @Test("a report of a server that is down ends nothing, extends nothing and keeps the pools")
    func serverDown() async throws {
        let store = try SQLiteStore()
        try await importSample(
            Self.report(at: "10/20/2017 17:00", checkouts: [("ann", "10/20 16:40")]), at: "2017-10-20T17:00:00Z",
            into: store)
        let pools = try await store.read { try $0.serverPools() }
        #expect(pools.count == 1 && pools.first?.issued == 10 && pools.first?.expires == Day("2017-12-31"))
        let down = try await importSample(
            Self.report(at: "10/20/2017 18:00", checkouts: [], up: false), at: "2017-10-20T18:00:00Z", into: store)
        #expect(down.ended == 0)
        #expect(try await store.loadEstate(asOf: day).usage.map(\.end) == [Instant("2017-10-20T17:00:01Z")])
        #expect(try await store.read { try $0.serverPools() } == pools)
        // Back up, the server still lists the checkout: the same session, now seen until then.
        let up = try await importSample(
            Self.report(at: "10/20/2017 19:00", checkouts: [("ann", "10/20 16:40")]), at: "2017-10-20T19:00:00Z",
            into: store)
        #expect(up.continuing == 1 && up.started == 0)
        #expect(try await store.loadEstate(asOf: day).usage.map(\.end) == [Instant("2017-10-20T19:00:01Z")])
    }

    /// Imports one real status report as a sample taken at its own time (else at `at`), under `server`.
    func importReport(
        _ report: LicenseStatusReport, kind: String, server: String = "server", at: Instant? = nil,
        into store: SQLiteStore
    ) async throws -> Instant {
        let time = try #require(report.reportedAt ?? at)
        _ = try await store.write { writer in
            try Operations.importLicenseServer(
                featureMap: [:], source: testSource, log: nil, progress: nil, in: writer
            ) { held in
                held.evidence(
                    of: report, at: time, server: server, source: kind + ":" + server, timeZone: .gmt,
                    defaultVendor: "FLEXLM"
                ).0
            }
        }
        return time
    }

    /// Licenses a sample shows of one feature, worked out from the report itself: every checkout listed is out at
    /// the sample's time, and one user's checkouts on one host are one license holding their largest count.
    static func heldAtSample(_ report: LicenseStatusReport, feature: String) -> (sessions: Int, licenses: Int) {
        let listed = report.checkouts.filter { $0.feature == feature }
        let byHolder = Dictionary(grouping: listed, by: { $0.user + "@" + $0.host })
        return (listed.reduce(0) { $0 + $1.count }, byHolder.values.reduce(0) { $0 + $1.map(\.count).max()! })
    }

    @Test("lmstat_app1.txt, a sample from 2017, demands nothing today; on its own day it shows what was out")
    func oldLmstatSample() async throws {
        let store = try SQLiteStore()
        let report = try LmstatReport.parse(try Self.fixture("lmstat/lmstat_app1.txt"))
        let at = try await importReport(report, kind: "lmstat", into: store)
        #expect(at.day == Day("2017-10-20"))
        let today = try Reconciler.reconcile(try await store.loadEstate(asOf: Day("2026-11-29")!))
        #expect(today.consumers.isEmpty)
        // The review found 1,085 licenses of VENDOR1:feature1 demanded today: the sessions of that one sample.
        let then = try Reconciler.reconcile(try await store.loadEstate(asOf: at.day))
        let expected = Self.heldAtSample(report, feature: "feature1")
        #expect(expected.sessions == 1085)
        let pool = try #require(then.consumers.first { $0.product == "VENDOR1:feature1" })
        #expect(pool.units == expected.licenses && expected.licenses < expected.sessions)
    }

    @Test("the RLM sample from 2021 demands nothing today; on its own day it shows what was out")
    func oldRlmSample() async throws {
        let store = try SQLiteStore()
        let report = try RlmstatReport.parse(try Self.fixture("rlm/rlm_output.txt"))
        let at = try await importReport(report, kind: "rlmstat", into: store)
        let today = try Reconciler.reconcile(try await store.loadEstate(asOf: Day("2026-11-29")!))
        #expect(today.consumers.isEmpty)
        let then = try Reconciler.reconcile(try await store.loadEstate(asOf: at.day))
        let pool = try #require(then.consumers.first { $0.product == "csci:converge_super" })
        #expect(pool.units == Self.heldAtSample(report, feature: "converge_super").licenses)
        #expect(pool.units > 0)

        // Another server's licenses expired at the end of 2023: today its pools serve nothing.
        let other = try RlmstatReport.parse(try Self.fixture("rlm/another_rlm_output.txt"))
        _ = try await importReport(
            other, kind: "rlmstat", server: "licserv0001", at: Instant("2023-06-01T12:00:00Z"), into: store)
        let estate = try await store.loadEstate(asOf: Day("2026-11-29")!)
        let pools = try await store.read { try $0.serverPools() }.filter { $0.server == "licserv0001" }
        #expect(!pools.isEmpty && pools.allSatisfy { $0.expires == Day("2023-12-31") })
        let lines = PoolOutput.lines(estate, pools: pools, products: nil, today: Day("2026-11-29")!)
        #expect(lines.allSatisfy { $0.note.hasPrefix("expired: serves nothing") })
        #expect(try Reconciler.reconcile(estate).consumers.isEmpty)
    }

    @Test("opening a store from before: sessions its samples left open end at the server's last sample")
    func migrationEndsOpenSampleSessions() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tally-v3-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: path) }
        let older = try DatabaseQueue(path: path.path)
        try SQLiteStore.migrator.migrate(older, upTo: "v3: inventory evidence and the catalog")
        try await older.write { db in
            try db.execute(
                sql: """
                    INSERT INTO import_batch (id, source, digest, at, actor, mode, inserted, updated, unchanged, removed)
                    VALUES (1, 'a', '00', '2017-10-20T17:00:00Z', 't', 'merge', 0, 0, 0, 0);
                    INSERT INTO product (id, metric, min_cores_per_processor, min_cores_per_device, min_cores_per_vm,
                        core_factor, pvu_per_core, virtualization, window_days)
                    VALUES ('f', 'concurrent', 0, 0, 0, '1', '100', 'perVM', 90);
                    INSERT INTO license_server_sample (server, at, batch, checkouts, pools)
                    VALUES ('host1', 1508518800, 1, 2, 1), ('host1', 1508522400, 1, 1, 1);
                    INSERT INTO usage_session (product, user, start, end, count, source) VALUES
                        ('f', 'ann', 1508510000, NULL, 1, 'lmstat:host1'),
                        ('f', 'bob', 1508510000, 1508518800, 1, 'lmstat:host1'),
                        ('f', 'cy', 1508510000, NULL, 1, 'flexlm:host1');
                    """)
        }
        let store = try SQLiteStore(path: path.path)
        let ends = Dictionary(
            uniqueKeysWithValues: try await store.loadEstate(asOf: day).usage.map { ($0.user ?? "", $0.end) })
        // Ann's sample session was left open: it ends with the server's last sample (1508522400), one second in.
        #expect(ends["ann"] == Instant(secondsSinceEpoch: 1_508_522_401))
        #expect(ends["bob"] == Instant(secondsSinceEpoch: 1_508_518_800))
        // A session from a debug log is not a sample's: it is left as it was.
        #expect(ends["cy"] == .some(nil))
    }

    @Test("mapping a feature moves its sessions and removes its own product; re-imports stay without duplicates")
    func mappingFeatures() async throws {
        let store = try SQLiteStore()
        let log = try Self.fixture("flexlm/matlab.log")
        _ = try await importLog(log, into: store)
        let before = try await store.loadEstate(asOf: day)
        let matlabSessions = before.usage.filter { $0.product == "MLM:MATLAB" }.count
        #expect(matlabSessions > 0)

        let operations = store.operations()
        try await operations.addProduct(Product(id: "matlab", license: License(metric: .concurrent)), by: Caller("t"))
        try await operations.mapFeature("MLM:MATLAB", to: "matlab", by: Caller("t"))
        var after = try await store.loadEstate(asOf: day)
        #expect(after.usage.filter { $0.product == "matlab" }.count == matlabSessions)
        #expect(!after.products.contains { $0.id == "MLM:MATLAB" })
        #expect(try await store.read { try $0.featureMap() } == ["MLM:MATLAB": "matlab"])
        #expect(try await store.operations().auditLog(entity: "feature", id: "MLM:MATLAB").count == 1)

        // Several features onto one product, given with an import (a product map).
        let summary = try await importLog(log, into: store, map: ["MLM:SIMULINK": "matlab"])
        #expect(summary.total.inserted == 0)
        after = try await store.loadEstate(asOf: day)
        #expect(after.usage.count == before.usage.count)
        #expect(!after.products.contains { $0.id == "MLM:SIMULINK" })
        #expect(
            after.usage.filter { $0.product == "matlab" }.count
                == before.usage.filter { $0.product == "MLM:MATLAB" || $0.product == "MLM:SIMULINK" }.count)

        await #expect(throws: TallyError.self) {
            try await operations.mapFeature("MLM:Image_Toolbox", to: "nothing", by: Caller("t"))
        }
    }

    @Test("sessions exported as an estate file and merged back are unchanged and keep their feature")
    func exportedSessionsMergeBack() async throws {
        let store = try SQLiteStore()
        _ = try await importLog(try Self.fixture("flexlm/matlab.log"), into: store)
        let stored = try await store.loadEstate(asOf: day)
        let exported = try EstateFile.decode(EstateFile.encode(stored))
        #expect(exported.usage.count == stored.usage.count && exported.usage.allSatisfy { $0.feature == nil })
        let summary = try await store.importEstate(exported, mode: .merge, source: testSource, dryRun: false)
        #expect(summary["usage"].unchanged == stored.usage.count && summary["usage"].updated == 0)
        #expect(try await store.loadEstate(asOf: day).usage == stored.usage)
    }

    @Test("a replacing import drops the pools and mappings of the products it removes")
    func replaceDropsPools() async throws {
        let store = try SQLiteStore()
        try await importSample(
            Self.report(at: "10/20/2017 17:00", checkouts: [("ann", "10/20 16:40")]), at: "2017-10-20T17:00:00Z",
            into: store)
        try await store.importEstate(Estate(asOf: day), mode: .replace, source: testSource, dryRun: false)
        #expect(try await store.read { try $0.serverPools() }.isEmpty)
        #expect(try await store.loadEstate(asOf: day).usage.isEmpty)
    }
}
