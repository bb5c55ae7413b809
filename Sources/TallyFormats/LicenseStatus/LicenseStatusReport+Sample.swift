import Foundation
import TallyCore

/// A status report read as one dated sample of a license server: the sessions it shows open, the sessions it shows
/// ended, and the server's pools at that time.
public struct LicenseSample: Sendable {
    /// Open sessions for every checkout the report lists, and sessions open before that it no longer lists, now
    /// ended at the sample's time.
    public var usage: [UsageSession] = []
    /// The pools of the features the report lists.
    public var pools: [ServerPool] = []
    /// Checkouts not open before this sample.
    public var started = 0
    /// Checkouts open before and still listed.
    public var continuing = 0
    /// Sessions open before that the report no longer lists.
    public var ended = 0

    /// An empty sample.
    public init() {}
}

extension LicenseStatusReport {
    /// The report as a sample of `server` taken at `at`; features of no named vendor count under `defaultVendor`.
    ///
    /// `open` are the sessions earlier samples of the same `source` left open. A checkout already among them
    /// (same product, user, host and start) continues; one that is not starts. An open session whose product the
    /// report lists, with use counted, but whose checkout it no longer shows has ended at `at`. A session of a
    /// feature the report does not count (its server or daemon down) stays open: a report that cannot see a
    /// feature says nothing about its use. The report's times are the server's wall clock in `timeZone`.
    public func sample(
        at: Instant, server: String, source: String, timeZone: TimeZone, defaultVendor: String,
        products: inout FeatureProducts, open: [UsageSession]
    ) -> LicenseSample {
        var sample = LicenseSample()
        let fallback = vendorDaemons.first?.name ?? defaultVendor
        var counted = Set<Product.ID>()
        for feature in features where feature.inUse != nil {
            counted.insert(products.product(vendor: feature.vendor ?? fallback, feature: feature.feature))
        }
        var waiting: [String: [Int]] = [:]
        var waitingByHolder: [String: [Int]] = [:]
        for (index, session) in open.enumerated() {
            waiting[Self.key(session.product, session.user, session.host, session.start), default: []].append(index)
            waitingByHolder[Self.key(session.product, session.user, session.host, nil), default: []].append(index)
        }
        var matched = Set<Int>()
        for checkout in checkouts {
            let vendor = checkout.vendor ?? fallback
            let product = products.product(vendor: vendor, feature: checkout.feature)
            let start = checkout.start.map(timeZone.instant(ofWallClock:))
            // A checkout without a start (no year could be inferred) continues any open session of its holder.
            let candidates =
                start.map { waiting[Self.key(product, checkout.user, checkout.host, $0)] ?? [] }
                ?? waitingByHolder[Self.key(product, checkout.user, checkout.host, nil)] ?? []
            if let earlier = candidates.first(where: { !matched.contains($0) }) {
                matched.insert(earlier)
                sample.continuing += 1
                var session = open[earlier]
                session.count = checkout.count
                sample.usage.append(session)
            } else {
                sample.started += 1
                sample.usage.append(
                    UsageSession(
                        product: product, user: checkout.user, host: checkout.host, start: min(start ?? at, at),
                        end: nil, count: checkout.count, source: source,
                        feature: FeatureProducts.key(vendor: vendor, feature: checkout.feature)))
            }
        }
        for (index, session) in open.enumerated() where !matched.contains(index) && counted.contains(session.product) {
            var ended = session
            ended.end = max(at, session.start)
            sample.usage.append(ended)
            sample.ended += 1
        }
        // `lmstat -a` counts licenses per feature, not per pool: a feature's only pool holds all it issues.
        var poolsOfFeature: [String: Int] = [:]
        for pool in pools { poolsOfFeature[pool.feature, default: 0] += 1 }
        let issuedOfFeature = Dictionary(
            features.compactMap { totals in totals.issued.map { (totals.feature, $0) } }, uniquingKeysWith: +)
        sample.pools = pools.map { pool in
            let issued = pool.issued ?? (poolsOfFeature[pool.feature] == 1 ? issuedOfFeature[pool.feature] : nil)
            return ServerPool(
                server: server, vendor: pool.vendor ?? fallback, feature: pool.feature,
                product: products.product(vendor: pool.vendor ?? fallback, feature: pool.feature),
                version: pool.version, issued: issued, inUse: pool.inUse, reserved: pool.reserved,
                expires: pool.expires, sampledAt: at)
        }
        return sample
    }

    private static func key(_ product: Product.ID, _ user: String?, _ host: String?, _ start: Instant?) -> String {
        "\(product)\u{1}\(user ?? "")\u{1}\(host ?? "")\u{1}\(start?.secondsSinceEpoch ?? 0)"
    }
}
