/// Finds what can be taken back in an estate and what reclaiming it does to the position.
///
/// An installation present on the day, on a device that counts, of a product that is not licensed by a concurrent
/// pool, is a line when (first reason that holds):
/// 1. its device's user left (a person who no longer counts on the day);
/// 2. its device was last seen by inventory before `since`;
/// 3. the latest evidence of use is before `since`: the installation's `lastUsed`, or the end of the last
///    license-server session of the product by the device's user (login or id) or on its host (hostname or id).
///    Where there is no evidence at all, it is a line only if the product's use is tracked (it has sessions in the
///    estate) and it was installed before `since` (an installation without a date counts as old).
///
/// An assignment of the product to a person who left is a line too. Installations recorded as taken back are left
/// out, unless inventory has seen them after that day, which the report flags.
public enum Reclaimer {
    /// The report for `estate` (installations included), whose position is `position`; `product` keeps one product.
    public static func report(
        _ estate: Estate, position: Reconciliation, unusedDays: Int, product: Product.ID? = nil,
        marks: [ReclaimMark] = []
    ) throws(EstateError) -> ReclaimReport {
        let since = estate.asOf.adding(days: -max(0, unusedDays))
        let evidence = UseEvidence(estate)
        let taken = takenBack(marks, in: estate)
        let excluded = Set(taken.filter { $0.seenAgain == nil }.map { Pair($0.mark.device, $0.mark.product) })
        var found = ReclaimCandidates(estate: estate, since: since, excluded: excluded, only: product)
        for (index, item) in estate.installations.enumerated() {
            found.consider(installation: index, item, evidence: evidence)
        }
        for (index, item) in estate.assignments.enumerated() { found.consider(assignment: index, item) }

        var after = estate
        let removed = Set(found.lines.compactMap(\.installation))
        after.installations = estate.installations.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
        let dropped = Set(found.lines.compactMap(\.assignment))
        after.assignments = estate.assignments.enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
        let reclaimed = try Reconciler.reconcile(after)

        let positions = Dictionary(position.positions.map { ($0.product, $0) }, uniquingKeysWith: { a, _ in a })
        let positionsAfter = Dictionary(reclaimed.positions.map { ($0.product, $0) }, uniquingKeysWith: { a, _ in a })
        let suiteOf = Dictionary(
            estate.products.flatMap { suite in suite.components.map { ($0, suite.id) } },
            uniquingKeysWith: { a, _ in a })
        let counted = Set(found.lines.map { suiteOf[$0.product] ?? $0.product })
        let before = units(position.consumers, of: counted)
        let remaining = units(reclaimed.consumers, of: counted)

        var claimed = Set<String>()
        let ordered = found.lines.sorted {
            ($0.product, $0.device?.rawValue ?? "", $0.person?.rawValue ?? "")
                < ($1.product, $1.device?.rawValue ?? "", $1.person?.rawValue ?? "")
        }
        let lines = ordered.map { line -> ReclaimLine in
            let product = suiteOf[line.product] ?? line.product
            let keys = [
                line.device.map { "device:\($0)" }, line.device.map { "host:\($0)" },
                line.person.map { "person:\($0)" },
            ]
            .compactMap { $0 }.map { "\(product)|\($0)" }
            let key = keys.first { before[$0] != nil }
            var freed = 0
            if let key, claimed.insert(key).inserted { freed = max(0, (before[key] ?? 0) - (remaining[key] ?? 0)) }
            let price = positions[product]?.price
            return ReclaimLine(
                product: line.product, device: line.device, person: line.person, version: line.version,
                reason: line.reason, lastUse: line.lastUse, detail: line.detail, freed: freed,
                value: price.map { Money.cents(Double(freed) * $0) })
        }
        // Only products whose position reclaiming changes.
        let effects = counted.sorted().compactMap { product -> ReclaimEffect? in
            guard let now = positions[product] else { return nil }
            let then = positionsAfter[product]
            guard then?.demand != now.demand else { return nil }
            return ReclaimEffect(
                product: product, metric: now.metric, demandBefore: now.demand, demandAfter: then?.demand ?? 0,
                shortfallBefore: now.shortfall, shortfallAfter: then?.shortfall ?? 0, surplusBefore: now.surplus,
                surplusAfter: then?.surplus ?? 0)
        }
        return ReclaimReport(
            asOf: estate.asOf, since: since, currency: position.currency, lines: lines, effects: effects,
            taken: taken)
    }

    /// Units of each consumer of `products`, keyed `product|key`.
    private static func units(_ consumers: ConsumerList, of products: Set<Product.ID>) -> [String: Int] {
        var units: [String: Int] = [:]
        units.reserveCapacity(products.reduce(0) { $0 + consumers.indices(of: $1).count })
        for product in products {
            consumers.forEachUnits(of: product) { key, count in units["\(product)|\(key)"] = count }
        }
        return units
    }

    /// Each mark, with the day inventory saw the installation again where it did after the mark.
    private static func takenBack(_ marks: [ReclaimMark], in estate: Estate) -> [TakenBack] {
        guard !marks.isEmpty else { return [] }
        let marked = Set(marks.map { Pair($0.device, $0.product) })
        var lastSeen: [Pair: Day] = [:]
        for item in estate.installations where item.isInstalled(on: estate.asOf) {
            guard let seen = item.lastSeen else { continue }
            let pair = Pair(item.device, item.product)
            guard marked.contains(pair) else { continue }
            lastSeen[pair] = max(lastSeen[pair] ?? seen, seen)
        }
        // The latest mark of each installation is the one that counts.
        var latest: [Pair: ReclaimMark] = [:]
        for mark in marks {
            let pair = Pair(mark.device, mark.product)
            if let kept = latest[pair], kept.day > mark.day { continue }
            latest[pair] = mark
        }
        return latest.values.sorted { ($0.product, $0.device, $0.day) < ($1.product, $1.device, $1.day) }.map { mark in
            let seen = lastSeen[Pair(mark.device, mark.product)]
            return TakenBack(mark: mark, seenAgain: seen.flatMap { $0 > mark.day ? $0 : nil })
        }
    }
}

/// A device and a product: an installation, whatever its version.
struct Pair: Hashable {
    let device: Device.ID
    let product: Product.ID

    init(_ device: Device.ID, _ product: Product.ID) {
        self.device = device
        self.product = product
    }
}

/// The latest license-server session of each product by user and by host.
struct UseEvidence {
    var byUser: [String: Day] = [:]
    var byHost: [String: Day] = [:]
    var tracked: Set<Product.ID> = []

    init(_ estate: Estate) {
        for session in estate.usage {
            tracked.insert(session.product)
            let day = (session.end ?? session.start).day
            if let user = session.user { Self.note(&byUser, "\(session.product)|\(user)", day) }
            if let host = session.host { Self.note(&byHost, "\(session.product)|\(host)", day) }
        }
    }

    private static func note(_ table: inout [String: Day], _ key: String, _ day: Day) {
        table[key] = max(table[key] ?? day, day)
    }

    /// The last session of `product` by any of `users` or on any of `hosts`.
    func lastSession(of product: Product.ID, users: [String], hosts: [String]) -> Day? {
        (users.compactMap { byUser["\(product)|\($0)"] } + hosts.compactMap { byHost["\(product)|\($0)"] }).max()
    }
}
