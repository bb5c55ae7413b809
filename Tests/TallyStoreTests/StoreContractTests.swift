import Foundation
import TallyCore
import TallyFormats
import Testing

@testable import TallyStore

/// The contract every store keeps, run against SQLite in memory and on a file through the real initialisers.
@Suite("Store contract")
struct StoreContractTests {
    enum Backend: String, CaseIterable {
        case memory, file
    }

    static func open(_ backend: Backend) throws -> any Store {
        switch backend {
        case .memory:
            return try SQLiteStore()
        case .file:
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("tally-test-\(UUID().uuidString).sqlite").path
            return try SQLiteStore(path: path)
        }
    }

    static let scenarios: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TallyFormatsTests/Fixtures/scenarios")

    static var scenarioNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: scenarios.path)) ?? [])
            .filter { $0.hasSuffix(".expected.json") }.map { String($0.dropLast(".expected.json".count)) }.sorted()
    }

    static func estate(_ name: String) throws -> Estate {
        try EstateFile.decode(Array(Data(contentsOf: scenarios.appendingPathComponent("\(name).estate.json"))))
    }

    static let source = ImportSource(
        name: "test.json", digest: "00", actor: "tester",
        at: Instant("2026-11-29T10:00:00Z") ?? Instant(secondsSinceEpoch: 0))

    @Test(
        "reconciling the store equals reconciling the file, for every scenario",
        arguments: Backend.allCases, scenarioNames)
    func reconcileEqualsFile(_ backend: Backend, _ name: String) throws {
        let file = try Self.estate(name)
        let store = try Self.open(backend)
        _ = try store.importEstate(file, mode: .replace, source: Self.source, dryRun: false)
        let fromStore = try Reconciler.reconcile(try store.loadEstate(asOf: file.asOf))
        let fromFile = try Reconciler.reconcile(file)
        #expect(fromStore.positions == fromFile.positions)
        #expect(Array(fromStore.consumers).map(\.units) == Array(fromFile.consumers).map(\.units))
    }

    @Test("import, export, import is a fixed point", arguments: Backend.allCases)
    func roundTrip(_ backend: Backend) throws {
        let demo = DemoEstate.make(asOf: Day(year: 2026, month: 11, day: 29) ?? Day(daysSinceEpoch: 0))
        let store = try Self.open(backend)
        _ = try store.importEstate(demo, mode: .replace, source: Self.source, dryRun: false)
        let exported = try store.loadEstate(asOf: demo.asOf)
        let second = try Self.open(backend)
        _ = try second.importEstate(exported, mode: .replace, source: Self.source, dryRun: false)
        #expect(try second.loadEstate(asOf: demo.asOf) == exported)
        let again = try store.importEstate(exported, mode: .replace, source: Self.source, dryRun: false)
        #expect(again.total.inserted == 0 && again.total.updated == 0 && again.total.removed == 0)
    }
}
