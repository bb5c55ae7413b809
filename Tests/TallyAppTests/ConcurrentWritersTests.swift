import Foundation
import TallyCore
import TallyFormats
import TallyStore
import Testing

@testable import TallyApp
@testable import TallySQLite

/// Writers of every kind at once on one file store: each change is kept whole or refused whole, and the trail
/// records exactly the changes kept.
@Suite("Concurrent writers")
struct ConcurrentWritersTests {
    @Test("edits, estate imports, log imports and inventory imports at once all land, whole")
    func everyKindAtOnce() async throws {
        let store = try Backend.file.open()
        let day = Day("2026-11-29")!
        var base = Estate(asOf: day)
        base.products = [Product(id: "p"), Product(id: "matlab", license: License(metric: .concurrent))]
        base.devices = [Device(id: "d0")]
        try await store.importEstate(base, mode: .replace)
        let operations = store.operations()
        let log = try Array(
            Data(contentsOf: LicenseServerImportTests.fixtures.appendingPathComponent("flexlm/matlab.log")))
        let edits = 12, imports = 4
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<edits {
                group.addTask {
                    try await operations.addEntitlement(
                        Entitlement(id: Entitlement.ID("E\(i)"), product: "p", quantity: i), by: Caller("ann"))
                }
            }
            for i in 0..<imports {
                group.addTask {
                    var file = Estate(asOf: day)
                    file.devices = (0..<50).map { Device(id: Device.ID("batch\(i)-\($0)")) }
                    file.installations = file.devices.map { Installation(device: $0.id, product: "p") }
                    try await operations.importEstate(
                        Upload(name: "batch\(i).json", bytes: EstateFile.encode(file)), mode: .merge, dryRun: false,
                        by: Caller("bob"))
                }
            }
            group.addTask {
                _ = try await operations.importFlexLMLog(
                    Upload(name: "matlab.log", bytes: log), server: "lic1", timeZone: .gmt, again: false,
                    by: Caller("cy"))
            }
            group.addTask {
                let report = try InventoryImportTests.osquery(
                    host: "ws-9", programs: [("AutoCAD 2023 - English", "24.2.54.0", "Autodesk")])
                _ = try await operations.importInventory(
                    report, from: [Upload(name: "osquery.log", bytes: [])], as: .osquery(device: nil),
                    skipInvalid: false, dryRun: false, by: Caller("dee"))
            }
            try await group.waitForAll()
        }
        let estate = try await store.loadEstate(asOf: day)
        #expect(estate.entitlements.count == edits)
        #expect(estate.devices.count == 1 + imports * 50 + 1)
        #expect(estate.installations.filter { $0.product == "p" }.count == imports * 50)
        #expect(estate.usage.count == 10_007)
        let trail = try await operations.auditLog()
        // One entry per change, plus the first import; the log's import maps no feature.
        #expect(trail.count == 1 + edits + imports + 1 + 1)
        #expect(try await operations.verifyAuditTrail() == .intact(entries: trail.count))
    }

    @Test("edits refused at once are each refused whole; the ones kept are each kept whole")
    func refusedWhole() async throws {
        let store = try Backend.file.open()
        var base = Estate(asOf: Day("2026-11-29")!)
        base.products = [Product(id: "p")]
        try await store.importEstate(base, mode: .replace)
        let operations = store.operations()
        // Every one of twenty writers adds the same id: one is kept, nineteen are refused as conflicts.
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<20 {
                group.addTask {
                    do {
                        try await operations.addEntitlement(
                            Entitlement(id: "SAME", product: "p", quantity: i + 1), by: Caller("w\(i)"))
                        return true
                    } catch {
                        return false
                    }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
        let estate = try await store.loadEstate(asOf: base.asOf)
        #expect(estate.entitlements.count == 1)
        #expect(try await operations.auditLog(entity: "entitlement", id: "SAME").count == 1)
    }
}
