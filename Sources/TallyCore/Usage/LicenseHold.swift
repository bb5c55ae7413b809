/// Licenses held over time, as a license server counts them: usage sessions that share a duplicates key and overlap
/// (or touch) are one hold of `max(count)` licenses, from the earliest start to the latest end of the group.
public struct LicenseHold: Sendable, Equatable {
    public var start: Instant
    /// The end, exclusive; nil where a session of the group has no end (open to the end of time).
    public var end: Instant?
    public var count: Int

    /// A hold from its parts.
    public init(start: Instant, end: Instant?, count: Int) {
        self.start = start
        self.end = end
        self.count = count
    }

    /// The holds of one product's sessions under `rule`, sorted by start; `none` keeps one hold per session.
    public static func holds<C: Collection>(of sessions: C, rule: License.Duplicates) -> [LicenseHold]
    where C.Element == UsageSession {
        guard rule != .separate else {
            return sessions.map { LicenseHold(start: $0.start, end: $0.end, count: $0.count) }
                .sorted { $0.start < $1.start }
        }
        // Keys become small numbers first, so that sorting compares integers, not strings.
        var keyIDs: [Key: Int32] = [:]
        var keyed: [(key: Int32, hold: LicenseHold)] = []
        keyed.reserveCapacity(sessions.count)
        for session in sessions {
            let key = Key(session, rule)
            let id: Int32
            if let known = keyIDs[key] {
                id = known
            } else {
                id = Int32(keyIDs.count)
                keyIDs[key] = id
            }
            keyed.append((id, LicenseHold(start: session.start, end: session.end, count: session.count)))
        }
        keyed.sort { $0.key != $1.key ? $0.key < $1.key : $0.hold.start < $1.hold.start }

        var result: [LicenseHold] = []
        result.reserveCapacity(keyed.count)
        var current: (key: Int32, hold: LicenseHold)?
        for item in keyed {
            if var open = current, open.key == item.key, open.hold.end.map({ item.hold.start <= $0 }) ?? true {
                // Overlapping or touching: the same license, held until the later end.
                open.hold.end = Self.later(open.hold.end, item.hold.end)
                open.hold.count = max(open.hold.count, item.hold.count)
                current = open
                continue
            }
            if let open = current { result.append(open.hold) }
            current = item
        }
        if let open = current { result.append(open.hold) }
        result.sort { $0.start < $1.start }
        return result
    }

    /// The later of two ends, where nil is the end of time.
    private static func later(_ a: Instant?, _ b: Instant?) -> Instant? {
        guard let a, let b else { return nil }
        return max(a, b)
    }

    /// What makes two sessions one license under a rule; a missing user or host is a value like any other.
    private struct Key: Hashable {
        var user: String?
        var host: String?

        init(_ session: UsageSession, _ rule: License.Duplicates) {
            user = rule == .userHost || rule == .user ? session.user : nil
            host = rule == .userHost || rule == .host ? session.host : nil
        }
    }
}
