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
