/// The size a concurrent pool needs, from its daily peaks and denials: the smallest pool that would have met the
/// demand of every day but an allowed share of them, and what changing to it saves or costs.
///
/// A day's demand is its peak of licenses held plus the checkouts refused that day (each refusal is a license that
/// was wanted and not there: an upper bound of the unmet part). A pool of P licenses leaves unmet, each day, the
/// demand above P; the pool advised is the smallest whose unmet demand over the window is no more than allowed: by
/// default the denials there were (no more denials than today), or a chosen share of all the demand.
public struct PoolAdvice: Sendable, Equatable {
    public let product: Product.ID
    /// Days in the window, and the first and last.
    public let days: Int
    public let from: Day
    public let to: Day
    /// The 95th percentile of the daily peaks (nearest rank: the smallest peak at or above 95% of the days), and
    /// the highest.
    public let p95: Int
    public let maximum: Int
    public let denials: Int
    public let daysWithDenials: Int
    /// Licenses owned on the last day; nil where an unlimited entitlement covers the product.
    public let owned: Int?
    /// The unmet demand allowed over the window (licenses refused, summed over the days).
    public let allowedUnmet: Int
    /// The pool advised.
    public let advised: Int
    /// Licenses to add (above 0) or drop (below 0); nil where the owned count is unlimited.
    public var change: Int? { owned.map { advised - $0 } }
    /// The price of one license, in the estate's currency; nil where unknown.
    public let price: Double?
    /// What the change saves (above 0) or costs (below 0): licenses dropped times the price.
    public var saving: Double? {
        guard let change, let price else { return nil }
        return Money.cents(Double(-change) * price)
    }
}

extension PoolAdvice {
    /// The advice for one product from its days, oldest first, each with its peak and its denials; `allowedShare`
    /// (0 to 1) is the share of the window's demand that may go unmet, or nil for as much as was refused.
    public static func advise(
        product: Product.ID, days: [(day: Day, peak: Int, denials: Int)], owned: Int?, price: Double?,
        allowedShare: Double? = nil
    ) -> PoolAdvice? {
        guard let first = days.first, let last = days.last else { return nil }
        let peaks = days.map(\.peak).sorted()
        let demand = days.map { Limits.add($0.peak, $0.denials) ?? .max }
        let denials = days.reduce(0) { Limits.add($0, $1.denials) ?? .max }
        let total = demand.reduce(0.0) { $0 + Double($1) }
        let allowed =
            allowedShare.map { Int(min(Double(Int.max / 2), (total * max(0, min(1, $0))).rounded(.down))) }
            ?? denials
        // Unmet demand only falls as the pool grows: the smallest pool within the allowance, by bisection.
        func unmet(_ pool: Int) -> Int {
            demand.reduce(0) { sum, day in day > pool ? (Limits.add(sum, day - pool) ?? .max) : sum }
        }
        var low = 0, high = demand.max() ?? 0
        while low < high {
            let middle = low + (high - low) / 2
            if unmet(middle) <= allowed { high = middle } else { low = middle + 1 }
        }
        let rank = max(1, Int((0.95 * Double(peaks.count)).rounded(.up)))
        return PoolAdvice(
            product: product, days: days.count, from: first.day, to: last.day, p95: peaks[rank - 1],
            maximum: peaks.last ?? 0, denials: denials, daysWithDenials: days.filter { $0.denials > 0 }.count,
            owned: owned, allowedUnmet: allowed, advised: low, price: price)
    }
}
