/// A forecast of the monthly demand for a license product: a point and an 80% prediction interval for each month ahead.
public struct DemandForecast: Sendable, Equatable {
    /// How the forecast was made, which follows from how many months of history there were.
    public enum Method: String, Sendable, Equatable {
        /// Holt's linear trend, for 3 to 23 months of history.
        case holt
        /// Additive Holt-Winters with a 12-month season, for 24 months of history or more.
        case holtWinters = "holt-winters"
        /// The last month carried forward, for fewer than 3 months of history (or a history so extreme that neither
        /// smoothing method gave finite numbers).
        case flat
    }

    /// The method that made the points.
    public let method: Method
    /// The smoothing of the level, in (0, 1); 1 for `.flat`, which keeps only the last month.
    public let alpha: Double
    /// The smoothing of the trend, in (0, 1); 0 for `.flat`, which has no trend.
    public let beta: Double
    /// The smoothing of the seasonal indices, for `.holtWinters` only.
    public let gamma: Double?
    /// One point for each month ahead, month 1 first; none when no months were asked for or there was no history.
    public let points: [ForecastPoint]

    /// A forecast made of these parts; `Forecaster` makes them, this is for fixtures.
    public init(method: Method, alpha: Double, beta: Double, gamma: Double?, points: [ForecastPoint]) {
        self.method = method
        self.alpha = alpha
        self.beta = beta
        self.gamma = gamma
        self.points = points
    }
}

/// The forecast demand of one month ahead, and the interval that should hold it four times out of five.
public struct ForecastPoint: Sendable, Equatable {
    /// How many months after the last month of history, from 1.
    public let step: Int
    /// The point forecast, never below 0.
    public let value: Double
    /// The low end of the 80% prediction interval, never below 0.
    public let low: Double
    /// The high end of the 80% prediction interval.
    public let high: Double

    /// A point made of these parts; `Forecaster` makes them, this is for fixtures.
    public init(step: Int, value: Double, low: Double, high: Double) {
        self.step = step
        self.value = value
        self.low = low
        self.high = high
    }
}

/// Forecasts the monthly demand for a product from its monthly history, by exponential smoothing.
///
/// The method follows from the length of the history: two full seasons (24 months) or more use additive Holt-Winters
/// with a 12-month season, 3 to 23 months use Holt's linear trend, fewer carry the last month forward. The smoothing
/// parameters minimise the sum of squared one-step-ahead errors over a fixed grid (`ParameterSearch`), so the same
/// history always gives the same forecast.
///
/// The 80% interval is `value ± 1.2816 σ_h`, where σ² is the mean squared one-step residual of the fit and
/// `σ_h² = σ² (1 + Σ_{j=1}^{h-1} c_j²)` with the analytic weights of the method (Hyndman et al., *Forecasting with
/// Exponential Smoothing*, chapter 6): `c_j = α + αβj` for Holt, plus `γ(1 − α)` when `j` is a multiple of 12 for
/// Holt-Winters, and `c_j = 1` (a random walk) for the flat forecast. Demand is never negative, so values and both ends
/// of the interval are clamped at 0.
public enum Forecaster {
    /// The most months ahead a forecast has points for (100 years); a longer horizon is cut to it.
    public static let maximumMonths = 1200
    /// The months of history from which the season is modelled: two full seasons, to tell season from trend.
    static let seasonalHistory = 2 * HoltWinters.period
    /// The months of history from which a trend is modelled.
    static let trendHistory = 3
    /// The quantile of the standard normal distribution that leaves 10% above it: a central 80% interval.
    static let z80 = 1.2816

    /// The forecast of the `months` months after `history`, a series of monthly demand, oldest month first.
    ///
    /// A month that is not a finite number (NaN, infinity) counts as missing and takes the value of the month before
    /// it, which keeps the later months in their place in the season; missing months before the first finite one are
    /// dropped. No history gives a `.flat` forecast without points; `months` of 0 or less gives no points.
    public static func forecast(_ history: [Double], months: Int) -> DemandForecast {
        let series = observed(history)
        let horizon = min(max(months, 0), maximumMonths)
        // Fitting a power-of-two fraction of the series is exact and keeps squared errors of huge demand finite.
        let scale = scale(of: series)
        let scaled = scale == 1 ? series : series.map { $0 / scale }
        if scaled.count >= seasonalHistory {
            let fit = HoltWinters.fit(scaled)
            if fit.isFinite {
                return DemandForecast(
                    method: .holtWinters, alpha: fit.alpha, beta: fit.beta, gamma: fit.gamma,
                    points: fit.points(months: horizon, scale: scale))
            }
        }
        if scaled.count >= trendHistory {
            let fit = Holt.fit(scaled)
            if fit.isFinite {
                return DemandForecast(
                    method: .holt, alpha: fit.alpha, beta: fit.beta, gamma: nil,
                    points: fit.points(months: horizon, scale: scale))
            }
        }
        return flat(scaled, months: horizon, scale: scale)
    }

    /// The history with each non-finite month replaced by the month before it, and leading non-finite months dropped.
    static func observed(_ history: [Double]) -> [Double] {
        var series: [Double] = []
        series.reserveCapacity(history.count)
        for value in history {
            if value.isFinite {
                series.append(value)
            } else if let previous = series.last {
                series.append(previous)
            }
        }
        return series
    }

    /// The power of two at or below the largest magnitude in `series`, or 1 when that is below 2.
    static func scale(of series: [Double]) -> Double {
        let largest = series.reduce(0) { max($0, abs($1)) }
        guard largest >= 2 else { return 1 }
        return Double(sign: .plus, exponent: largest.exponent, significand: 1)
    }

    /// The last month carried forward, its interval widening as a random walk with the month-to-month changes seen.
    static func flat(_ series: [Double], months: Int, scale: Double) -> DemandForecast {
        guard let last = series.last else {
            return DemandForecast(method: .flat, alpha: 1, beta: 0, gamma: nil, points: [])
        }
        var squaredChanges = 0.0
        for index in series.indices.dropFirst() {
            let change = series[index] - series[index - 1]
            squaredChanges += change * change
        }
        let variance = series.count > 1 ? squaredChanges / Double(series.count - 1) : 0
        let points = intervals(
            months: months, scale: scale, variance: variance, value: { _ in last }, weight: { _ in 1 })
        return DemandForecast(method: .flat, alpha: 1, beta: 0, gamma: nil, points: points)
    }

    /// The points of a fitted model, back in the units of the history.
    ///
    /// - Parameters:
    ///   - variance: σ², the mean squared one-step residual, in the fitted (scaled) units.
    ///   - value: the point forecast of step `h`, in the fitted units.
    ///   - weight: `c_j`, the weight of the error `j` months back in the error of a forecast.
    static func intervals(
        months: Int, scale: Double, variance: Double, value: (Int) -> Double, weight: (Int) -> Double
    ) -> [ForecastPoint] {
        guard months > 0 else { return [] }
        var points: [ForecastPoint] = []
        points.reserveCapacity(months)
        var multiplier = 1.0
        for step in 1...months {
            if step > 1 {
                let c = weight(step - 1)
                multiplier += c * c
            }
            let point = value(step)
            let half = z80 * (variance * multiplier).squareRoot()
            points.append(
                ForecastPoint(
                    step: step, value: demand(point * scale), low: demand((point - half) * scale),
                    high: demand((point + half) * scale)))
        }
        return points
    }

    /// `value` as a demand: at least 0 and finite, an overflow kept at the largest finite number.
    static func demand(_ value: Double) -> Double {
        if value.isNaN { return 0 }
        return min(max(value, 0), .greatestFiniteMagnitude)
    }
}

/// A deterministic search for smoothing parameters in (0, 1): a coarse grid over the whole interval, then finer grids
/// centred on the best point so far. Ties keep the point found first, so the result depends on nothing but the data,
/// and a cost that is NaN or infinite never wins. Points are whole thousandths, so a parameter reads as 0.02, not
/// 0.019999999999999993.
enum ParameterSearch {
    /// One pass of the search, in thousandths.
    enum Pass {
        /// Every multiple of `step` strictly between 0 and 1000.
        case span(step: Int)
        /// The best point so far and `reach` multiples of `step` either side of it, kept strictly between 0 and 1000.
        case around(step: Int, reach: Int)

        /// The thousandths this pass tries on one axis whose best point so far is `best`.
        func values(around best: Int) -> [Int] {
            switch self {
            case .span(let step):
                return Array(stride(from: step, to: 1000, by: max(1, step)))
            case .around(let step, let reach):
                return (-reach...reach).map { best + $0 * step }.filter { $0 > 0 && $0 < 1000 }
            }
        }
    }

    /// Two parameters (Holt): 19 × 19 at 0.05, then 9 × 9 at 0.01 and at 0.002 — 523 fits, to within 0.001.
    static let twoParameters: [Pass] = [.span(step: 50), .around(step: 10, reach: 4), .around(step: 2, reach: 4)]
    /// Three parameters (Holt-Winters): 9³ at 0.1, 7³ at 0.025, 9³ at 0.005 — 1,801 fits, to within 0.0025.
    static let threeParameters: [Pass] = [.span(step: 100), .around(step: 25, reach: 3), .around(step: 5, reach: 4)]

    /// The point of the grid with the least `cost`, searching the first `dimensions` coordinates (2 or 3); the others
    /// stay 0.
    static func minimise(
        dimensions: Int, passes: [Pass], cost: (_ a: Double, _ b: Double, _ c: Double) -> Double
    ) -> (a: Double, b: Double, c: Double) {
        var best = [500, 500, 500]
        var bestCost = Double.infinity
        for pass in passes {
            let axes = (0..<3).map { axis in axis < dimensions ? pass.values(around: best[axis]) : [0] }
            var passBest = best
            for a in axes[0] {
                for b in axes[1] {
                    for c in axes[2] {
                        let value = cost(Double(a) / 1000, Double(b) / 1000, Double(c) / 1000)
                        if value < bestCost {
                            bestCost = value
                            passBest = [a, b, c]
                        }
                    }
                }
            }
            best = passBest
        }
        return (Double(best[0]) / 1000, Double(best[1]) / 1000, dimensions > 2 ? Double(best[2]) / 1000 : 0)
    }
}
