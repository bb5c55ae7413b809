import Foundation
import GRDB
import TallyCore
import Testing

@testable import TallyStore

@Suite("The audit trail: one entry per change, and tampering is detected")
struct AuditTrailTests {
    typealias Contract = StoreContractTests
    let day = Day(year: 2026, month: 11, day: 29) ?? Day(daysSinceEpoch: 0)
    let at = Instant("2026-11-29T12:00:00Z") ?? Instant(secondsSinceEpoch: 0)

    /// A store with an import and a few edits: five entries.
    func storeWithHistory() throws -> SQLiteStore {
        let store = try SQLiteStore()
        let estate = Estate(
            asOf: day, people: [Person(id: "ann")], devices: [Device(id: "a"), Device(id: "b")],
            products: [Product(id: "p")], installations: [Installation(device: "a", product: "p")])
        _ = try store.importEstate(estate, mode: .replace, source: Contract.source, dryRun: false)
        try store.apply(.addEntitlement(Entitlement(id: "e", product: "p", quantity: 2)), actor: "ann", at: at)
        try store.apply(.editEntitlement(Entitlement(id: "e", product: "p", quantity: 3)), actor: "bob", at: at)
        try store.apply(.assign(Assignment(product: "p", assignee: .person("ann"))), actor: "ann", at: at)
        try store.apply(.retireDevice("b", on: at.day), actor: "ann", at: at)
        return store
    }

    @Test("each change appends one entry with who, what, and the values before and after")
    func entries() throws {
        let store = try storeWithHistory()
        let log = try store.fetchAuditLog(entity: nil, id: nil)
        #expect(log.map(\.action) == ["replace", "add", "edit", "assign", "retire"])
        #expect(log.map(\.actor) == ["tester", "ann", "bob", "ann", "ann"])
        let edit = log[2]
        #expect(edit.before == #"{"id": "e", "product": "p", "quantity": 2}"#)
        #expect(edit.after == #"{"id": "e", "product": "p", "quantity": 3}"#)
        #expect(try store.fetchAuditLog(entity: "entitlement", id: "e").count == 2)
        #expect(try store.verifyAuditTrail() == .intact(entries: 5))
    }

    @Test("an edited entry is named")
    func edited() throws {
        let store = try storeWithHistory()
        try store.database.write { db in
            try db.execute(sql: "UPDATE audit_entry SET actor = 'mallory' WHERE sequence = 3")
        }
        #expect(try store.verifyAuditTrail() == .broken(sequence: 3, reason: "its content does not match its hash"))
    }

    @Test("a deleted entry, in the middle or at the end, is named")
    func deleted() throws {
        let middle = try storeWithHistory()
        try middle.database.write { db in try db.execute(sql: "DELETE FROM audit_entry WHERE sequence = 2") }
        #expect(try middle.verifyAuditTrail() == .broken(sequence: 2, reason: "entry 2 is missing (the next is 3)"))
        let last = try storeWithHistory()
        try last.database.write { db in try db.execute(sql: "DELETE FROM audit_entry WHERE sequence = 5") }
        #expect(try last.verifyAuditTrail() == .broken(sequence: 5, reason: "entries 5 to 5 are missing"))
    }

    @Test("reordered entries are named, even with their numbers swapped back")
    func reordered() throws {
        let store = try storeWithHistory()
        try store.database.write { db in
            try db.execute(sql: "UPDATE audit_entry SET sequence = 100 WHERE sequence = 2")
            try db.execute(sql: "UPDATE audit_entry SET sequence = 2 WHERE sequence = 3")
            try db.execute(sql: "UPDATE audit_entry SET sequence = 3 WHERE sequence = 100")
        }
        guard case .broken(let sequence, _) = try store.verifyAuditTrail() else {
            Issue.record("a reordered trail passed")
            return
        }
        #expect(sequence == 2)
    }

    @Test("edits refuse unknown ids and invalid values, and change nothing then")
    func refusals() throws {
        let store = try storeWithHistory()
        #expect(throws: StoreError.unknown(kind: "entitlement", id: "nope")) {
            try store.apply(.retireEntitlement("nope", on: day), actor: "ann", at: at)
        }
        #expect(throws: StoreError.unknown(kind: "device", id: "zz")) {
            try store.apply(.retireDevice("zz", on: at.day), actor: "ann", at: at)
        }
        #expect(throws: StoreError.self) {
            try store.apply(.addEntitlement(Entitlement(id: "x", product: "nope", quantity: 1)), actor: "ann", at: at)
        }
        #expect(throws: StoreError.self) {
            try store.apply(.addEntitlement(Entitlement(id: "e", product: "p", quantity: 1)), actor: "ann", at: at)
        }
        #expect(throws: StoreError.self) {
            try store.apply(.unassign(Assignment(product: "p", assignee: .device("a"))), actor: "ann", at: at)
        }
        #expect(try store.fetchAuditLog(entity: nil, id: nil).count == 5)
        #expect(try store.loadEstate(asOf: day).entitlements.map(\.quantity) == [3])
    }

    @Test("edits change the position the store reconciles to")
    func editsReachThePosition() throws {
        let store = try storeWithHistory()
        try store.apply(.retireEntitlement("e", on: day.adding(days: -1)), actor: "ann", at: at)
        let position = try Reconciler.reconcile(try store.loadEstate(asOf: day)).positions.first { $0.product == "p" }
        #expect(position?.covered == 0)
        // Device b is retired and a person's assignment does not count under `device`: a alone needs a license.
        #expect(position?.demand == 1)
    }

    @Test("snapshots keep each reconciliation, and history lists them with one product's figures")
    func snapshots() throws {
        let store = try storeWithHistory()
        try store.recordSnapshot(try Reconciler.reconcile(try store.loadEstate(asOf: day)), takenAt: at)
        try store.apply(.editEntitlement(Entitlement(id: "e", product: "p", quantity: 0)), actor: "ann", at: at)
        try store.recordSnapshot(try Reconciler.reconcile(try store.loadEstate(asOf: day)), takenAt: at)
        let history = try store.fetchSnapshots(product: "p")
        #expect(history.map(\.id) == [1, 2])
        #expect(history.map { $0.position?.shortfall } == [0, 1])
        #expect(history.map(\.shortfalls) == [[:], [.device: 1]])
        #expect(history.map(\.productsUnder) == [0, 1])
    }
}
