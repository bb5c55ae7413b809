/// What could be taken back: installations nobody uses, on devices nobody sees, or held by people who left, with the
/// licenses each would free, their value, and the position once they are reclaimed.
public struct ReclaimReport: Sendable, Equatable {
    /// The day the report is for, and the first day of use that counts as recent (`asOf - unusedDays`).
    public let asOf: Day
    public let since: Day
    public let currency: String?
    /// One line per installation (or assignment) to take back, by product then device.
    public let lines: [ReclaimLine]
    /// Per product with lines, its position now and once every line is reclaimed.
    public let effects: [ReclaimEffect]
    /// Installations recorded as taken back, and whether inventory has seen them since.
    public let taken: [TakenBack]

    /// Units freed per metric (devices, users, cores, PVU are never added together), in the metrics' order.
    public var freed: [(metric: License.Metric, units: Int)] {
        License.Metric.allCases.compactMap { metric in
            let units = effects.filter { $0.metric == metric }.reduce(0) { $0 + $1.freed }
            return units > 0 ? (metric, units) : nil
        }
    }

    /// The units freed in words: `36 device, 4 user, 2,400 PVU`; `nothing` where none is.
    public var freedText: String {
        let parts = freed.map { "\($0.units) \($0.metric.rawValue)" }
        return parts.isEmpty ? "nothing" : parts.joined(separator: ", ")
    }

    /// The value of every line.
    public var totalValue: Double { Money.cents(lines.reduce(0) { $0 + ($1.value ?? 0) }) }
}

/// One installation or assignment to take back, and why.
public struct ReclaimLine: Sendable, Equatable {
    /// Why it can be taken back.
    public enum Reason: String, Sendable, CaseIterable {
        /// Not used since before the period (`lastUsed`, license-server sessions).
        case unused
        /// Its device has not been seen by inventory since before the period.
        case deviceNotSeen = "device-not-seen"
        /// Its user (the device's, or the person assigned) left.
        case userLeft = "user-left"
    }

    public let product: Product.ID
    /// The device it is installed on; nil for an assignment to a person.
    public let device: Device.ID?
    /// The device's user, or the person assigned.
    public let person: Person.ID?
    public let version: String?
    public let reason: Reason
    /// The latest evidence of use (last use, or the last license-server session of its user or host); nil for none.
    public let lastUse: Day?
    /// The reason in words: `last used 2026-05-02`, `device not seen since 2026-06-30`, `ann left on 2026-09-30`.
    public let detail: String
    /// Licenses of the product's position it frees (0 where another line of the same consumer counts them, or
    /// where the consumer does not count any more).
    public let freed: Int
    /// `freed` at the product's price, in the estate's currency; nil where the price is unknown.
    public let value: Double?
}

/// A product's position before and after its lines are reclaimed.
public struct ReclaimEffect: Sendable, Equatable {
    public let product: Product.ID
    public let metric: License.Metric
    public let demandBefore: Int, demandAfter: Int
    public let shortfallBefore: Int, shortfallAfter: Int
    public let surplusBefore: Int, surplusAfter: Int
    /// Licenses reclaiming frees: the fall in demand.
    public var freed: Int { demandBefore - demandAfter }

    /// `autocad: shortfall 3 -> 0`, with the surplus where it changes too.
    public var sentence: String {
        var parts: [String] = []
        if shortfallBefore != shortfallAfter || shortfallBefore > 0 {
            parts.append("shortfall \(shortfallBefore) -> \(shortfallAfter)")
        }
        if surplusBefore != surplusAfter { parts.append("surplus \(surplusBefore) -> \(surplusAfter)") }
        if parts.isEmpty { parts.append("demand \(demandBefore) -> \(demandAfter)") }
        return "\(product): " + parts.joined(separator: ", ")
    }
}

/// An installation recorded as taken back, and what inventory says of it since.
public struct TakenBack: Sendable, Equatable {
    public let mark: ReclaimMark
    /// The last day inventory saw it, where that is after it was taken back: it is installed again.
    public let seenAgain: Day?
}
