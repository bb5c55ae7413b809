/// Usage figures of products from an estate's usage sessions and denials: over a stretch of time, or per period.
///
/// Licenses are counted as the product's license server counts them: sessions its duplicates rule makes one license
/// (`LicenseHold`) count once, grouped before they are clipped to the stretch. Holds are half-open `[start, end)`
/// and clipped to the stretch; one without an end runs to the stretch's end. At one instant, ends count before
/// starts (as the `concurrent` metric counts them).
public struct UsageReport: Sendable {
    /// The figures, by product id, then by period.
    public var figures: [UsageFigures]

    /// Figures for each product with sessions or denials in `[from, to)` (only `products` when given), over the whole
    /// stretch, or per `period` when one is given.
    public init(
        _ estate: Estate, pools: [ServerPool] = [], products: Set<Product.ID>? = nil, from: Instant, to: Instant,
        by period: UsagePeriod? = nil
    ) {
        self.init(estate, pools: pools, products: products, boundaries: Self.boundaries(from: from, to: to, by: period))
    }

    /// Figures per stretch between consecutive `boundaries` (at least two).
    init(_ estate: Estate, pools: [ServerPool], products: Set<Product.ID>?, boundaries: [Instant]) {
        let from = boundaries[0], to = boundaries[boundaries.count - 1]
        var sessionsOf: [Product.ID: [UsageSession]] = [:]
        var shown = Set<Product.ID>()
        for session in estate.usage where products.map({ $0.contains(session.product) }) ?? true {
            sessionsOf[session.product, default: []].append(session)
            if Self.overlaps(session.start, session.end, from: from, to: to) { shown.insert(session.product) }
        }
        var denialsOf: [Product.ID: [Instant]] = [:]
        for denial in estate.denials
        where denial.at >= from && denial.at < to && products.map({ $0.contains(denial.product) }) ?? true {
            denialsOf[denial.product, default: []].append(denial.at)
        }
        let rules = Dictionary(
            estate.products.map { ($0.id, $0.license.countedDuplicates) }, uniquingKeysWith: { first, _ in first })
        let ownedDay = Instant(secondsSinceEpoch: max(from.secondsSinceEpoch, to.secondsSinceEpoch - 1)).day
        let named = shown.union(denialsOf.keys).union(products ?? [])
        figures = named.sorted { $0.rawValue < $1.rawValue }.flatMap { product in
            var period = Self.periods(
                of: product, sessions: sessionsOf[product] ?? [], rule: rules[product] ?? .separate,
                denials: denialsOf[product] ?? [], boundaries: boundaries)
            let owned = Self.owned(product, estate.entitlements, on: ownedDay)
            let served = Self.served(product, pools, on: ownedDay)
            for i in period.indices {
                period[i].owned = owned
                period[i].served = served
            }
            return period
        }
    }

    /// The peak of each day in `[from, to)` for one product: what a sparkline draws.
    public static func dailyPeaks(_ estate: Estate, product: Product.ID, from: Instant, to: Instant) -> [Int] {
        UsageReport(estate, products: [product], from: from, to: to, by: .day).figures.map(\.peak)
    }

    /// Per product, the peaks of at most `width` spans of whole days covering `[from, to)`: a sparkline's points,
    /// computed in as many spans as it draws, so that a stretch of decades costs no more than a week.
    public static func spanPeaks(
        _ estate: Estate, products: Set<Product.ID>?, from: Instant, to: Instant, width: Int
    ) -> [Product.ID: [Int]] {
        let days = max(1, Int(to.day.daysSinceEpoch - from.day.daysSinceEpoch))
        let span = (days + max(1, width) - 1) / max(1, width)
        var boundaries = stride(from: 0, to: days, by: span).map { from.day.adding(days: $0).start }
        boundaries.append(to)
        let report = UsageReport(estate, pools: [], products: products, boundaries: boundaries)
        return Dictionary(grouping: report.figures, by: \.product).mapValues { $0.map(\.peak) }
    }

    /// `from`, the starts of the periods inside the stretch, and `to`.
    static func boundaries(from: Instant, to: Instant, by period: UsagePeriod?) -> [Instant] {
        var result = [from]
        if let period {
            var next = period.next(after: period.start(of: from.day))
            while next.start < to {
                result.append(next.start)
                next = period.next(after: next)
            }
        }
        result.append(to)
        return result
    }

    /// Whether `[start, end)` (open where `end` is nil) holds anything inside `[from, to)`.
    static func overlaps(_ start: Instant, _ end: Instant?, from: Instant, to: Instant) -> Bool {
        start < to && (end ?? to) > from && (end.map { $0 > start } ?? true)
    }

    /// One product's figures per period: licenses by one sweep over its holds under `rule`, sessions and users
    /// counted from the sessions themselves.
    static func periods(
        of product: Product.ID, sessions: [UsageSession], rule: License.Duplicates, denials: [Instant],
        boundaries: [Instant]
    ) -> [UsageFigures] {
        let from = boundaries[0], to = boundaries[boundaries.count - 1]
        let count = boundaries.count - 1
        func period(of time: Int64) -> Int {
            // The last boundary at or before `time`, among the periods' starts.
            var low = 0, high = count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if boundaries[middle].secondsSinceEpoch <= time { low = middle } else { high = middle - 1 }
            }
            return low
        }
        var users = [Set<String>](repeating: [], count: count)
        var sessionCounts = [Int](repeating: 0, count: count)
        for session in sessions where overlaps(session.start, session.end, from: from, to: to) {
            let start = max(session.start, from).secondsSinceEpoch
            let end = min(session.end ?? to, to).secondsSinceEpoch
            let first = period(of: start), last = period(of: max(start, end - 1))
            for index in first...last {
                sessionCounts[index] += 1
                if let user = session.user { users[index].insert(user) }
            }
        }
        var denialCounts = [Int](repeating: 0, count: count)
        for at in denials { denialCounts[period(of: at.secondsSinceEpoch)] += 1 }

        let licenses = sweep(LicenseHold.holds(of: sessions, rule: rule), boundaries: boundaries)
        let checkouts =
            rule == .separate
            ? licenses : sweep(LicenseHold.holds(of: sessions, rule: .separate), boundaries: boundaries)
        return (0..<count).map { index in
            let length = Double(max(1, boundaries[index + 1].secondsSinceEpoch - boundaries[index].secondsSinceEpoch))
            return UsageFigures(
                product: product, from: boundaries[index], to: boundaries[index + 1], peak: licenses[index].peak,
                peakAt: licenses[index].peakAt, average: licenses[index].held / length,
                hours: licenses[index].held / 3600, sessionPeak: checkouts[index].peak, duplicates: rule,
                sessions: sessionCounts[index], users: users[index].count, denials: denialCounts[index],
                owned: nil, served: nil)
        }
    }

    /// Per period: the most licenses held at once, when first, and the license-seconds held.
    private static func sweep(
        _ holds: [LicenseHold], boundaries: [Instant]
    ) -> [(peak: Int, peakAt: Instant?, held: Double)] {
        let from = boundaries[0], to = boundaries[boundaries.count - 1]
        var events: [(time: Int64, change: Int)] = []
        events.reserveCapacity(holds.count * 2)
        for hold in holds where overlaps(hold.start, hold.end, from: from, to: to) {
            events.append((max(hold.start, from).secondsSinceEpoch, hold.count))
            events.append((min(hold.end ?? to, to).secondsSinceEpoch, -hold.count))
        }
        events.sort { $0.time != $1.time ? $0.time < $1.time : $0.change < $1.change }
        var result: [(peak: Int, peakAt: Instant?, held: Double)] = []
        result.reserveCapacity(boundaries.count - 1)
        var level = 0, next = 0
        for index in 0..<(boundaries.count - 1) {
            let start = boundaries[index].secondsSinceEpoch, end = boundaries[index + 1].secondsSinceEpoch
            var peak = level, peakAt: Int64? = level > 0 ? start : nil
            var held = 0.0, time = start
            while next < events.count, events[next].time < end {
                held += Double(level) * Double(events[next].time - time)
                time = events[next].time
                level += events[next].change
                if level > peak {
                    peak = level
                    peakAt = time
                }
                next += 1
            }
            held += Double(level) * Double(end - time)
            result.append((peak, peakAt.map(Instant.init(secondsSinceEpoch:)), held))
        }
        return result
    }

    static func owned(_ product: Product.ID, _ entitlements: [Entitlement], on day: Day) -> Int? {
        var total = 0
        for entitlement in entitlements where entitlement.product == product && entitlement.isActive(on: day) {
            guard !entitlement.unlimited, let quantity = entitlement.quantity else { return nil }
            total += quantity
        }
        return total
    }

    /// What the product's pools issue on `day`; a pool whose license expired before then serves nothing.
    static func served(_ product: Product.ID, _ pools: [ServerPool], on day: Day) -> Int? {
        let mine = pools.filter { $0.product == product }
        guard !mine.isEmpty else { return nil }
        return mine.reduce(0) { $0 + ($1.serves(on: day) ? ($1.issued ?? 0) : 0) }
    }
}
