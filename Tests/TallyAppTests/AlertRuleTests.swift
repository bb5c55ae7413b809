import Foundation
import TallyCore
import TallyStore
import Testing

@testable import TallyApp
@testable import TallySQLite

/// Alert rules raise each alert once per rule, subject and stage, recorded before anything is sent.
@Suite("Alert rules")
struct AlertRuleTests {
    private let who = Caller("ana")

    private final class Clock: @unchecked Sendable {
        var now = Instant("2026-11-29T10:00:00Z")!
    }

    private func estate() -> Estate {
        Estate(
            asOf: Day("2026-11-29")!, currency: "EUR", devices: [Device(id: "pc1"), Device(id: "pc2")],
            products: [Product(id: "ide", name: "IDE"), Product(id: "tool", name: "Tool")],
            installations: [
                Installation(device: "pc1", product: "ide"), Installation(device: "pc2", product: "ide"),
                Installation(device: "pc1", product: "tool"),
            ],
            entitlements: [Entitlement(id: "E1", product: "ide", quantity: 1, unitCost: 50, contract: "C1")],
            contracts: [Contract(id: "C1", vendor: "Contoso", end: Day("2026-12-19"), noticeDays: 10)])
    }

    @Test("Rules are checked: stages, thresholds, addresses")
    func checks() async throws {
        let operations = try SQLiteStore().operations()
        let hook = AlertRule.Channel.webhook(url: "https://hooks.example.com/x", secret: "s")
        let added = try await operations.addAlertRule(AlertRule(id: 0, kind: .renewal, channel: hook), by: who)
        #expect(added.id > 0 && added.stages == [90, 60, 30, 7])
        await #expect(
            throws: TallyError.invalid(path: "threshold", reason: "this kind of rule needs a threshold of 0 or more")
        ) {
            try await operations.addAlertRule(AlertRule(id: 0, kind: .exposure, channel: hook), by: who)
        }
        await #expect(
            throws: TallyError.invalid(path: "webhook", reason: "an http:// or https:// address, without spaces")
        ) {
            try await operations.addAlertRule(
                AlertRule(id: 0, kind: .shortfall, channel: .webhook(url: "ftp://x", secret: nil)), by: who)
        }
        await #expect(throws: TallyError.invalid(path: "email", reason: "\"ana\" is not an email address")) {
            try await operations.addAlertRule(AlertRule(id: 0, kind: .shortfall, channel: .email(to: ["ana"])), by: who)
        }
        let audit = try await operations.auditLog(entity: "alert")
        #expect(audit.count == 1 && audit[0].after?.contains("\"s\"") == false)
        try await operations.removeAlertRule(added.id, by: who)
        #expect(try await operations.alertRules().isEmpty)
    }

    @Test("Each alert is raised once per rule, subject and stage; a later stage raises it again")
    func onceAndStaged() async throws {
        let clock = Clock()
        let store = try SQLiteStore()
        try await store.importEstate(estate(), mode: .replace)
        let operations = Operations(store: store, clock: { clock.now })
        let mail = AlertRule.Channel.email(to: ["lm@example.com"])
        _ = try await operations.addAlertRule(
            AlertRule(id: 0, kind: .renewal, stages: [30, 7], channel: mail), by: who)
        _ = try await operations.addAlertRule(AlertRule(id: 0, kind: .notice, stages: [30], channel: mail), by: who)
        _ = try await operations.addAlertRule(AlertRule(id: 0, kind: .unlicensed, channel: mail), by: who)
        _ = try await operations.addAlertRule(AlertRule(id: 0, kind: .shortfall, channel: mail), by: who)
        let first = try await operations.raiseAlerts()
        // 20 days ahead: the 30-day stage of the contract and its entitlement; notice due 2026-12-09, in 10 days;
        // "tool" is used and nobody owns it; "ide" is short by one, and so is "tool".
        #expect(
            Set(first.map { "\($0.subject)@\($0.stage)" })
                == [
                    "contract:C1@30", "entitlement:E1@30", "contract:C1@30", "product:tool@unlicensed",
                    "product:ide@2026-11-29", "product:tool@2026-11-29",
                ])
        #expect(Set(first.map(\.key)).count == first.count)
        #expect(try await operations.raiseAlerts().isEmpty)
        #expect(try await operations.dueAlerts().count == first.count)
        // Fifteen days on: 5 days left, the 7-day stage; the notice deadline has passed.
        clock.now = Instant("2026-12-14T10:00:00Z")!
        let later = try await operations.raiseAlerts()
        #expect(
            Set(later.map { "\($0.subject)@\($0.stage)" }).isSuperset(of: [
                "contract:C1@7", "entitlement:E1@7", "contract:C1@passed",
            ]))
    }

    @Test("A failed attempt waits 1, 2, 4 minutes; a sent alert is not due again")
    func attempts() async throws {
        let clock = Clock()
        let store = try SQLiteStore()
        try await store.importEstate(estate(), mode: .replace)
        let operations = Operations(store: store, clock: { clock.now })
        _ = try await operations.addAlertRule(
            AlertRule(id: 0, kind: .unlicensed, channel: .email(to: ["lm@example.com"])), by: who)
        let alert = try #require(try await operations.raiseAlerts().first)
        let stored = try #require(try await operations.dueAlerts().first)
        try await operations.recordAlertAttempt(stored, error: "the SMTP server closed the connection")
        #expect(try await operations.dueAlerts().isEmpty)
        #expect(try await operations.dueAlerts(waiting: true).map(\.key) == [alert.key])
        clock.now = Instant(secondsSinceEpoch: clock.now.secondsSinceEpoch + 61)
        let again = try #require(try await operations.dueAlerts().first)
        #expect(again.attempts == 1 && again.lastError == "the SMTP server closed the connection")
        try await operations.recordAlertAttempt(again, error: nil)
        #expect(try await operations.dueAlerts(waiting: true).isEmpty)
        #expect(try await operations.alertLog().first?.status == .sent)
    }
}
