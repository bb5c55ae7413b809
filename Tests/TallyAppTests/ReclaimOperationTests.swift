import Foundation
import TallyCore
import TallyFormats
import TallyStore
import Testing

@testable import TallyApp
@testable import TallySQLite

/// Reclaiming from a store: the list, recording what was taken back (audited), and the flag when inventory reports
/// it again. Worked by hand: AutoCAD on three devices, two owned; ws-2 last used in May, ws-3 not seen since June.
@Suite("Reclaim from the store")
struct ReclaimOperationTests {
    private let who = Caller("ana")

    private func estate(lastSeen: Day = Day("2026-11-20")!) -> Estate {
        Estate(
            asOf: Day("2026-11-29")!, currency: "EUR",
            devices: [
                Device(id: "ws-1", lastSeen: Day("2026-11-20")), Device(id: "ws-2", lastSeen: Day("2026-11-20")),
                Device(id: "ws-3", lastSeen: Day("2026-06-01")),
            ],
            products: [Product(id: "autocad", license: License(metric: .device), unitPrice: 1_800)],
            installations: [
                Installation(device: "ws-1", product: "autocad", lastUsed: Day("2026-11-25")),
                Installation(device: "ws-2", product: "autocad", lastUsed: Day("2026-05-02"), lastSeen: lastSeen),
                Installation(device: "ws-3", product: "autocad", lastUsed: Day("2026-05-30")),
            ],
            entitlements: [Entitlement(id: "E1", product: "autocad", quantity: 2)])
    }

    @Test("The list frees the shortfall; a mark is audited, leaves the line out, and is flagged when seen again")
    func reclaim() async throws {
        let store = try SQLiteStore()
        try await store.importEstate(estate(), mode: .replace)
        let operations = store.operations()

        let report = try await operations.reclaim(unusedDays: 90)
        #expect(report.lines.map(\.device) == ["ws-2", "ws-3"])
        #expect(report.lines.map(\.value) == [1_800, 1_800])
        #expect(report.effects.map(\.sentence) == ["autocad: shortfall 1 -> 0, surplus 0 -> 1"])

        try await operations.markReclaimed(device: "ws-2", product: "autocad", note: "INC-7", by: who)
        let after = try await operations.reclaim(unusedDays: 90)
        #expect(after.lines.map(\.device) == ["ws-3"])
        #expect(after.taken.map(\.mark.note) == ["INC-7"] && after.taken.first?.seenAgain == nil)
        let trail = try await operations.auditLog(entity: "reclaim")
        #expect(trail.map(\.entityID) == ["ws-2/autocad"] && trail.first?.actor == "ana")
        guard case .intact = try await operations.verifyAuditTrail() else {
            Issue.record("the audit trail should verify")
            return
        }

        // The next inventory still reports it, seen a week after it was taken back.
        try await store.importEstate(estate(lastSeen: Day("2026-12-06")!), mode: .merge)
        let flagged = try await operations.reclaim(unusedDays: 90)
        #expect(flagged.taken.first?.seenAgain == Day("2026-12-06"))
        #expect(flagged.lines.map(\.device) == ["ws-2", "ws-3"])
    }

    @Test("A mark names a device and a product the store holds, and a period of disuse is from 1 to 3,650 days")
    func refused() async throws {
        let store = try SQLiteStore()
        try await store.importEstate(estate(), mode: .replace)
        let operations = store.operations()
        await #expect(throws: TallyError.notFound(kind: "device", id: "ws-9")) {
            try await operations.markReclaimed(device: "ws-9", product: "autocad", by: who)
        }
        await #expect(throws: TallyError.self) { try await operations.reclaim(unusedDays: 0) }
        await #expect(throws: TallyError.notFound(kind: "product", id: "nope")) {
            try await operations.reclaim(unusedDays: 90, product: "nope")
        }
        #expect(try await operations.reclaim(unusedDays: 90).taken.isEmpty)
    }
}
