import Foundation
import GRDB
import TallyCore
import TallyFormats
import TallyStore
import Testing

@testable import TallyApp
@testable import TallySQLite

/// Spec 6.1 through the store: the position on a past date, computed long after, equals the position of the estate
/// the store held on that date. The store dates what it learns: uninstalls from inventory snapshots, retirements by
/// `device retire --on` and `person retire --on`, installations first seen by inventory on the day they were seen.
@Suite("Positions on past dates from the store")
struct PastPositionTests {
    static func at(_ day: String) -> Instant { Instant(day + "T10:00:00Z") ?? Instant(secondsSinceEpoch: 0) }

    static func source(_ day: String) -> ImportSource {
        ImportSource(name: "estate.json", digest: "00", actor: "tester", at: at(day))
    }

    /// The estate the license manager keeps by hand: three workstations, three people, a device product and a
    /// named-user product, their purchases.
    static let base: Estate = {
        var estate = Estate(asOf: Day("2026-03-01") ?? Day(daysSinceEpoch: 0))
        estate.people = [Person(id: "ann"), Person(id: "bob"), Person(id: "cy")]
        estate.devices = [
            Device(id: "ws-1", user: "ann"), Device(id: "ws-2", user: "bob"), Device(id: "ws-3", user: "cy"),
        ]
        estate.products = [
            Product(id: "cad", license: License(metric: .device)),
            Product(id: "ide", license: License(metric: .user)),
        ]
        estate.installations = [
            Installation(device: "ws-2", product: "cad", installed: Day("2025-06-01")),
            Installation(device: "ws-3", product: "cad", installed: Day("2026-01-10")),
            Installation(device: "ws-2", product: "ide", installed: Day("2025-06-01")),
        ]
        estate.assignments = [Assignment(product: "ide", assignee: .person("cy"))]
        estate.entitlements = [
            Entitlement(id: "cad-1", product: "cad", quantity: 2, unitCost: 100),
            Entitlement(id: "ide-1", product: "ide", quantity: 1, unitCost: 50),
        ]
        return estate
    }()

    func inventory(_ programs: [(String, String, String)], on day: String, into store: SQLiteStore) async throws {
        let report = try InventoryImportTests.osquery(host: "ws-1", programs: programs)
        try await InventoryImportTests().load(report, source: "osquery", into: store, on: day)
    }

    /// What a reconciliation says, in figures that must be equal for equal estates.
    func figures(_ result: Reconciliation) -> [String] {
        result.positions.map { "\($0.product) \($0.demand) \($0.covered) \($0.surplus)" }
            + result.consumers.map { "\($0.product) \($0.key) \($0.units)" }
    }

    @Test("reconciling the store as of each past day equals reconciling what it held on that day")
    func pastEqualsThen() async throws {
        let store = try SQLiteStore()
        let visio = ("Microsoft Visio Professional 2016", "16.0.4266.1001", "Microsoft Corporation")
        let autocad = ("AutoCAD 2023 - English", "24.2.54.0", "Autodesk")
        let project = ("Microsoft Project Professional 2019 - en-us", "16.0.10827.20138", "Microsoft Corporation")
        var held: [(day: String, figures: [String])] = []
        func keep(_ day: String) async throws {
            let estate = try await store.loadEstate(asOf: Day(day) ?? Day(daysSinceEpoch: 0))
            held.append((day, figures(try Reconciler.reconcile(estate))))
        }

        try await store.importEstate(Self.base, mode: .merge, source: Self.source("2026-03-01"), dryRun: false)
        try await inventory([visio, autocad], on: "2026-03-01", into: store)
        try await keep("2026-03-01")
        // Inventory sees AutoCAD gone and Project new on ws-1.
        try await inventory([visio, project], on: "2026-06-01", into: store)
        try await keep("2026-06-01")
        // Bob leaves with his workstation; a new installation of cad arrives in a file, installed on 2026-08-15.
        try await store.operations(at: Self.at("2026-09-01")).retireDevice(
            "ws-2", on: Day("2026-09-01")!, by: Caller("tester"))
        try await store.operations(at: Self.at("2026-09-01")).retirePerson(
            "bob", on: Day("2026-09-01")!, by: Caller("tester"))
        var later = Estate(asOf: Day("2026-09-02")!)
        later.installations = [Installation(device: "ws-1", product: "cad", installed: Day("2026-08-15"))]
        try await store.importEstate(later, mode: .merge, source: Self.source("2026-09-02"), dryRun: false)
        try await keep("2026-09-02")

        for (day, then) in held {
            let now = try Reconciler.reconcile(try await store.loadEstate(asOf: Day(day) ?? Day(daysSinceEpoch: 0)))
            #expect(figures(now) == then, "as of \(day)")
        }
        // And the figures moved as the estate did: by hand, cad's devices were ws-2, ws-3 (plus AutoCAD on
        // ws-1, a product of its own) in March; ws-2 left in September and ws-1 got cad.
        let march = try Reconciler.reconcile(try await store.loadEstate(asOf: Day("2026-03-01")!))
        let september = try Reconciler.reconcile(try await store.loadEstate(asOf: Day("2026-09-02")!))
        #expect(march.consumers.filter { $0.product == "cad" }.map(\.key) == ["device:ws-2", "device:ws-3"])
        #expect(september.consumers.filter { $0.product == "cad" }.map(\.key) == ["device:ws-1", "device:ws-3"])
        #expect(march.consumers.contains { $0.product == "autodesk-autocad" })
        #expect(!september.consumers.contains { $0.product == "autodesk-autocad" })
        // ide: Bob (his installation) and Cy (assigned) in March; Cy alone once Bob left.
        #expect(march.consumers.filter { $0.product == "ide" }.map(\.key) == ["person:bob", "person:cy"])
        #expect(september.consumers.filter { $0.product == "ide" }.map(\.key) == ["person:cy"])
    }

    @Test("retiring on a day keeps the record with its date; retiring twice is refused and changes nothing")
    func retireOnADay() async throws {
        let store = try SQLiteStore()
        try await store.importEstate(Self.base, mode: .merge, source: Self.source("2026-03-01"), dryRun: false)
        try await store.operations(at: Self.at("2026-04-01")).retireDevice(
            "ws-1", on: Day("2026-05-01")!, by: Caller("tester"))
        try await store.operations(at: Self.at("2026-04-01")).retirePerson(
            "cy", on: Day("2026-04-01")!, by: Caller("tester"))
        let estate = try await store.loadEstate(asOf: Day("2026-04-15")!)
        let device = try #require(estate.devices.first { $0.id == "ws-1" })
        #expect(!device.active && device.retired == Day("2026-05-01"))
        // Retired from May: still counted in April.
        #expect(device.counts(on: Day("2026-04-30")!) && !device.counts(on: Day("2026-05-01")!))
        #expect(estate.people.first { $0.id == "cy" }?.retired == Day("2026-04-01"))
        await #expect(throws: TallyError.self) {
            try await store.operations(at: Self.at("2026-06-01")).retirePerson(
                "cy", on: Day("2026-06-01")!, by: Caller("tester"))
        }
        #expect(try await store.loadEstate(asOf: Day("2026-04-15")!) == estate)
        let log = try await store.operations().auditLog(entity: "person", id: "cy")
        #expect(log.count == 1 && log.first?.after?.contains("\"retired\": \"2026-04-01\"") == true)
    }

    @Test("the dates survive export and import: a new store from the export gives the same past positions")
    func datesRoundTrip() async throws {
        let store = try SQLiteStore()
        try await store.importEstate(Self.base, mode: .merge, source: Self.source("2026-03-01"), dryRun: false)
        try await store.operations(at: Self.at("2026-09-01")).retireDevice(
            "ws-2", on: Day("2026-09-01")!, by: Caller("tester"))
        var removed = Estate(asOf: Day("2026-09-02")!)
        removed.installations = [
            Installation(
                device: "ws-3", product: "cad", installed: Day("2026-01-10"), removed: Day("2026-08-01"))
        ]
        try await store.importEstate(removed, mode: .merge, source: Self.source("2026-09-02"), dryRun: false)
        let exported = try await store.loadEstate(asOf: Day("2026-09-02")!)
        let bytes = EstateFile.encode(exported)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\"retired\": \"2026-09-01\"") && text.contains("\"removed\": \"2026-08-01\""))
        let copy = try SQLiteStore()
        try await copy.importEstate(
            try EstateFile.decode(bytes), mode: .replace, source: Self.source("2026-09-03"), dryRun: false)
        for day in ["2026-03-01", "2026-07-31", "2026-08-01", "2026-09-02"] {
            let a = try Reconciler.reconcile(try await store.loadEstate(asOf: Day(day)!))
            let b = try Reconciler.reconcile(try await copy.loadEstate(asOf: Day(day)!))
            #expect(figures(a) == figures(b), "as of \(day)")
        }
    }
}
