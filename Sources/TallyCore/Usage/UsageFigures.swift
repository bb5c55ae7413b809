/// How much of a product's licenses were used over a stretch of time, from its usage sessions and denials.
public struct UsageFigures: Sendable, Equatable {
    public var product: Product.ID
    /// The stretch of time: `[from, to)`.
    public var from: Instant
    public var to: Instant
    /// The most licenses held at once, sessions counted as the duplicates rule says, and the first moment it was
    /// reached (nil when none was held).
    public var peak: Int
    public var peakAt: Instant?
    /// Licenses held on average over the stretch (time-weighted).
    public var average: Double
    /// License-hours held: each license's hours times its count.
    public var hours: Double
    /// The most sessions open at once, each counted on its own: more than `peak` where the duplicates rule made
    /// several sessions one license.
    public var sessionPeak: Int
    /// The rule that made sessions one license.
    public var duplicates: License.Duplicates
    /// Sessions that overlap the stretch.
    public var sessions: Int
    /// Distinct users among those sessions.
    public var users: Int
    /// Checkouts refused in the stretch.
    public var denials: Int
    /// Licenses owned at the end of the stretch: the quantities of the product's own active entitlements; nil when
    /// one of them is unlimited.
    public var owned: Int?
    /// Licenses the product's license-server pools issue, as last sampled; nil when no pool of it is known.
    public var served: Int?
}
