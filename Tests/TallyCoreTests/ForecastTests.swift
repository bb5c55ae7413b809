import Testing

@testable import TallyCore

/// Demand forecasting: the recurrences worked by hand, exact series reproduced, and bad input survived.
@Suite("Demand forecast")
struct ForecastTests {
    /// The half-width of an 80% interval for a standard deviation of `sd`.
    func half(_ sd: Double) -> Double { 1.2816 * sd }

    @Test("Holt with α = β = 0.5 on 10, 12, 15 follows the recurrence worked by hand")
    func holtByHand() {
        // ℓ0 = 10; b0 = mean of the first differences = (15 − 10) / 2 = 2.5.
        // t = 1: ŷ = 10 + 2.5 = 12.5, e = 12 − 12.5 = −0.5;
        //        ℓ1 = 0.5·12 + 0.5·12.5 = 12.25; b1 = 0.5·(12.25 − 10) + 0.5·2.5 = 2.375.
        // t = 2: ŷ = 12.25 + 2.375 = 14.625, e = 15 − 14.625 = 0.375;
        //        ℓ2 = 0.5·15 + 0.5·14.625 = 14.8125; b2 = 0.5·(14.8125 − 12.25) + 0.5·2.375 = 2.46875.
        // SSE = 0.25 + 0.140625 = 0.390625 over 2 residuals: σ² = 0.1953125.
        let fit = Holt.fit([10, 12, 15], alpha: 0.5, beta: 0.5)
        #expect(fit.level == 14.8125)
        #expect(fit.trend == 2.46875)
        #expect(fit.squaredErrors == 0.390625)
        #expect(fit.residuals == 2)
        #expect(fit.variance == 0.1953125)

        // Step 1: 14.8125 + 2.46875 = 17.28125 ± 1.2816 σ.
        // Step 2: 14.8125 + 2·2.46875 = 19.75; c1 = α + αβ·1 = 0.75, so σ_2² = σ²(1 + 0.5625) and σ_2 = 1.25 σ.
        let sigma = 0.1953125.squareRoot()
        let points = fit.points(months: 2, scale: 1)
        #expect(points.map(\.step) == [1, 2])
        #expect(points[0].value == 17.28125)
        #expect(abs(points[0].high - (17.28125 + half(sigma))) < 1e-12)
        #expect(abs(points[0].low - (17.28125 - half(sigma))) < 1e-12)
        #expect(points[1].value == 19.75)
        #expect(abs(points[1].high - (19.75 + half(1.25 * sigma))) < 1e-12)
    }

    @Test("Holt-Winters with α = β = γ = 0.5 after one surprise follows the recurrence worked by hand")
    func holtWintersByHand() throws {
        // Two seasons of 11, 9, 11, 9, ...: ȳ1 = ȳ2 = 10, b0 = 0, s = +1 on even months and −1 on odd ones, ℓ11 = 10.
        // Months 12 to 23 are predicted exactly. Month 24 (an even month) is 13 where 10 + 0 + 1 = 11 was expected:
        // e = 2; ℓ = 0.5·(13 − 1) + 0.5·(10 + 0) = 11; b = 0.5·(11 − 10) + 0.5·0 = 0.5;
        // s_even = 0.5·(13 − 11) + 0.5·1 = 1.5. SSE = 4 over 13 residuals.
        // Month 25 (odd): 11 + 0.5 − 1 = 10.5; month 36 (even, step 12): 11 + 6 + 1.5 = 18.5.
        let history = (0..<24).map { $0 % 2 == 0 ? 11.0 : 9.0 } + [13]
        let fit = HoltWinters.fit(history, alpha: 0.5, beta: 0.5, gamma: 0.5)
        #expect(fit.level == 11)
        #expect(fit.trend == 0.5)
        #expect(fit.season[0] == 1.5)
        #expect(fit.season[1] == -1)
        #expect(fit.squaredErrors == 4)
        #expect(fit.residuals == 13)

        // c_j = 0.5 + 0.25 j, plus γ(1 − α) = 0.25 at j = 12;
        // Σ_{j=1}^{11} c_j² = Σ (0.25 + 0.25 j + 0.0625 j²) = 11·0.25 + 0.25·66 + 0.0625·506 = 50.875.
        // So σ_12² = σ²(1 + 50.875) and σ_13² = σ²(1 + 50.875 + (0.5 + 3 + 0.25)²) = σ²(1 + 50.875 + 14.0625).
        let points = fit.points(months: 13, scale: 1)
        let variance = 4.0 / 13
        #expect(points[0].value == 10.5)
        #expect(points[11].value == 18.5)
        #expect(abs(points[11].high - (18.5 + half((variance * 51.875).squareRoot()))) < 1e-9)
        let last = try #require(points.last)
        #expect(abs(last.high - (last.value + half((variance * 65.9375).squareRoot()))) < 1e-9)
    }

    @Test("A perfectly linear series is continued exactly, with an interval of no width")
    func linear() {
        let history = (0..<10).map { 10 + 2 * Double($0) }
        let forecast = Forecaster.forecast(history, months: 6)
        #expect(forecast.method == .holt)
        #expect(forecast.gamma == nil)
        #expect(forecast.points.map(\.step) == Array(1...6))
        for point in forecast.points {
            #expect(abs(point.value - (28 + 2 * Double(point.step))) < 1e-9)
            #expect(point.high - point.low < 1e-6)
        }
    }

    @Test("A constant series forecasts the constant, with Holt and with Holt-Winters")
    func constant() {
        let short = Forecaster.forecast(Array(repeating: 7, count: 8), months: 3)
        #expect(short.method == .holt)
        #expect(short.points.allSatisfy { abs($0.value - 7) < 1e-9 && $0.high - $0.low < 1e-6 })
        let long = Forecaster.forecast(Array(repeating: 40, count: 30), months: 14)
        #expect(long.method == .holtWinters)
        #expect(long.points.count == 14)
        #expect(long.points.allSatisfy { abs($0.value - 40) < 1e-9 && $0.high - $0.low < 1e-6 })
    }

    @Test("Holt-Winters reproduces the next year of an exact trend-plus-season series")
    func exactSeason() throws {
        let season: [Double] = [5, -3, 8, 0, -6, 2, 4, -8, 1, -2, 3, -4]
        func demand(_ t: Int) -> Double { 100 + 2 * Double(t) + season[t % 12] }
        let forecast = Forecaster.forecast((0..<36).map(demand), months: 12)
        #expect(forecast.method == .holtWinters)
        let gamma = try #require(forecast.gamma)
        #expect(gamma > 0 && gamma < 1)
        #expect(forecast.points.count == 12)
        for point in forecast.points {
            #expect(abs(point.value - demand(35 + point.step)) < 1e-6)
            #expect(point.high - point.low < 1e-6)
        }
    }

    @Test("The method follows the length of history: 24 months seasonal, 3 trend, fewer flat")
    func methodByLength() {
        let series = (0..<30).map { 50 + Double($0 % 5) }
        #expect(Forecaster.forecast(Array(series.prefix(24)), months: 1).method == .holtWinters)
        #expect(Forecaster.forecast(Array(series.prefix(23)), months: 1).method == .holt)
        #expect(Forecaster.forecast(Array(series.prefix(3)), months: 1).method == .holt)
        #expect(Forecaster.forecast(Array(series.prefix(2)), months: 1).method == .flat)
    }

    @Test("Fewer than 3 months carry the last forward, widening like a random walk with the change seen")
    func flat() {
        let one = Forecaster.forecast([5], months: 3)
        #expect(one.method == .flat)
        #expect(one.alpha == 1 && one.beta == 0 && one.gamma == nil)
        #expect(one.points == (1...3).map { ForecastPoint(step: $0, value: 5, low: 5, high: 5) })

        // σ = |7 − 4| = 3 and σ_h = 3√h: step 1 is 7 ± 3.8448; step 4 is 7 ± 7.6896, whose low end is clamped to 0.
        let two = Forecaster.forecast([4, 7], months: 4)
        #expect(two.method == .flat)
        #expect(two.points.allSatisfy { $0.value == 7 })
        #expect(abs(two.points[0].low - 3.1552) < 1e-9)
        #expect(abs(two.points[0].high - 10.8448) < 1e-9)
        #expect(two.points[3].low == 0)
        #expect(abs(two.points[3].high - 14.6896) < 1e-9)

        let none = Forecaster.forecast([], months: 3)
        #expect(none.method == .flat)
        #expect(none.points.isEmpty)
    }

    @Test("No months asked for gives no points, but still a fitted method")
    func noMonths() {
        let history = (0..<12).map { Double($0) }
        #expect(Forecaster.forecast(history, months: 0).points.isEmpty)
        #expect(Forecaster.forecast(history, months: -5).points.isEmpty)
        #expect(Forecaster.forecast(history, months: 0).method == .holt)
        #expect(Forecaster.forecast(history, months: .max).points.count == Forecaster.maximumMonths)
    }

    @Test("A month that is not a number takes the value of the month before; leading ones are dropped")
    func missingMonths() {
        #expect(Forecaster.observed([.nan, 10, .nan, 14, .infinity, -.infinity, 18]) == [10, 10, 14, 14, 14, 18])
        #expect(Forecaster.observed([.nan, .nan]).isEmpty)

        let forecast = Forecaster.forecast([10, .nan, 14, .infinity, 18, 20, .nan], months: 12)
        #expect(forecast.method == .holt)
        #expect(forecast.points.count == 12)
        #expect(forecast.points.allSatisfy { $0.value.isFinite && $0.low.isFinite && $0.high.isFinite })
        #expect(
            Forecaster.forecast([.nan, 5], months: 1).points == [ForecastPoint(step: 1, value: 5, low: 5, high: 5)])
        #expect(Forecaster.forecast([.nan, .infinity], months: 2).points.isEmpty)
    }

    @Test("Huge demand and a long horizon stay finite and ordered")
    func extremes() {
        let huge = (0..<40).map { 1e307 * (1 + Double($0 % 7)) }
        let largest = [Double.greatestFiniteMagnitude, -.greatestFiniteMagnitude, .greatestFiniteMagnitude, 0]
        let tiny = (0..<30).map { Double.leastNonzeroMagnitude * Double($0 % 3) }
        for history in [huge, largest, tiny, Array(huge.prefix(10))] {
            let forecast = Forecaster.forecast(history, months: 600)
            #expect(forecast.points.count == 600)
            for point in forecast.points {
                #expect(point.value.isFinite && point.low.isFinite && point.high.isFinite)
                #expect(0 <= point.low && point.low <= point.value && point.value <= point.high)
            }
        }
    }

    @Test("Demand counted in other units gives the same parameters and the forecast in those units")
    func unitsDoNotMatter() {
        let history = (0..<30).map { month -> Double in
            let wobble = Double(month * 7 % 5)
            return 80 + 3 * Double(month) + wobble
        }
        let base = Forecaster.forecast(history, months: 6)
        // Powers of two, so that the forecasts must agree exactly, not merely to rounding.
        let factors: [Double] = [1.0 / 64, 1024, 0x1p900]
        for factor in factors {
            let other = Forecaster.forecast(history.map { $0 * factor }, months: 6)
            let expected = base.points.map { point in
                ForecastPoint(
                    step: point.step, value: point.value * factor, low: point.low * factor, high: point.high * factor)
            }
            #expect(other.method == base.method)
            #expect(other.alpha == base.alpha && other.beta == base.beta && other.gamma == base.gamma)
            #expect(other.points == expected)
        }
    }

    @Test("Falling demand is never forecast below 0, nor is the low end of its interval")
    func clampedAtZero() {
        let forecast = Forecaster.forecast([10, 9, 6, 5, 2, 1], months: 6)
        #expect(forecast.method == .holt)
        #expect(forecast.points.allSatisfy { $0.value >= 0 && $0.low >= 0 && $0.high >= $0.value })
        #expect(forecast.points[0].low == 0)
        #expect(forecast.points[5].value == 0)
    }

    @Test("The grid search finds a known minimum to within its finest step")
    func gridSearch() {
        let two = ParameterSearch.minimise(dimensions: 2, passes: ParameterSearch.twoParameters) { a, b, _ in
            (a - 0.31) * (a - 0.31) + (b - 0.777) * (b - 0.777)
        }
        #expect(abs(two.a - 0.31) <= 0.001 + 1e-9)
        #expect(abs(two.b - 0.777) <= 0.001 + 1e-9)
        #expect(two.c == 0)
        let three = ParameterSearch.minimise(dimensions: 3, passes: ParameterSearch.threeParameters) { a, b, c in
            (a - 0.42) * (a - 0.42) + (b - 0.013) * (b - 0.013) + (c - 0.9) * (c - 0.9)
        }
        #expect(abs(three.a - 0.42) <= 0.0025 + 1e-9)
        #expect(abs(three.b - 0.013) <= 0.0025 + 1e-9)
        #expect(abs(three.c - 0.9) <= 0.0025 + 1e-9)
        let nowhere = ParameterSearch.minimise(dimensions: 2, passes: ParameterSearch.twoParameters) { _, _, _ in .nan }
        #expect(nowhere.a == 0.5 && nowhere.b == 0.5)
    }

    @Test("The backtest is fixed by its seed, beats the naive forecast on trends, and its intervals cover about 80%")
    func backtest() throws {
        let results = ForecastBacktest.run(seed: 7, series: 6, months: 48, horizon: 6)
        #expect(results == ForecastBacktest.run(seed: 7, series: 6, months: 48, horizon: 6))
        #expect(results != ForecastBacktest.run(seed: 8, series: 6, months: 48, horizon: 6))
        #expect(results.map(\.shape) == ForecastBacktest.Shape.allCases)
        for result in results {
            // 19 origins (months 24 to 42), 6 months ahead each, for 6 series.
            #expect(result.series == 6)
            #expect(result.forecasts == 19 * 6 * 6)
            #expect((0.6...0.95).contains(result.coverage), "coverage of \(result.shape.rawValue)")
        }
        for shape in [ForecastBacktest.Shape.trend, .seasonal] {
            let result = try #require(results.first { $0.shape == shape })
            #expect(result.methodMAPE < 0.75 * result.naiveMAPE, "\(shape.rawValue) against naive")
        }
        let flat = try #require(results.first { $0.shape == .flat })
        #expect(flat.methodMAPE < 1.1 * flat.naiveMAPE, "no worse than naive where there is nothing to follow")
    }

    @Test("A backtest without room for an origin compares nothing")
    func emptyBacktest() {
        for result in ForecastBacktest.run(seed: 1, series: 2, months: 10, horizon: 6) {
            #expect(result.forecasts == 0)
            #expect(result.methodMAPE == 0 && result.naiveMAPE == 0 && result.coverage == 0)
        }
        #expect(ForecastBacktest.run(seed: 1, series: 0, months: 48, horizon: 6).allSatisfy { $0.series == 0 })
    }
}
