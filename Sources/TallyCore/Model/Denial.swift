/// A checkout a license server refused: evidence of unmet demand, shown to the license manager, not counted.
public struct Denial: Hashable, Sendable {
    public var product: Product.ID
    public var user: String?
    public var host: String?
    public var at: Instant
    public var reason: String?
    public var source: String?
    /// The license-server feature it was recorded under (`VENDOR:FEATURE`); see `UsageSession.feature`.
    public var feature: String?

    /// Creates the record; what is not given takes the estate format\'s default.
    public init(
        product: Product.ID, user: String? = nil, host: String? = nil, at: Instant, reason: String? = nil,
        source: String? = nil, feature: String? = nil
    ) {
        self.product = product
        self.user = user
        self.host = host
        self.at = at
        self.reason = reason
        self.source = source
        self.feature = feature
    }
}
