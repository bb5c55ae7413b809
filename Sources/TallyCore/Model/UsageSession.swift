/// A license checkout seen on a license server: who held how many licenses of a product, and when.
public struct UsageSession: Hashable, Sendable {
    public var product: Product.ID
    /// The login the server reported; it matches a person's `login`, else their id.
    public var user: String?
    /// The host the server reported; kept for reports, it matches no device.
    public var host: String?
    public var start: Instant
    /// The end of the checkout, exclusive; an open session runs to the end of the window.
    public var end: Instant?
    /// Licenses held by this one checkout.
    public var count: Int
    public var source: String?

    /// Creates the record; what is not given takes the estate format\'s default.
    public init(
        product: Product.ID, user: String? = nil, host: String? = nil, start: Instant, end: Instant? = nil,
        count: Int = 1, source: String? = nil
    ) {
        self.product = product
        self.user = user
        self.host = host
        self.start = start
        self.end = end
        self.count = count
        self.source = source
    }
}
