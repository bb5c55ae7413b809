extension Demand {
    /// `concurrent`: the pool needs the peak number of licenses held at once inside the window, sessions that the
    /// product's duplicates rule makes one license counted once.
    func poolConsumers<M: CoverageMask>(of product: Int32) -> [Draft<M>] {
        let license = estate.estate.products[Int(product)].license
        let window = Self.window(for: license, asOf: estate.asOf)
        guard let (peak, at) = Self.peak(of: holds(of: product, rule: license.countedDuplicates), in: window) else {
            return []
        }
        let mask = M(allOf: candidates[Int(product)].count)
        return [Draft(kind: .pool, subject: -1, units: peak, department: -1, detail: at.secondsSinceEpoch, mask: mask)]
    }

    /// `[asOf - windowDays days, asOf + 1 day)` in UTC.
    static func window(for license: License, asOf: Day) -> Range<Instant> {
        asOf.adding(days: -license.windowDays).start..<asOf.adding(days: 1).start
    }

    /// The licenses a product's sessions hold under a duplicates rule (grouped before any window clips them).
    func holds(of product: Int32, rule: License.Duplicates) -> [LicenseHold] {
        let sessions = (usageByProduct[product] ?? []).lazy.map { estate.estate.usage[Int($0)] }
        return LicenseHold.holds(of: sessions, rule: rule)
    }

    /// The highest sum of `count` over holds open at one instant of `window`, and the first instant it is reached.
    static func peak(of holds: [LicenseHold], in window: Range<Instant>) -> (Int, Instant)? {
        var events: [(time: Int64, change: Int)] = []
        events.reserveCapacity(holds.count * 2)
        for hold in holds {
            let start = max(hold.start, window.lowerBound)
            let end = min(hold.end ?? window.upperBound, window.upperBound)
            guard start < end else { continue }
            events.append((start.secondsSinceEpoch, hold.count))
            events.append((end.secondsSinceEpoch, -hold.count))
        }
        // Holds are half-open: at one instant, ends come before starts.
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
