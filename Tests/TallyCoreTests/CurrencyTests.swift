import Testing

@testable import TallyCore

/// Entitlements priced in other currencies, converted into the estate's at the rate of the position's day.
@Suite("Costs in other currencies")
struct CurrencyTests {
    static let rates = [
        ExchangeRate(currency: "USD", date: .on("2026-01-01"), rate: 0.9),
        ExchangeRate(currency: "USD", date: .on("2026-06-01"), rate: 0.8),
        ExchangeRate(currency: "GBP", date: .on("2026-01-01"), rate: 1.15),
    ]

    /// Three devices run `p`; one unit is bought at 100 USD, and `q` has 5 units at 10 GBP of which 2 are used.
    func sample(asOf: Day = testDay, rates: [ExchangeRate] = rates) -> Estate {
        let devices = (0..<3).map { Device(id: .init("d\($0)")) }
        var result = estate(
            devices: devices, products: [product("p"), product("q")],
            installations: devices.map { install($0.id, "p") } + devices.prefix(2).map { install($0.id, "q") },
            entitlements: [
                Entitlement(id: "usd", product: "p", quantity: 1, unitCost: 100, currency: "USD"),
                Entitlement(id: "gbp", product: "q", quantity: 5, unitCost: 10, currency: "GBP"),
            ], asOf: asOf)
        result.rates = rates
        return result
    }

    @Test("exposure and surplus value are in the estate's currency at the latest rate on or before the day")
    func converted() throws {
        let now = try Reconciler.reconcile(sample())
        // 2 units short x 100 USD x 0.80 (the rate of 2026-06-01) = 160 EUR.
        #expect(position(now, "p")?.exposure == 160)
        // 3 unused x 10 GBP x 1.15 = 34.50 EUR.
        #expect(position(now, "q")?.surplusValue == 34.5)
        #expect(now.rates.map(\.currency) == ["GBP", "USD"])
        #expect(now.rates.last?.rate == 0.8)

        // In March the January rate holds: 2 x 100 x 0.90 = 180 EUR.
        let march = try Reconciler.reconcile(sample(asOf: .on("2026-03-01")))
        #expect(position(march, "p")?.exposure == 180)
        // Before the first rate, the earliest one is used.
        let before = try Reconciler.reconcile(sample(asOf: .on("2025-12-01")))
        #expect(position(before, "p")?.exposure == 180)
    }

    @Test("an entitlement in the estate's own currency needs no rate, and none is reported")
    func ownCurrency() throws {
        var estate = sample(rates: [])
        estate.entitlements = estate.entitlements.map { item in
            var item = item
            item.currency = "EUR"
            return item
        }
        let result = try Reconciler.reconcile(estate)
        #expect(position(result, "p")?.exposure == 200)
        #expect(result.rates.isEmpty)
    }

    @Test("a currency without a rate, an estate without a currency, bad codes and rates are refused with their path")
    func refused() {
        expectError("entitlements[1].currency", in: sample(rates: [Self.rates[0]]))
        var noCurrency = sample()
        noCurrency.currency = nil
        noCurrency.rates = []
        expectError("entitlements[0].currency", in: noCurrency)
        var badCode = sample()
        badCode.entitlements[0].currency = "usd"
        expectError("entitlements[0].currency", in: badCode)
        expectError(
            "rates[1].rate", in: sample(rates: [Self.rates[0], .init(currency: "GBP", date: testDay, rate: 0)]))
        expectError(
            "rates[3].currency", in: sample(rates: Self.rates + [.init(currency: "EUR", date: testDay, rate: 1)]))
        expectError("rates[3].date", in: sample(rates: Self.rates + [Self.rates[1]]))
    }

    @Test("renewals cost in the estate's currency at today's rate")
    func renewals() throws {
        var estate = sample()
        estate.entitlements[0].end = .on("2026-12-31")
        estate.entitlements[0].costPeriod = .year
        let position = try Reconciler.reconcile(estate)
        let lines = Renewals.lines(
            contracts: [], entitlements: estate.entitlements, position: position, today: testDay,
            horizon: .on("2027-01-31"), conversion: CurrencyConversion(currency: "EUR", rates: position.rates))
        // 1 unit x 100 USD a year x 0.80.
        #expect(lines.map(\.annualCost) == [80])
    }

    @Test("the conversion reads as a sentence")
    func described() {
        #expect(Self.rates[1].described(into: "EUR") == "1 USD = 0.8 EUR (rate of 2026-06-01)")
        let conversion = CurrencyConversion(currency: "EUR", rates: Self.rates)
        #expect(conversion.convert(10, from: "USD", on: .on("2026-07-01")) == 8)
        #expect(conversion.convert(10, from: nil, on: .on("2026-07-01")) == 10)
        #expect(conversion.convert(10, from: "CHF", on: .on("2026-07-01")) == nil)
    }
}
