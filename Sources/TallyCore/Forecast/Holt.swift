/// Holt's linear trend method: double exponential smoothing with an additive trend, for 3 to 23 months of history.
///
/// For each month `t` after the first, with `ℓ` the level and `b` the trend:
///
///     forecast   ŷ_t = ℓ_{t-1} + b_{t-1}
///     level      ℓ_t = α y_t + (1 − α)(ℓ_{t-1} + b_{t-1})
///     trend      b_t = β (ℓ_t − ℓ_{t-1}) + (1 − β) b_{t-1}
///
/// Initialisation: `ℓ_0 = y_0`, and `b_0` is the mean of the first differences over the first four months (fewer when
/// the history is shorter), that is `(y_m − y_0) / m` with `m = min(3, n − 1)`. Each month after the first gives one
/// one-step residual `y_t − ŷ_t`. The forecast `h` months after the last month `n − 1` is `ℓ_{n-1} + h b_{n-1}`.
enum Holt {
    /// The state after smoothing a whole history with given parameters, and how well it predicted each next month.
    struct Fit: Equatable, Sendable {
        var alpha: Double
        var beta: Double
        var level: Double
        var trend: Double
        /// The sum of the squared one-step residuals.
        var squaredErrors: Double
        /// How many one-step residuals there were.
        var residuals: Int

        /// σ², the mean squared one-step residual; 0 without residuals.
        var variance: Double { residuals > 0 ? squaredErrors / Double(residuals) : 0 }

        /// Whether the fit gives usable numbers, which extreme histories might not.
        var isFinite: Bool { level.isFinite && trend.isFinite && squaredErrors.isFinite }

        /// The next `months` months with their 80% intervals, multiplied back by `scale`.
        func points(months: Int, scale: Double) -> [ForecastPoint] {
            Forecaster.intervals(
                months: months, scale: scale, variance: variance,
                value: { level + Double($0) * trend },
                weight: { alpha + alpha * beta * Double($0) })
        }
    }

    /// The months of history from which the initial trend is measured: the first four give three differences.
    static let initialDifferences = 3

    /// `history` smoothed with fixed `alpha` and `beta`; a single month gives its value and no trend, none gives zeros.
    static func fit(_ history: [Double], alpha: Double, beta: Double) -> Fit {
        guard let first = history.first else {
            return Fit(alpha: alpha, beta: beta, level: 0, trend: 0, squaredErrors: 0, residuals: 0)
        }
        let span = min(initialDifferences, history.count - 1)
        var level = first
        var trend = span > 0 ? (history[span] - first) / Double(span) : 0
        var squaredErrors = 0.0
        for value in history.dropFirst() {
            let predicted = level + trend
            let error = value - predicted
            squaredErrors += error * error
            let newLevel = alpha * value + (1 - alpha) * predicted
            trend = beta * (newLevel - level) + (1 - beta) * trend
            level = newLevel
        }
        return Fit(
            alpha: alpha, beta: beta, level: level, trend: trend, squaredErrors: squaredErrors,
            residuals: history.count - 1)
    }

    /// `history` smoothed with the `alpha` and `beta` of least one-step squared error on the two-parameter grid.
    static func fit(_ history: [Double]) -> Fit {
        let best = ParameterSearch.minimise(dimensions: 2, passes: ParameterSearch.twoParameters) { alpha, beta, _ in
            fit(history, alpha: alpha, beta: beta).squaredErrors
        }
        return fit(history, alpha: best.a, beta: best.b)
    }
}
