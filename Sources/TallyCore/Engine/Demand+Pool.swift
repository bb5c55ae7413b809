extension Demand {
    /// `concurrent`: the pool needs the peak number of licenses held at once inside the window.
    func poolConsumers<M: CoverageMask>(of product: Int32) -> [Draft<M>] {
        let window = Self.window(for: estate.estate.products[Int(product)].license, asOf: estate.asOf)
        guard let (peak, at) = peak(of: product, in: window) else { return [] }
        let mask = M(allOf: candidates[Int(product)].count)
        return [Draft(kind: .pool, subject: -1, units: peak, department: -1, detail: at.secondsSinceEpoch, mask: mask)]
    }

    /// `[asOf - windowDays days, asOf + 1 day)` in UTC.
    static func window(for license: License, asOf: Day) -> Range<Instant> {
        asOf.adding(days: -license.windowDays).start..<asOf.adding(days: 1).start
    }

    /// The highest sum of `count` over sessions open at one instant, and the first instant it is reached.
    func peak(of product: Int32, in window: Range<Instant>) -> (Int, Instant)? {
        var events: [(time: Int64, change: Int)] = []
        for session in usageByProduct[product] ?? [] {
            let item = estate.estate.usage[Int(session)]
            let start = max(item.start, window.lowerBound)
            let end = min(item.end ?? window.upperBound, window.upperBound)
            guard start < end else { continue }
            events.append((start.secondsSinceEpoch, item.count))
            events.append((end.secondsSinceEpoch, -item.count))
        }
        // Sessions are half-open: at one instant, ends come before starts.
        events.sort { $0.time != $1.time ? $0.time < $1.time : $0.change < $1.change }
        var current = 0
        var best: (Int, Instant)?
        for event in events {
            current += event.change
            if current > (best?.0 ?? 0) { best = (current, Instant(secondsSinceEpoch: event.time)) }
        }
        return best
    }
}
