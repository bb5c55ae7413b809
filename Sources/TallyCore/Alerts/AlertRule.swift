/// A rule that tells someone when something needs acting on: what to watch, and where to send the alert.
public struct AlertRule: Sendable, Equatable, Identifiable {
    /// What the rule watches.
    public enum Kind: String, Sendable, CaseIterable {
        /// A contract or entitlement renews or ends within one of `stages` days.
        case renewal
        /// A contract's notice deadline is within one of `stages` days.
        case notice
        /// A product is short that was not at the previous snapshot.
        case shortfall
        /// The exposure rose by more than `threshold` since the previous snapshot.
        case exposure
        /// A product is installed or used while nobody owns a license for it.
        case unlicensed
        /// A product's denials over the last 30 days passed `threshold`.
        case denials
        /// An entitlement ended while its product is still used.
        case expired
    }

    /// Where the alerts go.
    public enum Channel: Sendable, Equatable {
        /// A JSON POST to `url`, signed with HMAC-SHA256 over the body when a secret is set.
        case webhook(url: String, secret: String?)
        /// An email to these addresses.
        case email(to: [String])
    }

    public var id: Int64
    public var kind: Kind
    /// Days ahead at which a renewal or notice rule alerts, one alert per stage (default 90, 60, 30, 7).
    public var stages: [Int]
    /// The amount (exposure) or the count (denials) a rule alerts past.
    public var threshold: Double?
    public var channel: Channel

    public static let defaultStages = [90, 60, 30, 7]

    public init(id: Int64, kind: Kind, stages: [Int] = [], threshold: Double? = nil, channel: Channel) {
        self.id = id
        self.kind = kind
        self.stages = stages
        self.threshold = threshold
        self.channel = channel
    }
}

/// One alert a rule raised: about a subject (`contract:JB-1`, `product:visio`), at a stage (`30`, a date), once.
public struct AlertEvent: Sendable, Equatable {
    public var rule: Int64
    /// What it is about: `contract:ID`, `entitlement:ID`, `product:ID` or `estate`.
    public var subject: String
    /// Which step of the rule: the stage in days, or what makes it new (a snapshot's day).
    public var stage: String
    /// One line: the email's subject, the webhook's title.
    public var title: String
    /// A few sentences.
    public var text: String

    public init(rule: Int64, subject: String, stage: String, title: String, text: String) {
        self.rule = rule
        self.subject = subject
        self.stage = stage
        self.title = title
        self.text = text
    }
}
