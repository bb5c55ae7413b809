/// An open-addressing hash table from a rule key to the entries (a rule and one of its name patterns) filed under it,
/// flat in memory, so that a lookup costs one multiplication and usually one probe.
struct RuleKeys: Sendable {
    /// The key of each slot; 0 marks an empty slot (keys are never 0).
    private let keys: [UInt64]
    /// Each slot's entries, at `starts[slot]..<starts[slot] + counts[slot]` of `lists`.
    private let starts: [Int32]
    private let counts: [Int32]
    private let lists: [Int64]
    private let shift: UInt64

    init(_ filed: [UInt64: [Int64]]) {
        var bits: UInt64 = 4
        while 1 << bits < filed.count * 2 { bits += 1 }
        let size = 1 << Int(bits)
        var keys = [UInt64](repeating: 0, count: size)
        var starts = [Int32](repeating: 0, count: size)
        var counts = [Int32](repeating: 0, count: size)
        var lists: [Int64] = []
        shift = 64 - bits
        // Sorted, so that the table is the same from run to run.
        for (key, rules) in filed.sorted(by: { $0.key < $1.key }) {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while keys[slot] != 0 { slot = (slot + 1) & (size - 1) }
            keys[slot] = key
            starts[slot] = Int32(lists.count)
            counts[slot] = Int32(rules.count)
            lists.append(contentsOf: rules)
        }
        self.keys = keys
        self.starts = starts
        self.counts = counts
        self.lists = lists
    }

    /// Appends the entries filed under `key`, in catalog order, to `entries`; nothing for a key nothing is filed under.
    func append(_ key: UInt64, to entries: inout [Int64]) {
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let found = keys[slot]
            if found == key {
                let start = Int(starts[slot])
                lists.withUnsafeBufferPointer { entries.append(contentsOf: $0[start..<start + Int(counts[slot])]) }
                return
            }
            if found == 0 { return }
            slot = (slot + 1) & mask
        }
    }
}
