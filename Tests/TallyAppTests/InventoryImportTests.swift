import Foundation
import GRDB
import TallyCore
import TallyFormats
import TallyStore
import Testing

@testable import TallyApp
@testable import TallySQLite

@Suite("Inventory evidence into the store: device identity, snapshots, the catalog")
struct InventoryImportTests {
    static let glpiSample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TallyFormatsTests/Fixtures/inventory/computer_1_partial_softs.json")

    static func catalog(_ own: String? = nil) throws -> Normalizer {
        let builtin = try CatalogFile.builtin()
        guard let own else { return Normalizer(catalog: builtin) }
        let mine = try CatalogFile.decode(Array(own.utf8))
        return Normalizer(
            catalog: try Catalog(products: mine.products + builtin.products, rules: mine.rules + builtin.rules))
    }

    static func source(on day: String) -> ImportSource {
        ImportSource(name: "inventory", digest: "00", actor: "tester", at: Instant(day + "T10:00:00Z")!)
    }

    /// An osqueryd results log line: a snapshot of `programs` on `host`.
    static func osquery(host: String, programs: [(String, String, String)]) throws -> InventoryReport {
        let rows = programs.map { "{\"name\":\"\($0.0)\",\"version\":\"\($0.1)\",\"publisher\":\"\($0.2)\"}" }
        let line =
            "{\"name\":\"pack_inventory_programs\",\"hostIdentifier\":\"\(host)\",\"unixTime\":1796025600,"
            + "\"snapshot\":[\(rows.joined(separator: ","))],\"action\":\"snapshot\"}\n"
        return try OsqueryResults.parse(Array(line.utf8))
    }

    @discardableResult
    func load(
        _ report: InventoryReport, source: String, into store: SQLiteStore, on day: String = "2026-11-29",
        catalog: Normalizer? = nil
    ) async throws -> InventorySummary {
        let catalog = try catalog ?? Self.catalog()
        return try await store.write { writer in
            try Operations.importInventory(
                report.devices, source: source, catalog: catalog, origin: Self.source(on: day), in: writer)
        }
    }

    @Test("the same machine from GLPI (short name) and osquery (FQDN, other case) is one device")
    func oneDeviceFromTwoSources() async throws {
        let store = try SQLiteStore()
        let glpi = try GLPIInventory.parse(Array(try Data(contentsOf: Self.glpiSample)))
        let first = try await load(glpi, source: "glpi", into: store)
        #expect(first.devicesAdded == 1)
        let osquery = try Self.osquery(
            host: "GLPIXPS.example.org",
            programs: [("Microsoft Office Professional Plus 2019 - en-us", "16.0.10827.20138", "Microsoft Corporation")]
        )
        let second = try await load(osquery, source: "osquery", into: store)
        #expect(second.devicesAdded == 0 && second.devicesUpdated == 1)
        let estate = try await store.loadEstate(asOf: Day("2026-11-29")!)
        #expect(estate.devices.map(\.id) == ["glpixps"])
        #expect(estate.devices.first?.serial == "640HP72")
        #expect(estate.devices.first?.hostname == "GLPIXPS.example.org")
        #expect(
            estate.installations.map { "\($0.device) \($0.product) \($0.version?.description ?? "-")" }
                == ["glpixps microsoft-office-professional-plus 2019"])
        // The GLPI sample holds only Fedora packages: all ignored.
        #expect(first.titlesIgnored == 6 && first.titlesRecognized == 0 && first.titlesUnrecognized == 0)
    }

    @Test("a source's new inventory replaces its previous one: gone is kept as removed, kept is seen again")
    func snapshotsReplace() async throws {
        let store = try SQLiteStore()
        let visio = ("Microsoft Visio Professional 2016", "16.0.4266.1001", "Microsoft Corporation")
        let autocad = ("AutoCAD 2023 - English", "24.2.54.0", "Autodesk")
        let project = ("Microsoft Project Professional 2019 - en-us", "16.0.10827.20138", "Microsoft Corporation")
        try await load(try Self.osquery(host: "ws-1", programs: [visio, autocad]), source: "osquery", into: store)
        let again = try await load(
            try Self.osquery(host: "ws-1", programs: [visio, project]), source: "osquery", into: store,
            on: "2026-12-05")
        #expect(again.softwareAdded == 1 && again.softwareSeen == 1 && again.softwareRemoved == 1)
        let estate = try await store.loadEstate(asOf: Day("2026-12-05")!)
        let present = estate.installations.filter { $0.removed == nil }
        #expect(present.map(\.product).sorted() == ["microsoft-project-professional", "microsoft-visio-professional"])
        #expect(present.allSatisfy { $0.lastSeen == Day("2026-12-05") })
        // What disappeared stays an installation, removed the day it was no longer seen: a past position counts it.
        let gone = try #require(estate.installations.first { $0.removed != nil })
        #expect(gone.product == "autodesk-autocad" && gone.removed == Day("2026-12-05"))
        #expect(gone.installed == Day("2026-11-29") && gone.lastSeen == Day("2026-11-29"))
        let history = try await store.operations().deviceSoftware("ws-1")
        #expect(history.map(\.name) == [project.0, visio.0, autocad.0])
        #expect(history.map(\.removed) == [nil, nil, Day("2026-12-05")])
        #expect(history[1].firstSeen == Day("2026-11-29") && history[1].lastSeen == Day("2026-12-05"))
        #expect(history[1].product == "microsoft-visio-professional" && history[1].cleanVersion == "2016")
        #expect(history[2].lastSeen == Day("2026-11-29"))
    }

    @Test("a language pack or an update counts through its suite, never as a product of its own")
    func suiteParts() async throws {
        let store = try SQLiteStore()
        try await load(
            try Self.osquery(
                host: "ws-2",
                programs: [
                    ("Microsoft Office Professional Plus 2016", "16.0.4266.1001", "Microsoft Corporation"),
                    ("Microsoft Office Proofing Tools 2016 - Deutsch", "16.0.4266.1001", "Microsoft Corporation"),
                    (
                        "Microsoft Office Language Pack 2016 - French/Français", "16.0.4266.1001",
                        "Microsoft Corporation"
                    ),
                    ("Update for Microsoft Office 2016 (KB4011628) 32-Bit Edition", "", "Microsoft Corporation"),
                ]), source: "osquery", into: store)
        let estate = try await store.loadEstate(asOf: Day("2026-11-29")!)
        #expect(estate.installations.map(\.product) == ["microsoft-office-professional-plus"])
    }

    @Test("a new rule re-reads the stored evidence: unrecognised becomes a product, without duplicates")
    func catalogApply() async throws {
        let store = try SQLiteStore()
        let report = try Self.osquery(host: "ws-3", programs: [("Contoso CAD 2024", "24.1.0", "Contoso Ltd.")])
        let first = try await load(report, source: "osquery", into: store)
        #expect(first.titlesUnrecognized == 1 && first.installations == 0)
        #expect(try await store.operations().unrecognizedTitles(limit: 10).map(\.name) == ["Contoso CAD 2024"])

        let rule = """
            {"format": "tally-catalog/1", "products": [{"id": "contoso-cad", "publisher": "Contoso", "name": "Contoso CAD"}],
             "rules": [{"id": "own-1", "name": "Contoso CAD {year}", "product": "contoso-cad", "version": "{year}"}]}
            """
        let catalog = try Self.catalog(rule)
        try await store.write { try $0.saveOwnCatalog(rule) }
        let operations = store.operations(at: Self.source(on: "2026-11-30").at)
        let applied = try await operations.applyCatalog(by: Caller("tester"))
        #expect(applied.changed == 1 && applied.productsAdded == 1 && applied.installationsAfter == 1)
        let again = try await operations.applyCatalog(by: Caller("tester"))
        #expect(again.changed == 0 && again.installationsBefore == 1 && again.installationsAfter == 1)
        try await load(report, source: "osquery", into: store, on: "2026-12-01", catalog: catalog)
        let estate = try await store.loadEstate(asOf: Day("2026-12-01")!)
        #expect(estate.installations.map { "\($0.product) \($0.version?.description ?? "")" } == ["contoso-cad 2024"])
        #expect(estate.products.first { $0.id == "contoso-cad" }?.name == "Contoso CAD")
        #expect(try await store.operations().unrecognizedTitles(limit: 10).isEmpty)
        #expect(try await store.operations().auditLog(entity: "catalog", id: nil).count == 2)
    }

    @Test("a device with neither name nor serial is refused and nothing is written")
    func unnamedDevice() async throws {
        let store = try SQLiteStore()
        let report = try OsqueryResults.parse(
            Array(
                "[{\"name\": \"7-Zip 22.01 (x64)\", \"version\": \"22.01\", \"publisher\": \"Igor Pavlov\", \"install_date\": \"\"}]"
                    .utf8))
        await #expect(throws: TallyError.self) { try await load(report, source: "osquery", into: store) }
        let estate = try await store.loadEstate(asOf: Day("2026-11-29")!)
        #expect(estate.devices.isEmpty)
        #expect(try await store.operations().auditLog(entity: nil, id: nil).isEmpty)
    }

    @Test("a dry run counts and writes nothing")
    func dryRun() async throws {
        let store = try SQLiteStore()
        let report = try Self.osquery(host: "ws-4", programs: [("AutoCAD 2023 - English", "24.2.54.0", "Autodesk")])
        let file = Upload(name: "programs.json", bytes: [])
        let imported = try await store.operations().importInventory(
            report, from: [file], as: .osquery(device: nil), skipInvalid: false, dryRun: true, by: Caller("tester"))
        let summary = imported.summary
        #expect(summary.devicesAdded == 1 && summary.installations == 1 && summary.batch == nil)
        #expect(try await store.loadEstate(asOf: Day("2026-11-29")!).devices.isEmpty)
    }
}
