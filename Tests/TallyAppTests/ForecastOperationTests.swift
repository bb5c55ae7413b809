import Foundation
import TallyCore
import TallyFormats
import TallyStore
import Testing

@testable import TallyApp
@testable import TallySQLite

/// Forecasts from a store, worked by hand: one more CAD installation each month, so that the history is a straight
/// line the forecast continues, and the month it passes the 14 licenses owned is known.
@Suite("Forecast from the store")
struct ForecastOperationTests {
    /// Today is 2026-11-29. Device d1 got CAD on 2025-12-15, d2 on 2026-01-15, ... d12 on 2026-11-15: 12 in
    /// November 2026. Devices d1-d6 are in `eng`, the others in `sales`.
    private func estate() -> Estate {
        let devices = (1...12).map { Device(id: .init("d\($0)"), department: $0 <= 6 ? "eng" : "sales") }
        let installations = (1...12).map { i in
            Installation(
                device: .init("d\(i)"), product: "cad",
                installed: Day("2025-12-15")!.adding(days: 0).addingMonths(i - 1))
        }
        return Estate(
            asOf: Day("2026-11-29")!, currency: "EUR",
            departments: [Department(id: "eng"), Department(id: "sales")], devices: devices,
            products: [Product(id: "cad", license: License(metric: .device))], installations: installations,
            entitlements: [Entitlement(id: "E1", product: "cad", quantity: 14)])
    }

    @Test("A month's history is the estate as it was on its last day; the line is continued and passes supply")
    func straightLine() async throws {
        let store = try SQLiteStore()
        try await store.importEstate(estate(), mode: .replace)
        let report = try await store.operations().forecast(through: Day("2027-06-30")!)
        let cad = try #require(report.products.first)
        // No CAD before December 2025; then 1, 2, ... 12 by November 2026 (today's position, on the 29th).
        #expect(cad.history.first?.month == Day("2025-12-01") && cad.history.count == 12)
        #expect(cad.history.map(\.demand) == Array(1...12))
        #expect(cad.forecast.method == .holt)
        // December 2026 is 13, January 14, February 15: the first above 14 owned.
        #expect(cad.months.first == Day("2026-12-01") && cad.months.count == 7)
        #expect(abs((cad.forecast.points.first?.value ?? 0) - 13) < 0.01)
        #expect(cad.supply == 14 && cad.passesSupply == Day("2027-02-01"))
    }

    @Test("A department's growth raises the forecast by its share of demand; unknown departments are refused")
    func growth() async throws {
        let store = try SQLiteStore()
        try await store.importEstate(estate(), mode: .replace)
        let operations = store.operations()
        // eng holds 6 of the 12 consumers: +20% for eng is +10% for CAD; 13 x 1.1 = 14.3 in December.
        let grown = try await operations.forecast(through: Day("2027-06-30")!, growth: ["eng": 0.2])
        let cad = try #require(grown.products.first)
        #expect(abs(cad.growth - 1.1) < 1e-9)
        #expect(abs((cad.forecast.points.first?.value ?? 0) - 14.3) < 0.01)
        #expect(cad.passesSupply == Day("2026-12-01"))
        await #expect(throws: TallyError.notFound(kind: "department", id: "ops")) {
            try await operations.forecast(growth: ["ops": 0.1])
        }
        await #expect(throws: TallyError.self) { try await operations.forecast(through: Day("2026-01-01")!) }
        #expect(DepartmentGrowth("eng=+10%") == DepartmentGrowth("eng=0.1"))
        #expect(DepartmentGrowth("sales=-5%")?.rate == -0.05 && DepartmentGrowth("eng") == nil)
    }
}

extension Day {
    /// The same day of the month `count` months later (the 15th stays the 15th).
    fileprivate func addingMonths(_ count: Int) -> Day {
        let parts = self.parts
        let index = parts.year * 12 + parts.month - 1 + count
        return Day(year: index / 12, month: index % 12 + 1, day: parts.day) ?? self
    }
}
