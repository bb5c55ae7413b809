import Foundation
import TallyCore
import TallyFormats
import TallyStore
import Testing

@testable import TallyApp
@testable import TallySQLite

/// Imports keep the estate exactly: what the store reconciles is what the file reconciles.
@Suite("Imports keep the estate")
struct EstateRoundTripTests {

    static let scenarios: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TallyFormatsTests/Fixtures/scenarios")

    static var scenarioNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: scenarios.path)) ?? [])
            .filter { $0.hasSuffix(".expected.json") }.map { String($0.dropLast(".expected.json".count)) }.sorted()
    }

    static func estate(_ name: String) throws -> Estate {
        try EstateFile.decode(Array(Data(contentsOf: scenarios.appendingPathComponent("\(name).estate.json"))))
    }

    @Test(
        "reconciling the store equals reconciling the file, for every scenario",
        arguments: Backend.allCases, scenarioNames)
    func reconcileEqualsFile(_ backend: Backend, _ name: String) async throws {
        let file = try Self.estate(name)
        let store = try backend.open()
        try await store.importEstate(file, mode: .replace)
        let fromStore = try Reconciler.reconcile(try await store.loadEstate(asOf: file.asOf))
        let fromFile = try Reconciler.reconcile(file)
        #expect(fromStore.positions == fromFile.positions)
        #expect(Array(fromStore.consumers).map(\.units) == Array(fromFile.consumers).map(\.units))
        // The operation reads the installations as a table of columns: the same position, the same whys.
        let operated = try await store.operations().reconcile(asOf: file.asOf, save: false).reconciliation
        #expect(operated.positions == fromFile.positions)
        #expect(Array(operated.consumers).map(\.why) == Array(fromFile.consumers).map(\.why))
    }

    @Test("import, export, import is a fixed point", arguments: Backend.allCases)
    func roundTrip(_ backend: Backend) async throws {
        let demo = DemoEstate.make(asOf: Day(year: 2026, month: 11, day: 29) ?? Day(daysSinceEpoch: 0))
        let store = try backend.open()
        try await store.importEstate(demo, mode: .replace)
        let exported = try await store.loadEstate(asOf: demo.asOf)
        let second = try backend.open()
        try await second.importEstate(exported, mode: .replace)
        #expect(try await second.loadEstate(asOf: demo.asOf) == exported)
        let again = try await store.importEstate(exported, mode: .replace)
        #expect(again.total.inserted == 0 && again.total.updated == 0 && again.total.removed == 0)
    }

    @Test("an installation table gives the position and the errors an installation list gives")
    func tableEqualsList() throws {
        let demo = DemoEstate.make(asOf: Day("2026-11-29")!)
        for day in [Day("2025-01-01")!, Day("2026-11-29")!] {
            var dated = demo
            dated.asOf = day
            var bare = dated
            bare.installations = []
            let fromTable = try Reconciler.reconcile(bare, installations: InstallationTable(dated.installations))
            let fromList = try Reconciler.reconcile(dated)
            #expect(fromTable.positions == fromList.positions)
            #expect(Array(fromTable.consumers).map(\.why) == Array(fromList.consumers).map(\.why))
        }
        var broken = demo
        broken.installations[3].installed = Day("2026-05-01")
        broken.installations[3].removed = Day("2026-04-01")
        broken.installations.append(Installation(device: "nowhere", product: broken.products[0].id))
        var bare = broken
        bare.installations = []
        func failure(_ body: () throws -> Reconciliation) -> String? {
            do {
                _ = try body()
                return nil
            } catch {
                return "\(error)"
            }
        }
        let list = failure { try Reconciler.reconcile(broken) }
        #expect(list?.hasPrefix("installations[3].removed") == true)
        #expect(
            failure { try Reconciler.reconcile(bare, installations: InstallationTable(broken.installations)) } == list)
    }
}
