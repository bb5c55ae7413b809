/// Additive Holt-Winters: exponential smoothing of a level, an additive trend and twelve additive monthly indices, for
/// 24 months of history or more.
///
/// For each month `t` from the thirteenth on, with `ℓ` the level, `b` the trend and `s` the seasonal indices
/// (`m = 12`), in the usual form where the index is updated against the new level:
///
///     forecast   ŷ_t = ℓ_{t-1} + b_{t-1} + s_{t-m}
///     level      ℓ_t = α (y_t − s_{t-m}) + (1 − α)(ℓ_{t-1} + b_{t-1})
///     trend      b_t = β (ℓ_t − ℓ_{t-1}) + (1 − β) b_{t-1}
///     season     s_t = γ (y_t − ℓ_t) + (1 − γ) s_{t-m}
///
/// Initialisation, from the first two seasons: the level is the mean `ȳ_1` of the first season, the trend is
/// `(ȳ_2 − ȳ_1) / 12`, and the indices are the deviations of the first season from that trend line,
/// `s_i = y_i − (ȳ_1 + (i − 5.5) b_0)`, which sum to zero. The mean sits mid-season (month 5.5), so the level is
/// carried to the end of the first season, `ℓ_11 = ȳ_1 + 5.5 b_0`; smoothing then runs over months 12 to `n − 1`, each
/// giving one one-step residual. Taking deviations from the trend line rather than from the mean keeps the trend out
/// of the indices, so an exact trend-plus-season series is fitted without error.
///
/// The forecast `h` months after the last month `n − 1` is `ℓ_{n-1} + h b_{n-1} + s`, with `s` the latest index of the
/// calendar month `n − 1 + h`.
enum HoltWinters {
    /// The months in a season.
    static let period = 12

    /// The state after smoothing a whole history with given parameters, and how well it predicted each next month.
    struct Fit: Equatable, Sendable {
        var alpha: Double
        var beta: Double
        var gamma: Double
        var level: Double
        var trend: Double
        /// The latest index of each calendar month, by position in the history modulo 12.
        var season: [Double]
        /// The months of history smoothed.
        var months: Int
        /// The sum of the squared one-step residuals.
        var squaredErrors: Double
        /// How many one-step residuals there were.
        var residuals: Int

        /// σ², the mean squared one-step residual; 0 without residuals.
        var variance: Double { residuals > 0 ? squaredErrors / Double(residuals) : 0 }

        /// Whether the fit gives usable numbers; a history shorter than two seasons or an extreme one might not.
        var isFinite: Bool {
            level.isFinite && trend.isFinite && squaredErrors.isFinite && season.count == period
                && season.allSatisfy(\.isFinite)
        }

        /// The next `months` months with their 80% intervals, multiplied back by `scale`.
        func points(months: Int, scale: Double) -> [ForecastPoint] {
            guard season.count == period else { return [] }
            let last = self.months - 1
            let seasonal = gamma * (1 - alpha)
            return Forecaster.intervals(
                months: months, scale: scale, variance: variance,
                value: { level + Double($0) * trend + season[(last + $0) % period] },
                weight: { alpha + alpha * beta * Double($0) + ($0 % period == 0 ? seasonal : 0) })
        }
    }

    /// The state at the end of the first season, from the first two seasons (see the type's documentation).
    struct Start: Equatable, Sendable {
        var level: Double
        var trend: Double
        var season: [Double]

        /// The start of `history`, or nil when it is shorter than two seasons.
        init?(_ history: [Double]) {
            guard history.count >= 2 * period else { return nil }
            let firstMean = history[0..<period].reduce(0, +) / Double(period)
            let secondMean = history[period..<(2 * period)].reduce(0, +) / Double(period)
            let middle = Double(period - 1) / 2
            let trend = (secondMean - firstMean) / Double(period)
            self.trend = trend
            self.level = firstMean + middle * trend
            self.season = (0..<period).map { history[$0] - (firstMean + (Double($0) - middle) * trend) }
        }
    }

    /// `history` smoothed with fixed `alpha`, `beta` and `gamma`; a history shorter than two seasons gives a fit that
    /// is not finite.
    static func fit(_ history: [Double], alpha: Double, beta: Double, gamma: Double) -> Fit {
        guard let start = Start(history) else {
            return Fit(
                alpha: alpha, beta: beta, gamma: gamma, level: .nan, trend: .nan, season: [], months: history.count,
                squaredErrors: .nan, residuals: 0)
        }
        return fit(history, from: start, alpha: alpha, beta: beta, gamma: gamma)
    }

    /// `history` smoothed from `start` (made from the same history) over the months after the first season.
    static func fit(_ history: [Double], from start: Start, alpha: Double, beta: Double, gamma: Double) -> Fit {
        var level = start.level
        var trend = start.trend
        var season = start.season
        var squaredErrors = 0.0
        // The search runs this body some 200,000 times for ten years of history: raw pointers and a `while` keep it
        // free of bounds checks and generic calls, which matters most in debug builds, where the tests run.
        history.withUnsafeBufferPointer { months in
            season.withUnsafeMutableBufferPointer { indices in
                guard let y = months.baseAddress, let s = indices.baseAddress, indices.count == period else { return }
                var t = period
                var phase = 0
                while t < months.count {
                    let value = y[t]
                    let index = s[phase]
                    let error = value - (level + trend + index)
                    squaredErrors += error * error
                    let newLevel = alpha * (value - index) + (1 - alpha) * (level + trend)
                    trend = beta * (newLevel - level) + (1 - beta) * trend
                    s[phase] = gamma * (value - newLevel) + (1 - gamma) * index
                    level = newLevel
                    phase = phase == period - 1 ? 0 : phase + 1
                    t += 1
                }
            }
        }
        return Fit(
            alpha: alpha, beta: beta, gamma: gamma, level: level, trend: trend, season: season,
            months: history.count, squaredErrors: squaredErrors, residuals: max(0, history.count - period))
    }

    /// `history` smoothed with the parameters of least one-step squared error on the three-parameter grid.
    static func fit(_ history: [Double]) -> Fit {
        guard let start = Start(history) else { return fit(history, alpha: 0.5, beta: 0.5, gamma: 0.5) }
        let best = ParameterSearch.minimise(dimensions: 3, passes: ParameterSearch.threeParameters) { a, b, c in
            fit(history, from: start, alpha: a, beta: b, gamma: c).squaredErrors
        }
        return fit(history, from: start, alpha: best.a, beta: best.b, gamma: best.c)
    }
}
