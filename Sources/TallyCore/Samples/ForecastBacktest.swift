import Foundation

/// A rolling-origin backtest of `Forecaster` on synthetic monthly demand of known shapes, made from a seed.
///
/// For every origin from `firstOrigin` to `months − horizon`, it forecasts `horizon` months from the months before the
/// origin and compares them with what the series did next: the mean absolute percentage error (MAPE) of the forecast,
/// that of the naive forecast (the last month carried forward), and the share of actual months inside the 80% interval.
public enum ForecastBacktest {
    /// The shape of a synthetic demand series; every series is whole units of demand, 50 or more on average.
    public enum Shape: String, Sendable, CaseIterable {
        /// A level growing by 1% to 3% of it a month (or, one time in four, falling by as much but to no less than
        /// half), with noise of 4%.
        case trend
        /// A trend and a 12-month season of 15% to 30% amplitude, with noise of 4%.
        case seasonal = "trend+season"
        /// A steady level with noise of 6%.
        case flat
        /// A steady level that moves once, by 20% to 50% up or down, somewhere in its middle third, with noise of 4%.
        case step
    }

    /// How the forecasts of one shape did.
    public struct ShapeResult: Sendable, Equatable {
        /// The shape of the series.
        public let shape: Shape
        /// How many series of the shape were backtested.
        public let series: Int
        /// How many forecast months were compared with actual ones (origins × horizon × series).
        public let forecasts: Int
        /// The mean absolute percentage error of `Forecaster`, as a fraction (0.05 is 5%); 0 without forecasts.
        public let methodMAPE: Double
        /// The mean absolute percentage error of carrying the last month forward, as a fraction; 0 without forecasts.
        public let naiveMAPE: Double
        /// The share of actual months inside the 80% interval; 0 without forecasts.
        public let coverage: Double
    }

    /// The backtest of `series` series of each shape, `months` months long, forecasting `horizon` months from each
    /// origin from `firstOrigin` on; every series follows from `seed`.
    ///
    /// The first origin defaults to month 24, where the seasonal method starts; from earlier origins Holt's trend is
    /// measured too, and on seasonal demand it does worse than the naive forecast, having no season to follow.
    public static func run(
        seed: UInt64, series: Int, months: Int, horizon: Int, firstOrigin: Int = 24
    ) -> [ShapeResult] {
        var seeds = SeededGenerator(seed: seed)
        return Shape.allCases.map { shape in
            // Each shape draws from its own generator, so adding a shape leaves the series of the others unchanged.
            var generator = SeededGenerator(seed: seeds.next())
            let histories = (0..<max(0, series)).map { _ in history(shape, months: max(0, months), using: &generator) }
            return backtest(shape, histories: histories, horizon: horizon, firstOrigin: firstOrigin)
        }
    }

    /// The errors and coverage of forecasts of `horizon` months from every origin of every history.
    static func backtest(_ shape: Shape, histories: [[Double]], horizon: Int, firstOrigin: Int) -> ShapeResult {
        var forecasts = 0
        var methodError = 0.0
        var naiveError = 0.0
        var covered = 0
        for history in histories {
            let start = max(1, firstOrigin)
            guard horizon > 0, start <= history.count - horizon else { continue }
            for origin in start...(history.count - horizon) {
                let naive = history[origin - 1]
                let forecast = Forecaster.forecast(Array(history[..<origin]), months: horizon)
                for point in forecast.points {
                    let actual = history[origin + point.step - 1]
                    guard actual != 0 else { continue }
                    forecasts += 1
                    methodError += abs(actual - point.value) / abs(actual)
                    naiveError += abs(actual - naive) / abs(actual)
                    if point.low <= actual && actual <= point.high { covered += 1 }
                }
            }
        }
        let count = Double(max(forecasts, 1))
        return ShapeResult(
            shape: shape, series: histories.count, forecasts: forecasts, methodMAPE: methodError / count,
            naiveMAPE: naiveError / count, coverage: Double(covered) / count)
    }

    /// A synthetic history of `shape`, in whole units and never below 0.
    static func history(_ shape: Shape, months: Int, using generator: inout SeededGenerator) -> [Double] {
        let base = 50 + 150 * generator.unit()
        let growth = 0.01 + 0.02 * generator.unit()
        // A quarter of the trends fall, never below half the base, so that percentage errors stay meaningful.
        let slope = generator.chance(0.25) ? -base * min(growth, 0.5 / Double(max(1, months))) : base * growth
        let amplitude = base * (0.15 + 0.15 * generator.unit())
        let phase = Double(generator.below(HoltWinters.period))
        let stepMonth = months / 3 + generator.below(max(1, months / 3))
        let stepSize = (generator.chance(0.5) ? -1 : 1) * base * (0.2 + 0.3 * generator.unit())
        return (0..<months).map { month in
            let t = Double(month)
            let noise = normal(&generator)
            let value: Double
            switch shape {
            case .trend:
                value = base + slope * t + 0.04 * base * noise
            case .seasonal:
                let season = amplitude * sin(2 * Double.pi * (t + phase) / Double(HoltWinters.period))
                value = base + slope * t + season + 0.04 * base * noise
            case .flat:
                value = base + 0.06 * base * noise
            case .step:
                value = base + (month >= stepMonth ? stepSize : 0) + 0.04 * base * noise
            }
            return max(0, value.rounded())
        }
    }

    /// A standard normal number, by the Box-Muller transform of two uniform ones.
    static func normal(_ generator: inout SeededGenerator) -> Double {
        let radius = (-2 * log(1 - generator.unit())).squareRoot()
        return radius * cos(2 * Double.pi * generator.unit())
    }
}
