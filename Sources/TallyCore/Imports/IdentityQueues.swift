/// Stored records waiting to be matched by identity: the n-th record of an identity in a file meets the n-th stored
/// one. Two flat tables rather than an array per identity, so that a million stored records make no million arrays.
struct IdentityQueues<Record: StoredRecord> {
    /// Per identity, the position of its first stored record not matched yet.
    private var head: [Record.Identity: Int] = [:]
    /// Per stored position, the next position of the same identity, or -1.
    private var next: [Int]
    private var matched: [Bool]

    init(_ stored: [Record]) {
        head.reserveCapacity(stored.count)
        next = [Int](repeating: -1, count: stored.count)
        matched = [Bool](repeating: false, count: stored.count)
        for position in stored.indices.reversed() {
            if let following = head.updateValue(position, forKey: stored[position].identity) {
                next[position] = following
            }
        }
    }

    /// The next stored position of `identity` not matched yet, now matched; nil when none is left.
    mutating func match(_ identity: Record.Identity) -> Int? {
        guard let position = head[identity], position >= 0 else { return nil }
        head[identity] = next[position]
        matched[position] = true
        return position
    }

    /// The stored positions no record matched, in order.
    var unmatched: [Int] { matched.indices.filter { !matched[$0] } }
}
