import Foundation
import TallyCore
import TallyStore
import Testing

@testable import TallyApp
@testable import TallySQLite

/// The chargeback from the store: the position it splits by is that of the period's last day, or today's while that
/// day is to come, and a past position is computed without being kept.
@Suite("Chargeback from the store")
struct ChargebackOperationTests {
    /// ann (eng) installed the product on 2026-06-01; two units at 365 a year bought from 2025.
    static let estate: Estate = {
        var estate = Estate(asOf: Day("2026-11-29") ?? Day(daysSinceEpoch: 0), currency: "EUR")
        estate.departments = [Department(id: "eng", name: "Engineering")]
        estate.people = [Person(id: "ann", department: "eng")]
        estate.devices = [Device(id: "ws-1", user: "ann")]
        estate.products = [Product(id: "ide", license: License(metric: .user))]
        estate.installations = [Installation(device: "ws-1", product: "ide", installed: Day("2026-06-01"))]
        estate.entitlements = [
            Entitlement(
                id: "S-1", product: "ide", quantity: 2, start: Day("2025-01-01"), unitCost: 365, costPeriod: .year)
        ]
        return estate
    }()

    @Test("This year is split by today's position; last year by that of its last day, and no snapshot is kept")
    func positionDay() async throws {
        let store = try Backend.memory.open()
        try await store.importEstate(Self.estate, mode: .replace)
        let operations = store.operations()

        let now = try await operations.chargeback()
        #expect(now.period == ChargebackPeriod(year: 2026) && now.positionDay == Day("2026-11-29"))
        // 2 x 365 for the year: ann's unit to eng, the other unused.
        #expect(now.rows.map(\.label) == ["eng", "(no department)", "(unused)"])
        #expect(now.rows.map(\.recurring) == [365, 0, 365] && now.total.total == 730)

        let snapshots = try await operations.history().count
        let last = try await operations.chargeback(period: ChargebackPeriod(year: 2025))
        #expect(last.positionDay == Day("2025-12-31"))
        // On 2025-12-31 nothing was installed yet: the whole year's cost bought licenses nobody used.
        #expect(last.rows.map(\.recurring) == [0, 0, 730] && last.rows.map(\.units) == [0, 0, 2])
        #expect(try await operations.history().count == snapshots, "a past position is not kept as a snapshot")

        let month = try await operations.chargeback(period: ChargebackPeriod(year: 2026, month: 12), rollup: true)
        #expect(month.positionDay == Day("2026-11-29") && month.total.total == 730.0 * 31 / 365)
    }
}
