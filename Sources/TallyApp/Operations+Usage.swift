import TallyCore
import TallyFormats
import TallyStore

/// Which usage to look at: one product or all, and the days (whole UTC days, `to` included).
public struct UsageSelection: Sendable, Equatable {
    public var product: Product.ID?
    public var from: Day?
    public var to: Day?

    public init(product: Product.ID? = nil, from: Day? = nil, to: Day? = nil) {
        self.product = product
        self.from = from
        self.to = to
    }
}

/// The store's license-server evidence for a selection: the estate, the pools, the products asked for, and the
/// stretch `[from, to)` (by default from the first to the last day with usage, denials or a sample).
public struct UsageEvidence: Sendable {
    public var estate: Estate
    public var pools: [ServerPool]
    public var products: Set<Product.ID>?
    public var from: Instant
    public var to: Instant
}

extension Operations {
    /// The evidence usage figures are computed from; nil when the store holds no usage, denial or sample to show.
    public func usageEvidence(_ selection: UsageSelection) async throws(TallyError) -> UsageEvidence? {
        let day = today
        let (estate, pools) = try await reading { reader in
            (try reader.estateWithoutInstallations(asOf: day), try reader.serverPools())
        }
        var products: Set<Product.ID>?
        if let product = selection.product {
            guard estate.products.contains(where: { $0.id == product }) else {
                throw .notFound(kind: "product", id: product.rawValue)
            }
            products = [product]
        }
        func wanted(_ id: Product.ID) -> Bool { products?.contains(id) ?? true }
        var first: Instant?, last: Instant?
        func see(_ instant: Instant) {
            first = min(first ?? instant, instant)
            last = max(last ?? instant, instant)
        }
        for session in estate.usage where wanted(session.product) {
            see(session.start)
            if let end = session.end { see(end) }
        }
        for denial in estate.denials where wanted(denial.product) { see(denial.at) }
        for pool in pools where wanted(pool.product) { see(pool.sampledAt) }
        guard let start = selection.from ?? first?.day, let end = selection.to ?? last?.day else { return nil }
        return UsageEvidence(
            estate: estate, pools: pools, products: products, from: start.start, to: end.adding(days: 1).start)
    }

    /// Usage figures per product (or per period with `by`), and each product's peaks in up to `sparkline` spans.
    public func usage(
        _ selection: UsageSelection, by period: UsagePeriod?, sparkline: Int = 40
    )
        async throws(TallyError) -> (evidence: UsageEvidence, report: UsageReport, peaks: [Product.ID: [Int]])?
    {
        guard let evidence = try await usageEvidence(selection) else { return nil }
        let report = UsageReport(
            evidence.estate, pools: evidence.pools, products: evidence.products, from: evidence.from,
            to: evidence.to, by: period)
        let peaks =
            period == nil
            ? UsageReport.spanPeaks(
                evidence.estate, products: evidence.products, from: evidence.from, to: evidence.to, width: sparkline)
            : [:]
        return (evidence, report, peaks)
    }

    /// Refused checkouts grouped by product and reason; nil when there is nothing to show.
    public func denials(_ selection: UsageSelection) async throws(TallyError) -> [DenialGroup]? {
        guard let evidence = try await usageEvidence(selection) else { return nil }
        return DenialGroup.groups(evidence.estate, products: evidence.products, from: evidence.from, to: evidence.to)
    }

    /// Each pool of the license servers (as last sampled) beside the entitlements of its product, with notes told
    /// against `asOf` (today by default).
    public func pools(product: Product.ID?, asOf: Day? = nil) async throws(TallyError) -> [PoolOutput.Line] {
        let day = asOf ?? today
        let (estate, pools) = try await reading { reader in
            (try reader.estateWithoutInstallations(asOf: day), try reader.serverPools())
        }
        if let product, !estate.products.contains(where: { $0.id == product }) {
            throw .notFound(kind: "product", id: product.rawValue)
        }
        return PoolOutput.lines(estate, pools: pools, products: product.map { [$0] }, today: day)
    }
}

extension Operations {
    /// The days pool advice looks back by default.
    public static let poolAdviceDays = 90

    /// For each concurrent product whose use the license servers report, the smallest pool that would have left no
    /// more than `allowedShare` of the demand unmet (nil: no more than the denials seen), with what the change saves
    /// or costs.
    /// The window is the selection's, by default the last 90 days up to the last day with evidence.
    public func poolAdvice(
        _ selection: UsageSelection, allowedShare: Double? = nil
    ) async throws(TallyError) -> (advice: [PoolAdvice], currency: String?) {
        if let allowedShare, !(0...1).contains(allowedShare) {
            throw .invalid(path: "unmet-share", reason: "must be a share from 0 to 1 (0.05 is 5% of the demand)")
        }
        if let id = selection.product {
            let product = try await reading { reader in try reader.product(id) }
            guard let product else { throw .notFound(kind: "product", id: id.rawValue) }
            guard product.license.metric == .concurrent else {
                throw .invalid(path: "product", reason: "\(id) is not licensed by a concurrent pool")
            }
        }
        guard var evidence = try await usageEvidence(selection) else { return ([], nil) }
        let tracked = Set(evidence.estate.usage.map(\.product))
        let pooled = evidence.estate.products.filter { $0.license.metric == .concurrent }.map(\.id)
        let products = Set(pooled.filter { tracked.contains($0) && (selection.product ?? $0) == $0 })
        if selection.from == nil {
            let start = evidence.to.day.adding(days: -Self.poolAdviceDays).start
            evidence.from = max(evidence.from, start)
        }
        // Prices and positions of pools do not depend on installations: the estate without them gives them fast, and
        // without writing the day's snapshot (this may run on a store opened for reading).
        let position = try await Self.reconcileOffThread(evidence.estate)
        let prices = Dictionary(position.positions.map { ($0.product, $0.price) }, uniquingKeysWith: { a, _ in a })
        let report = UsageReport(
            evidence.estate, pools: evidence.pools, products: products, from: evidence.from, to: evidence.to,
            by: .day)
        let advice = Dictionary(grouping: report.figures, by: \.product).sorted { $0.key < $1.key }.compactMap {
            product, days in
            PoolAdvice.advise(
                product: product, days: days.map { ($0.from.day, $0.peak, $0.denials) }, owned: days.last?.owned,
                price: prices[product] ?? nil, allowedShare: allowedShare)
        }
        return (advice, position.currency)
    }
}
