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
    /// The license-server feature it was recorded under (`VENDOR:FEATURE`), where it came from a license server;
    /// kept by the store so that a feature can be mapped to another product later. Not part of the estate file.
    public var feature: String?

    /// Creates the record; what is not given takes the estate format\'s default.
    public init(
        product: Product.ID, user: String? = nil, host: String? = nil, start: Instant, end: Instant? = nil,
        count: Int = 1, source: String? = nil, feature: String? = nil
    ) {
        self.product = product
        self.user = user
        self.host = host
        self.start = start
        self.end = end
        self.count = count
        self.source = source
        self.feature = feature
    }

    /// The end of a session whose last evidence is `seen` (a status sample that listed it, the last line of a log
    /// that never saw it checked in): the end of that second, so that it holds its license at the moment it was
    /// seen, and never later, since a session's end is never later than the last evidence of it.
    public static func end(lastSeen seen: Instant, start: Instant) -> Instant {
        Instant(secondsSinceEpoch: max(seen, start).secondsSinceEpoch + 1)
    }
}
