import Foundation
import TallyCore
import TallyFormats
import TallyStore
import Testing

@testable import TallyApp
@testable import TallySQLite

/// Exchange rates kept by the store: recorded (audited, a day's rate replaced), refused when they cannot hold, and
/// used by the position.
@Suite("Exchange rates in the store")
struct RateTests {
    private let who = Caller("ana")

    /// Three devices run CAD; one unit bought at 100 USD: two short, priced in dollars.
    private func estate() -> Estate {
        Estate(
            asOf: Day("2026-11-29")!, currency: "EUR", devices: (1...3).map { Device(id: .init("d\($0)")) },
            products: [Product(id: "cad", license: License(metric: .device))],
            installations: (1...3).map { Installation(device: .init("d\($0)"), product: "cad") },
            entitlements: [Entitlement(id: "E1", product: "cad", quantity: 1, unitCost: 100, currency: "USD")],
            rates: [ExchangeRate(currency: "USD", date: Day("2026-01-01")!, rate: 0.9)])
    }

    @Test("A rate is recorded and audited; the day's rate is replaced; the position converts at the latest")
    func recorded() async throws {
        let store = try SQLiteStore()
        try await store.importEstate(estate(), mode: .replace)
        let operations = store.operations()
        // 2 short x 100 USD x 0.90.
        #expect(try await operations.reconcile(save: false).reconciliation.totals.exposure == 180)
        try await operations.setRate(ExchangeRate(currency: "USD", date: Day("2026-11-01")!, rate: 0.95), by: who)
        try await operations.setRate(ExchangeRate(currency: "USD", date: Day("2026-11-01")!, rate: 0.8), by: who)
        let conversion = try await operations.currencyConversion()
        #expect(conversion.rates(of: "USD").map(\.rate) == [0.9, 0.8])
        #expect(try await operations.reconcile(save: false).reconciliation.totals.exposure == 160)
        let trail = try await operations.auditLog(entity: "rate")
        #expect(trail.map(\.action) == ["add", "edit"] && trail.last?.entityID == "USD@2026-11-01")
        guard case .intact = try await operations.verifyAuditTrail() else {
            Issue.record("the audit trail should verify")
            return
        }
    }

    @Test("A rate of the estate's own currency, of 0, or an entitlement in a currency without one, is refused")
    func refused() async throws {
        let store = try SQLiteStore()
        try await store.importEstate(estate(), mode: .replace)
        let operations = store.operations()
        await #expect(throws: TallyError.self) {
            try await operations.setRate(ExchangeRate(currency: "EUR", date: Day("2026-11-01")!, rate: 1), by: who)
        }
        await #expect(throws: TallyError.self) {
            try await operations.setRate(ExchangeRate(currency: "GBP", date: Day("2026-11-01")!, rate: 0), by: who)
        }
        await #expect(throws: TallyError.self) {
            try await operations.addEntitlement(
                Entitlement(id: "E2", product: "cad", quantity: 1, unitCost: 10, currency: "CHF"), by: who)
        }
        #expect(try await operations.currencyConversion().allRates.count == 1)
    }
}
