import Foundation
import GRDB
import TallyCore
import TallyFormats
import Testing

@testable import TallyStore

@Suite("Imports: merge, replace, dry runs and bad estates")
struct ImportTests {
    typealias Contract = StoreContractTests
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
    func mergeErrorsNameTheFile() throws {
        let store = try SQLiteStore()
        _ = try store.importEstate(small(), mode: .merge, source: Contract.source, dryRun: false)
        func failure(_ file: Estate) -> String? {
            do {
                _ = try store.importEstate(file, mode: .merge, source: Contract.source, dryRun: false)
                return nil
            } catch {
                return "\(error)"
            }
        }
        var file = Estate(asOf: day)
        file.devices = [Device(id: "x"), Device(id: "y", kind: .virtual, host: "nowhere")]
        #expect(failure(file)?.hasPrefix("devices[1].host: no device \"nowhere\"") == true, "\(failure(file) ?? "")")
        file.devices = [Device(id: "x"), Device(id: "x")]
        #expect(failure(file) == "devices[1].id: id \"x\" is already used by devices[0]; ids must be unique")
        #expect(try store.loadEstate(asOf: day).devices.count == 2)
    }

    @Test(
        "merge inserts and updates by id and keeps what the file does not mention", arguments: Contract.Backend.allCases
    )
    func merge(_ backend: Contract.Backend) throws {
        let store = try Contract.open(backend)
        _ = try store.importEstate(small(), mode: .merge, source: Contract.source, dryRun: false)
        var second = Estate(
            asOf: day, products: [Product(id: "p", name: "Renamed")],
            entitlements: [Entitlement(id: "e2", product: "p", quantity: 4)])
        second.devices = []
        let summary = try store.importEstate(second, mode: .merge, source: Contract.source, dryRun: false)
        #expect(summary.total == ImportCounts(inserted: 1, updated: 1, unchanged: 0, removed: 0))
        let stored = try store.loadEstate(asOf: day)
        #expect(stored.products.map(\.name) == ["Renamed", nil])
        #expect(stored.entitlements.map(\.id) == ["e1", "e2"])
        #expect(stored.installations.count == 3)
    }

    @Test("replace makes the store equal to the file, counting what it removed", arguments: Contract.Backend.allCases)
    func replace(_ backend: Contract.Backend) throws {
        let store = try Contract.open(backend)
        _ = try store.importEstate(small(), mode: .replace, source: Contract.source, dryRun: false)
        var next = small()
        next.installations.removeLast()
        next.entitlements[0].quantity = 2
        let summary = try store.importEstate(next, mode: .replace, source: Contract.source, dryRun: false)
        #expect(
            summary.collections.first { $0.name == "installations" }?.counts
                == ImportCounts(inserted: 0, updated: 0, unchanged: 2, removed: 1))
        #expect(
            summary.collections.first { $0.name == "entitlements" }?.counts
                == ImportCounts(inserted: 0, updated: 1, unchanged: 0, removed: 0))
        #expect(try store.loadEstate(asOf: day) == next.withLastSeen(day))
    }

    @Test("a dry run counts and changes nothing", arguments: Contract.Backend.allCases)
    func dryRun(_ backend: Contract.Backend) throws {
        let store = try Contract.open(backend)
        let summary = try store.importEstate(small(), mode: .replace, source: Contract.source, dryRun: true)
        #expect(summary.batch == nil)
        #expect(summary.total.inserted == 8)
        #expect(try store.loadEstate(asOf: day).devices.isEmpty)
        #expect(try store.fetchAuditLog(entity: nil, id: nil).isEmpty)
    }

    @Test(
        "an estate that would be invalid is refused whole, and the store is unchanged",
        arguments: Contract.Backend.allCases)
    func badEstate(_ backend: Contract.Backend) throws {
        let store = try Contract.open(backend)
        _ = try store.importEstate(small(), mode: .replace, source: Contract.source, dryRun: false)
        var bad = small()
        bad.products[0].name = "changed"
        bad.installations.append(Installation(device: "zz", product: "p"))
        for mode in ImportMode.allCases {
            #expect(
                throws: StoreError.invalidEstate(
                    .unknownReference(
                        path: "installations[3].device", kind: "device",
                        id: "zz"))
            ) {
                try store.importEstate(bad, mode: mode, source: Contract.source, dryRun: false)
            }
        }
        #expect(try store.loadEstate(asOf: day) == small().withLastSeen(day))
        #expect(try store.fetchAuditLog(entity: nil, id: nil).count == 1)
    }

    @Test("every row keeps the batch that last wrote it; installations keep their first and last seen days")
    func provenance() throws {
        let store = try SQLiteStore()
        _ = try store.importEstate(small(), mode: .replace, source: Contract.source, dryRun: false)
        var next = small()
        next.entitlements[0].quantity = 3
        let second = ImportSource(
            name: "second.json", digest: "ff", actor: "bob",
            at: Instant("2026-11-30T08:00:00Z") ?? Contract.source.at)
        _ = try store.importEstate(next, mode: .replace, source: second, dryRun: false)
        try store.database.read { db in
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

extension Estate {
    /// The estate as the store gives it back: installations without a last-seen day get the import's.
    func withLastSeen(_ day: Day) -> Estate {
        var copy = self
        for i in copy.installations.indices where copy.installations[i].lastSeen == nil {
            copy.installations[i].lastSeen = day
        }
        return copy
    }
}

@Suite("Merging into a store changed by hand")
struct MergeAfterEditsTests {
    @Test("a merge keeps records added by hand, even before any import")
    func keepsHandEdits() throws {
        let day = Day(year: 2026, month: 11, day: 29) ?? Day(daysSinceEpoch: 0)
        let store = try SQLiteStore()
        try store.apply(.addProduct(Product(id: "manual")), actor: "ann", at: StoreContractTests.source.at)
        let file = Estate(asOf: day, products: [Product(id: "p")])
        let summary = try store.importEstate(file, mode: .merge, source: StoreContractTests.source, dryRun: false)
        #expect(summary.total == ImportCounts(inserted: 1))
        #expect(try store.loadEstate(asOf: day).products.map(\.id) == ["manual", "p"])
    }
}
