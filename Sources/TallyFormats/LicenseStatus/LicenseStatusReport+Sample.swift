import Foundation
import TallyCore

/// A status report read as one dated sample of a license server: the sessions it shows, and the server's pools at that
/// time.
public struct LicenseSample: Sendable {
    /// A session for every checkout the report lists: new ones, and ones earlier samples saw, now seen until this
    /// sample's time.
    public var usage: [UsageSession] = []
    /// The pools of the features the report lists.
    public var pools: [ServerPool] = []
    /// Checkouts no earlier sample saw.
    public var started = 0
    /// Checkouts an earlier sample saw too.
    public var continuing = 0
    /// Sessions the previous sample saw that this one, counting their feature, no longer lists: they end at the
    /// last sample that saw them.
    public var ended = 0

    /// An empty sample.
    public init() {}
}

extension LicenseStatusReport {
    /// The report as a sample of `server` taken at `at`; features of no named vendor count under `defaultVendor`.
    ///
    /// A session known only from samples ends at the last sample that saw it (the end of that second): its end is
    /// never later than the last evidence of it. `known` are the sessions earlier samples of the same `source` recorded, and `previous` the
    /// time of the server's previous sample. A checkout already among them (same product, user, host and start)
    /// continues, now seen until `at`; one that is not starts. A checkout with no inferable start continues a
    /// session of its holder that the previous sample saw. A session the report no longer lists keeps its end, the
    /// last sample that saw it. The report's times are the server's wall clock in `timeZone`.
    public func sample(
        at: Instant, server: String, source: String, timeZone: TimeZone, defaultVendor: String,
        products: inout FeatureProducts, known: [UsageSession], previous: Instant?
    ) -> LicenseSample {
        var sample = LicenseSample()
        let fallback = vendorDaemons.first?.name ?? defaultVendor
        var counted = Set<Product.ID>()
        for feature in features where feature.inUse != nil {
            counted.insert(products.product(vendor: feature.vendor ?? fallback, feature: feature.feature))
        }
        let live = { (session: UsageSession) in previous.map { (session.end ?? at) >= $0 } ?? false }
        var waiting: [String: [Int]] = [:]
        var waitingByHolder: [String: [Int]] = [:]
        for (index, session) in known.enumerated() {
            waiting[Self.key(session.product, session.user, session.host, session.start), default: []].append(index)
            if live(session) {
                waitingByHolder[Self.key(session.product, session.user, session.host, nil), default: []].append(index)
            }
        }
        var matched = Set<Int>()
        for checkout in checkouts {
            let vendor = checkout.vendor ?? fallback
            let product = products.product(vendor: vendor, feature: checkout.feature)
            let start = checkout.start.map(timeZone.instant(ofWallClock:))
            let candidates =
                start.map { waiting[Self.key(product, checkout.user, checkout.host, $0)] ?? [] }
                ?? waitingByHolder[Self.key(product, checkout.user, checkout.host, nil)] ?? []
            if let earlier = candidates.first(where: { !matched.contains($0) }) {
                matched.insert(earlier)
                sample.continuing += 1
                var session = known[earlier]
                session.count = checkout.count
                session.end = UsageSession.end(lastSeen: at, start: session.start)
                sample.usage.append(session)
            } else {
                sample.started += 1
                let begun = min(start ?? at, at)
                sample.usage.append(
                    UsageSession(
                        product: product, user: checkout.user, host: checkout.host, start: begun,
                        end: UsageSession.end(lastSeen: at, start: begun), count: checkout.count, source: source,
                        feature: FeatureProducts.key(vendor: vendor, feature: checkout.feature)))
            }
        }
        sample.ended =
            known.indices.filter {
                !matched.contains($0) && live(known[$0]) && counted.contains(known[$0].product)
            }.count
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
