import Testing

@testable import TallyCore

/// Monthly history from dated figures, and the month a forecast passes supply.
@Suite("Product forecasts")
struct ProductForecastTests {
    @Test("each month takes its latest figure; a month without one carries the month before")
    func monthly() {
        let figures: [(day: Day, demand: Int)] = [
            (.on("2026-08-31"), 5), (.on("2026-08-10"), 4), (.on("2026-10-15"), 7), (.on("2026-10-31"), 8),
        ]
        let history = ProductForecast.monthly(figures, through: .on("2026-11-29"))
        #expect(history.map(\.month) == [.on("2026-08-01"), .on("2026-09-01"), .on("2026-10-01"), .on("2026-11-01")])
        #expect(history.map(\.demand) == [5, 5, 8, 8])
    }

    @Test("a straight line is continued; the first month above supply is named; growth scales every point")
    func passes() {
        let history = (0..<6).map { (month: Day.on("2026-06-01").adding(days: 31 * $0), demand: 10 + 2 * $0) }
            .map { (month: UsagePeriod.month.start(of: $0.month), demand: $0.demand) }
        // 10, 12, ... 20 in November; then 22, 24, 26: the first above 25 is February 2027.
        let forecast = ProductForecast.make(product: "p", history: history, supply: 25, through: .on("2027-03-31"))
        #expect(forecast.months == [.on("2026-12-01"), .on("2027-01-01"), .on("2027-02-01"), .on("2027-03-01")])
        #expect(forecast.forecast.points.map { ($0.value * 100).rounded() / 100 } == [22, 24, 26, 28])
        #expect(forecast.passesSupply == .on("2027-02-01") && !forecast.shortAlready)
        let grown = ProductForecast.make(
            product: "p", history: history, supply: 25, through: .on("2027-03-31"), growth: 1.5)
        #expect(abs((grown.forecast.points.first?.value ?? 0) - 33) < 1e-6 && grown.passesSupply == .on("2026-12-01"))
        let unlimited = ProductForecast.make(product: "p", history: history, supply: nil, through: .on("2027-03-31"))
        #expect(unlimited.passesSupply == nil)
        #expect(
            ProductForecast.make(product: "p", history: history, supply: 15, through: .on("2027-01-31")).shortAlready)
    }
}
