import Testing

@testable import TallyCore

/// Pool sizing worked by hand on ten days of peaks and denials.
@Suite("Right-sizing concurrent pools")
struct PoolAdviceTests {
    /// Ten days: peaks 3, 4, 4, 5, 5, 6, 6, 7, 8, 8; the last day also had 2 checkouts refused (demand 10).
    let days: [(day: Day, peak: Int, denials: Int)] = [3, 4, 4, 5, 5, 6, 6, 7, 8, 8].enumerated().map { i, peak in
        (Day.on("2026-11-01").adding(days: i), peak, i == 9 ? 2 : 0)
    }

    @Test("by default the pool leaves no more demand unmet than was refused")
    func noMoreDenials() throws {
        let advice = try #require(PoolAdvice.advise(product: "cad", days: days, owned: 12, price: 1_000))
        // Pool 8 leaves 10 - 8 = 2 unmet (the 2 refused); pool 7 would leave 1 + 1 + 3 = 5.
        #expect(advice.advised == 8)
        #expect(advice.change == -4 && advice.saving == 4_000)
        // 95% of 10 days is the 10th peak by nearest rank: 8.
        #expect(advice.p95 == 8 && advice.maximum == 8)
        #expect(advice.denials == 2 && advice.daysWithDenials == 1 && advice.allowedUnmet == 2)
        #expect(advice.from == .on("2026-11-01") && advice.to == .on("2026-11-10") && advice.days == 10)
    }

    @Test("a chosen share of the demand may go unmet; none means the highest day's demand")
    func share() throws {
        // Demand totals 3+4+4+5+5+6+6+7+8+10 = 58; 10% is 5 (rounded down): pool 7 leaves 5.
        #expect(PoolAdvice.advise(product: "cad", days: days, owned: 12, price: nil, allowedShare: 0.1)?.advised == 7)
        let all = try #require(PoolAdvice.advise(product: "cad", days: days, owned: 6, price: 500, allowedShare: 0))
        #expect(all.advised == 10 && all.change == 4 && all.saving == -2_000)
    }

    @Test("an unlimited pool needs no sizing, no days give no advice, and huge counts do not trap")
    func edges() {
        #expect(PoolAdvice.advise(product: "cad", days: days, owned: nil, price: 10)?.change == nil)
        #expect(PoolAdvice.advise(product: "cad", days: [], owned: 1, price: nil) == nil)
        let huge = [(day: Day.on("2026-11-01"), peak: Int.max, denials: Int.max)]
        let advice = PoolAdvice.advise(product: "cad", days: huge, owned: 1, price: 1e12, allowedShare: 1)
        #expect(advice?.maximum == Int.max && advice?.saving?.isFinite == true)
    }
}
