import Foundation
import GRDB
import TallyCore
import TallyFormats
import TallyStore
import Testing

@testable import TallyApp
@testable import TallySQLite

@Suite("The audit trail: one entry per change, and tampering is detected")
struct AuditTrailTests {
    let day = Day(year: 2026, month: 11, day: 29) ?? Day(daysSinceEpoch: 0)
    let at = Instant("2026-11-29T12:00:00Z") ?? Instant(secondsSinceEpoch: 0)

    /// A store with an import and a few edits: five entries.
    func storeWithHistory() async throws -> SQLiteStore {
        let store = try SQLiteStore()
        let estate = Estate(
            asOf: day, people: [Person(id: "ann")], devices: [Device(id: "a"), Device(id: "b")],
            products: [Product(id: "p")], installations: [Installation(device: "a", product: "p")])
        try await store.importEstate(estate, mode: .replace, source: testSource, dryRun: false)
        let operations = store.operations(at: at)
        try await operations.addEntitlement(Entitlement(id: "e", product: "p", quantity: 2), by: Caller("ann"))
        var three = EntitlementChange()
        three.quantity = 3
        try await operations.editEntitlement("e", three, by: Caller("bob"))
        try await operations.assign(Assignment(product: "p", assignee: .person("ann")), by: Caller("ann"))
        try await operations.retireDevice("b", on: at.day, by: Caller("ann"))
        return store
    }

    @Test("each change appends one entry with who, what, and the values before and after")
    func entries() async throws {
        let store = try await storeWithHistory()
        let log = try await store.operations().auditLog(entity: nil, id: nil)
        #expect(log.map(\.action) == ["replace", "add", "edit", "assign", "retire"])
        #expect(log.map(\.actor) == ["tester", "ann", "bob", "ann", "ann"])
        let edit = log[2]
        #expect(edit.before == #"{"id": "e", "product": "p", "quantity": 2}"#)
        #expect(edit.after == #"{"id": "e", "product": "p", "quantity": 3}"#)
        #expect(try await store.operations().auditLog(entity: "entitlement", id: "e").count == 2)
        #expect(try await store.operations().verifyAuditTrail() == .intact(entries: 5))
    }

    @Test("an edited entry is named")
    func edited() async throws {
        let store = try await storeWithHistory()
        try await store.database.write { db in
            try db.execute(sql: "UPDATE audit_entry SET actor = 'mallory' WHERE sequence = 3")
        }
        #expect(
            try await store.operations().verifyAuditTrail()
                == .broken(sequence: 3, reason: "its content does not match its hash"))
    }

    @Test("a deleted entry, in the middle or at the end, is named")
    func deleted() async throws {
        let middle = try await storeWithHistory()
        try await middle.database.write { db in try db.execute(sql: "DELETE FROM audit_entry WHERE sequence = 2") }
        #expect(
            try await middle.operations().verifyAuditTrail()
                == .broken(sequence: 2, reason: "entry 2 is missing (the next is 3)"))
        let last = try await storeWithHistory()
        try await last.database.write { db in try db.execute(sql: "DELETE FROM audit_entry WHERE sequence = 5") }
        #expect(
            try await last.operations().verifyAuditTrail() == .broken(sequence: 5, reason: "entries 5 to 5 are missing")
        )
    }

    @Test("reordered entries are named, even with their numbers swapped back")
    func reordered() async throws {
        let store = try await storeWithHistory()
        try await store.database.write { db in
            try db.execute(sql: "UPDATE audit_entry SET sequence = 100 WHERE sequence = 2")
            try db.execute(sql: "UPDATE audit_entry SET sequence = 2 WHERE sequence = 3")
            try db.execute(sql: "UPDATE audit_entry SET sequence = 3 WHERE sequence = 100")
        }
        guard case .broken(let sequence, _) = try await store.operations().verifyAuditTrail() else {
            Issue.record("a reordered trail passed")
            return
        }
        #expect(sequence == 2)
    }

    @Test("edits refuse unknown ids and invalid values, and change nothing then")
    func refusals() async throws {
        let store = try await storeWithHistory()
        let operations = store.operations(at: at)
        let ann = Caller("ann")
        await #expect(throws: TallyError.notFound(kind: "entitlement", id: "nope")) {
            try await operations.retireEntitlement("nope", on: day, by: ann)
        }
        await #expect(throws: TallyError.notFound(kind: "device", id: "zz")) {
            try await operations.retireDevice("zz", on: at.day, by: ann)
        }
        await #expect(
            throws: TallyError.invalid(
                path: "entitlement \"x\" product",
                reason: "no product \"nope\"; add it to the estate or correct the reference")
        ) {
            try await operations.addEntitlement(Entitlement(id: "x", product: "nope", quantity: 1), by: ann)
        }
        await #expect(throws: TallyError.conflict("entitlement \"e\" already exists")) {
            try await operations.addEntitlement(Entitlement(id: "e", product: "p", quantity: 1), by: ann)
        }
        await #expect(throws: TallyError.conflict("\"p\" to device \"a\" is not assigned")) {
            try await operations.unassign(Assignment(product: "p", assignee: .device("a")), by: ann)
        }
        #expect(try await store.operations().auditLog(entity: nil, id: nil).count == 5)
        #expect(try await store.loadEstate(asOf: day).entitlements.map(\.quantity) == [3])
    }

    @Test("edits change the position the store reconciles to")
    func editsReachThePosition() async throws {
        let store = try await storeWithHistory()
        try await store.operations(at: at).retireEntitlement("e", on: day.adding(days: -1), by: Caller("ann"))
        let position = try Reconciler.reconcile(try await store.loadEstate(asOf: day)).positions.first {
            $0.product == "p"
        }
        #expect(position?.covered == 0)
        // Device b is retired and a person's assignment does not count under `device`: a alone needs a license.
        #expect(position?.demand == 1)
    }

    @Test("snapshots keep each reconciliation, and history lists them with one product's figures")
    func snapshots() async throws {
        let store = try await storeWithHistory()
        let operations = store.operations(at: at)
        _ = try await operations.reconcile(asOf: day, save: true)
        var none = EntitlementChange()
        none.quantity = 0
        try await operations.editEntitlement("e", none, by: Caller("ann"))
        _ = try await operations.reconcile(asOf: day, save: true)
        let history = try await operations.history(product: "p")
        #expect(history.map(\.id) == [1, 2])
        #expect(history.map { $0.position?.shortfall } == [0, 1])
        #expect(history.map(\.shortfalls) == [[:], [.device: 1]])
        #expect(history.map(\.productsUnder) == [0, 1])
    }
}

/// Tamper evidence that holds: the trail records the digest of the data it left, so that a change made outside
/// Tally, or entries removed with the head kept beside them, are named; with a key, a chain cannot be recomputed.
@Suite("The audit trail checks the data")
struct AuditDataTests {
    let day = Day("2026-11-29")!

    func store(key: AuditKey? = nil) async throws -> (SQLiteStore, Operations) {
        let store = try SQLiteStore()
        let operations = Operations(store: store, clock: { testSource.at }, auditKey: key)
        var estate = Estate(asOf: day)
        estate.devices = [Device(id: "a"), Device(id: "b")]
        estate.products = [Product(id: "p")]
        estate.installations = [Installation(device: "a", product: "p")]
        try await operations.importEstate(
            Upload(name: "e.json", bytes: EstateFile.encode(estate)), mode: .replace, dryRun: false,
            by: Caller("t"))
        try await operations.addEntitlement(Entitlement(id: "e", product: "p", quantity: 2), by: Caller("ann"))
        try await operations.retireDevice("b", on: day, by: Caller("ann"))
        return (store, operations)
    }

    @Test("changes made in SQL are named by their collection, and an honest trail verifies")
    func sqlChanges() async throws {
        let (store, operations) = try await store()
        #expect(try await operations.verifyAuditTrail() == .intact(entries: 3))
        try await store.database.write { db in
            try db.execute(sql: "UPDATE entitlement SET quantity = 200 WHERE id = 'e'")
            try db.execute(sql: "DELETE FROM installation")
        }
        #expect(
            try await operations.verifyAuditTrail() == .dataDiffers(collections: ["installations", "entitlements"]))
    }

    @Test("removing the last entries with the head kept beside them, or every entry, is named")
    func removedEntries() async throws {
        let (tail, tailOperations) = try await store()
        try await tail.database.write { db in
            try db.execute(sql: "DELETE FROM audit_entry WHERE sequence = 3")
            try db.execute(sql: "UPDATE setting SET value = '2' WHERE key = 'audit_head'")
        }
        #expect(try await tailOperations.verifyAuditTrail() == .dataDiffers(collections: ["devices"]))
        let (all, allOperations) = try await store()
        try await all.database.write { db in
            try db.execute(sql: "DELETE FROM audit_entry")
            try db.execute(sql: "DELETE FROM setting WHERE key = 'audit_head'")
        }
        guard case .dataDiffers = try await allOperations.verifyAuditTrail() else {
            Issue.record("an emptied trail passed")
            return
        }
    }

    @Test("a head kept elsewhere names entries removed since")
    func headKeptElsewhere() async throws {
        let (store, operations) = try await store()
        let head = try #require(try await operations.auditHead())
        #expect(try await operations.verifyAuditTrail(head: head.hash) == .intact(entries: 3))
        // Later: the last entry removed, and the data put back as it was before it, leaving a consistent store.
        try await store.database.write { db in
            try db.execute(sql: "DELETE FROM audit_entry WHERE sequence = 3")
            try db.execute(sql: "UPDATE setting SET value = '2' WHERE key = 'audit_head'")
            try db.execute(sql: "UPDATE device SET active = 1, retired = NULL WHERE id = 'b'")
        }
        #expect(try await operations.verifyAuditTrail() == .intact(entries: 2))
        guard case .broken(_, let reason) = try await operations.verifyAuditTrail(head: head.hash) else {
            Issue.record("a removed head passed")
            return
        }
        #expect(reason.contains("is not in the trail"))
    }

    @Test("with a key, entries are signed: recomputed without it they are named, and checked only with it")
    func keyedChain() async throws {
        let key = try #require(AuditKey("a secret kept apart"))
        let (store, operations) = try await store(key: key)
        #expect(try await operations.verifyAuditTrail() == .intact(entries: 3))
        let entries = try await operations.auditLog()
        #expect(entries.allSatisfy { $0.hash.hasPrefix(AuditChain.keyedPrefix) })
        // Someone with the file only edits an entry and recomputes the chain as plain SHA-256.
        var previous = AuditChain.genesis
        var forged: [AuditEntry] = []
        for var entry in entries {
            if entry.sequence == 2 { entry.actor = "mallory" }
            entry.previousHash = previous
            entry.hash = AuditChain.hash(of: entry, key: nil)
            previous = entry.hash
            forged.append(entry)
        }
        try await store.database.write { [forged] db in
            for entry in forged {
                try db.execute(
                    sql: "UPDATE audit_entry SET actor = ?, previous_hash = ?, hash = ? WHERE sequence = ?",
                    arguments: [entry.actor, entry.previousHash, entry.hash, entry.sequence])
            }
        }
        guard case .broken(let sequence, _) = try await operations.verifyAuditTrail() else {
            Issue.record("a recomputed chain passed")
            return
        }
        #expect(sequence == 3)
        let (other, _) = try await self.store(key: key)
        let withoutKey = other.operations()
        guard case .broken(_, let reason) = try await withoutKey.verifyAuditTrail() else {
            Issue.record("a keyed trail passed without its key")
            return
        }
        #expect(reason.contains("TALLY_AUDIT_KEY"))
    }
}
