/// The demand forecast of one product: its monthly history, the months ahead with their 80% intervals (a
/// department's what-if growth applied), the supply, and the month demand is expected to pass it.
public struct ProductForecast: Sendable, Equatable {
    public let product: Product.ID
    /// The first day of each month of history, with that month's demand, oldest first.
    public let history: [(month: Day, demand: Int)]
    /// The forecast of the months after the history, as `Forecaster` made it, then scaled by `growth`.
    public let forecast: DemandForecast
    /// The first day of each forecast month, one per point.
    public let months: [Day]
    /// The factor the what-if growth of departments applies to the forecast (1: none).
    public let growth: Double
    /// Units owned now; nil where an unlimited entitlement covers the product.
    public let supply: Int?
    /// The first forecast month whose demand is above supply; nil where none is (or supply is unlimited).
    public let passesSupply: Day?
    /// Whether the latest month's demand is above supply already.
    public var shortAlready: Bool {
        guard let supply, let last = history.last else { return false }
        return last.demand > supply
    }

    public static func == (a: ProductForecast, b: ProductForecast) -> Bool {
        a.product == b.product && a.history.map(\.month) == b.history.map(\.month)
            && a.history.map(\.demand) == b.history.map(\.demand) && a.forecast == b.forecast && a.months == b.months
            && a.growth == b.growth && a.supply == b.supply && a.passesSupply == b.passesSupply
    }
}

extension ProductForecast {
    /// The forecast of one product from its monthly history (oldest first, one value per month, no gaps) through the
    /// month holding `through`; `growth` multiplies every forecast value and interval.
    public static func make(
        product: Product.ID, history: [(month: Day, demand: Int)], supply: Int?, through: Day, growth: Double = 1
    ) -> ProductForecast {
        var months: [Day] = []
        if let last = history.last?.month {
            let end = UsagePeriod.month.start(of: through)
            var month = UsagePeriod.month.next(after: last)
            while month <= end, months.count < Forecaster.maximumMonths {
                months.append(month)
                month = UsagePeriod.month.next(after: month)
            }
        }
        let fitted = Forecaster.forecast(history.map { Double($0.demand) }, months: months.count)
        let factor = growth.isFinite ? max(0, growth) : 1
        let points = fitted.points.map { point in
            ForecastPoint(
                step: point.step, value: point.value * factor, low: point.low * factor, high: point.high * factor)
        }
        let forecast = DemandForecast(
            method: fitted.method, alpha: fitted.alpha, beta: fitted.beta, gamma: fitted.gamma, points: points)
        let passes = supply.flatMap { supply in
            zip(months, points).first { $0.1.value > Double(supply) }?.0
        }
        return ProductForecast(
            product: product, history: history, forecast: forecast, months: months, growth: factor, supply: supply,
            passesSupply: passes)
    }

    /// Monthly history from dated demand figures (snapshots, or positions computed for past days): each month takes
    /// the figure of its latest day; a month without one takes the month before it. From the first month with a
    /// figure through the month holding `through`.
    public static func monthly(_ figures: [(day: Day, demand: Int)], through: Day) -> [(month: Day, demand: Int)] {
        var latest: [Day: (day: Day, demand: Int)] = [:]
        for figure in figures {
            let month = UsagePeriod.month.start(of: figure.day)
            if let kept = latest[month], kept.day > figure.day { continue }
            latest[month] = figure
        }
        guard var month = latest.keys.min() else { return [] }
        let end = UsagePeriod.month.start(of: through)
        var result: [(month: Day, demand: Int)] = []
        while month <= end {
            if let figure = latest[month] {
                result.append((month, figure.demand))
            } else if let previous = result.last {
                result.append((month, previous.demand))
            }
            month = UsagePeriod.month.next(after: month)
        }
        return result
    }
}
