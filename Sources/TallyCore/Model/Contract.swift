/// An agreement with a vendor that groups entitlements: its term, when it renews and how long before that notice
/// must be given, who looks after it. An entitlement names its contract in `contract`.
public struct Contract: Hashable, Sendable, Identifiable {
    public typealias ID = Identifier<Contract>

    public var id: ID
    public var vendor: String?
    /// The vendor's or the organisation's reference for it.
    public var number: String?
    public var start: Day?
    /// Its last day, unless it renews.
    public var end: Day?
    /// The day it renews (or must be renewed); its end when not given.
    public var renewal: Day?
    /// Days before the renewal by which notice must be given to end or change it.
    public var noticeDays: Int?
    /// Whether it renews by itself unless notice is given.
    public var autoRenew: Bool
    /// Who looks after it: an account's name or an email address.
    public var owner: String?
    public var notes: String?

    /// Creates the record; what is not given takes the estate format's default.
    public init(
        id: ID, vendor: String? = nil, number: String? = nil, start: Day? = nil, end: Day? = nil,
        renewal: Day? = nil, noticeDays: Int? = nil, autoRenew: Bool = false, owner: String? = nil,
        notes: String? = nil
    ) {
        self.id = id
        self.vendor = vendor
        self.number = number
        self.start = start
        self.end = end
        self.renewal = renewal
        self.noticeDays = noticeDays
        self.autoRenew = autoRenew
        self.owner = owner
        self.notes = notes
    }

    /// The day it renews or ends: the renewal date, else the end.
    public var renewsOn: Day? { renewal ?? end }

    /// The last day notice can be given: the renewal (or end) minus the notice period.
    public var noticeDeadline: Day? {
        guard let day = renewsOn, let days = noticeDays, days > 0 else { return nil }
        return day.adding(days: -days)
    }
}
