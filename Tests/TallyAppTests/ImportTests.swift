import Foundation
import GRDB
import TallyCore
import TallyFormats
import TallyStore
import Testing

@testable import TallyApp
@testable import TallySQLite

@Suite("Imports: merge, replace, dry runs and bad estates")
struct ImportTests {
    let day = Day(year: 2026, month: 11, day: 29) ?? Day(daysSinceEpoch: 0)

    func small() -> Estate {
        Estate(
            asOf: day, currency: "EUR", devices: [Device(id: "a"), Device(id: "b")],
            products: [Product(id: "p"), Product(id: "q")],
            installations: [
                Installation(device: "a", product: "p", version: Version("1")),
                Installation(device: "a", product: "p", version: Version("1")),
                Installation(device: "b", product: "q"),
            ],
            entitlements: [Entitlement(id: "e1", product: "p", quantity: 1, unitCost: 10)])
    }

    /// "devices[1].id ... already used by devices[341]" for a file of 2 devices: the merged estate's positions.
    @Test("a merge's errors name the file's records by their place in the file")
    func mergeErrorsNameTheFile() async throws {
        let store = try SQLiteStore()
        try await store.importEstate(small(), mode: .merge, source: testSource, dryRun: false)
        func refusal(_ file: Estate) async -> String? {
            await failure { try await store.importEstate(file, mode: .merge) }
        }
        var file = Estate(asOf: day)
        file.devices = [Device(id: "x"), Device(id: "y", kind: .virtual, host: "nowhere")]
        let host = await refusal(file)
        #expect(host?.hasPrefix("devices[1].host: no device \"nowhere\"") == true, "\(host ?? "")")
        file.devices = [Device(id: "x"), Device(id: "x")]
        #expect(
            await refusal(file) == "devices[1].id: id \"x\" is already used by devices[0]; ids must be unique")
        #expect(try await store.loadEstate(asOf: day).devices.count == 2)
    }

    @Test(
        "merge inserts and updates by id and keeps what the file does not mention", arguments: Backend.allCases
    )
    func merge(_ backend: Backend) async throws {
        let store = try backend.open()
        try await store.importEstate(small(), mode: .merge, source: testSource, dryRun: false)
        var second = Estate(
            asOf: day, products: [Product(id: "p", name: "Renamed")],
            entitlements: [Entitlement(id: "e2", product: "p", quantity: 4)])
        second.devices = []
        let summary = try await store.importEstate(second, mode: .merge, source: testSource, dryRun: false)
        #expect(summary.total == ImportCounts(inserted: 1, updated: 1, unchanged: 0, removed: 0))
        let stored = try await store.loadEstate(asOf: day)
        #expect(stored.products.map(\.name) == ["Renamed", nil])
        #expect(stored.entitlements.map(\.id) == ["e1", "e2"])
        #expect(stored.installations.count == 3)
    }

    @Test("replace makes the store equal to the file, counting what it removed", arguments: Backend.allCases)
    func replace(_ backend: Backend) async throws {
        let store = try backend.open()
        try await store.importEstate(small(), mode: .replace, source: testSource, dryRun: false)
        var next = small()
        next.installations.removeLast()
        next.entitlements[0].quantity = 2
        let summary = try await store.importEstate(next, mode: .replace, source: testSource, dryRun: false)
        #expect(
            summary.collections.first { $0.name == "installations" }?.counts
                == ImportCounts(inserted: 0, updated: 0, unchanged: 2, removed: 1))
        #expect(
            summary.collections.first { $0.name == "entitlements" }?.counts
                == ImportCounts(inserted: 0, updated: 1, unchanged: 0, removed: 0))
        #expect(try await store.loadEstate(asOf: day) == next.withLastSeen(day))
    }

    @Test("a dry run counts and changes nothing", arguments: Backend.allCases)
    func dryRun(_ backend: Backend) async throws {
        let store = try backend.open()
        let summary = try await store.importEstate(small(), mode: .replace, source: testSource, dryRun: true)
        #expect(summary.batch == nil)
        #expect(summary.total.inserted == 8)
        #expect(try await store.loadEstate(asOf: day).devices.isEmpty)
        #expect(try await store.operations().auditLog(entity: nil, id: nil).isEmpty)
    }

    @Test(
        "an estate that would be invalid is refused whole, and the store is unchanged",
        arguments: Backend.allCases)
    func badEstate(_ backend: Backend) async throws {
        let store = try backend.open()
        try await store.importEstate(small(), mode: .replace, source: testSource, dryRun: false)
        var bad = small()
        bad.products[0].name = "changed"
        bad.installations.append(Installation(device: "zz", product: "p"))
        for mode in ImportMode.allCases {
            await #expect(
                throws: TallyError.invalid(
                    path: "installations[3].device",
                    reason: "no device \"zz\"; add it to the estate or correct the reference")
            ) {
                try await store.importEstate(bad, mode: mode, source: testSource, dryRun: false)
            }
        }
        #expect(try await store.loadEstate(asOf: day) == small().withLastSeen(day))
        #expect(try await store.operations().auditLog(entity: nil, id: nil).count == 1)
    }

    @Test("every row keeps the batch that last wrote it; installations keep their first and last seen days")
    func provenance() async throws {
        let store = try SQLiteStore()
        try await store.importEstate(small(), mode: .replace, source: testSource, dryRun: false)
        var next = small()
        next.entitlements[0].quantity = 3
        let second = ImportSource(
            name: "second.json", digest: "ff", actor: "bob",
            at: Instant("2026-11-30T08:00:00Z") ?? testSource.at)
        try await store.importEstate(next, mode: .replace, source: second, dryRun: false)
        try await store.database.read { db in
            #expect(try Int64.fetchOne(db, sql: "SELECT batch FROM entitlement WHERE id = 'e1'") == 2)
            #expect(try Int64.fetchOne(db, sql: "SELECT batch FROM device WHERE id = 'a'") == 1)
            let row = try #require(
                try Row.fetchOne(
                    db, sql: "SELECT source, digest, actor, updated, unchanged FROM import_batch WHERE id = 2"))
            #expect(row[0] as String == "second.json" && row[1] as String == "ff" && row[2] as String == "bob")
            // The entitlement changed, and the installations were seen again a day later: their last-seen moves.
            #expect(row[3] as Int == 4 && row[4] as Int == 4)
            let seen = try #require(
                try Row.fetchOne(
                    db, sql: "SELECT first_seen, last_seen, batch FROM installation ORDER BY rowid LIMIT 1"))
            #expect(seen[0] as String == "2026-11-29" && seen[1] as String == "2026-11-30" && seen[2] as Int64 == 2)
        }
    }
}

@Suite("Merging into a store changed by hand")
struct MergeAfterEditsTests {
    @Test("a merge keeps records added by hand, even before any import")
    func keepsHandEdits() async throws {
        let day = Day(year: 2026, month: 11, day: 29) ?? Day(daysSinceEpoch: 0)
        let store = try SQLiteStore()
        try await store.operations().addProduct(Product(id: "manual"), by: Caller("ann"))
        let file = Estate(asOf: day, products: [Product(id: "p")])
        let summary = try await store.importEstate(file, mode: .merge, source: testSource, dryRun: false)
        #expect(summary.total == ImportCounts(inserted: 1))
        #expect(try await store.loadEstate(asOf: day).products.map(\.id) == ["manual", "p"])
    }
}
