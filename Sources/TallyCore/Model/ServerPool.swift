/// A pool of licenses a license server serves: one license line of a feature, with its count and expiry, as the
/// latest status sample of that server showed it. Kept beside the entitlements of its product, so that what the
/// server serves can be checked against what was bought.
public struct ServerPool: Hashable, Sendable {
    /// The license server, as the sample named it (`27000@flexlm01`).
    public var server: String
    /// The vendor daemon (FlexNet) or ISV (RLM), where known.
    public var vendor: String?
    public var feature: String
    /// The product the feature counts for.
    public var product: Product.ID
    /// The license line's version.
    public var version: String?
    /// Licenses in the pool, where the server shows them.
    public var issued: Int?
    /// Licenses in use when sampled, where the server shows them.
    public var inUse: Int?
    /// Licenses held back by reservations (not use).
    public var reserved: Int
    /// The last day of the license; nil for a permanent one.
    public var expires: Day?
    /// When the server was sampled.
    public var sampledAt: Instant

    /// A pool from its parts.
    public init(
        server: String, vendor: String?, feature: String, product: Product.ID, version: String?, issued: Int?,
        inUse: Int?, reserved: Int = 0, expires: Day?, sampledAt: Instant
    ) {
        self.server = server
        self.vendor = vendor
        self.feature = feature
        self.product = product
        self.version = version
        self.issued = issued
        self.inUse = inUse
        self.reserved = reserved
        self.expires = expires
        self.sampledAt = sampledAt
    }

    /// Whether the pool serves licenses on `day`: until its license expires (a permanent one always).
    public func serves(on day: Day) -> Bool {
        expires.map { day <= $0 } ?? true
    }
}
