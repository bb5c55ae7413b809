/// The names a log repeats (features, users, hosts), each read into a string once and then known by a number.
///
/// A log names the same few hundred users and hosts millions of times; looking the bytes up here is cheaper
/// than making and hashing a string per line, and lets open sessions be keyed by four integers.
struct FlexLMNames {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    private(set) var strings: [String] = []
    /// The bytes of every name, one after another, and where each one lies in them.
    private var arena: [UInt8] = []
    private var spans: [Range<Int>] = []
    /// Open addressing: name numbers (or -1 for empty), at their hash modulo the table's size.
    private var table = [Int32](repeating: -1, count: 1024)
    private var hashes: [UInt64] = []

    /// The number of the name in `range`, adding it the first time.
    mutating func id(_ b: Bytes, _ range: Range<Int>) -> Int32 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in range {
            hash = (hash ^ UInt64(b[index])) &* 0x100_0000_01b3
        }
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while true {
            let found = table[slot]
            if found < 0 { break }
            if hashes[Int(found)] == hash, same(b, range, spans[Int(found)]) { return found }
            slot = (slot + 1) & mask
        }
        let id = Int32(strings.count)
        let start = arena.count
        arena.append(contentsOf: UnsafeBufferPointer(rebasing: b[range]))
        spans.append(start..<arena.count)
        hashes.append(hash)
        strings.append(String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self))
        table[slot] = id
        if strings.count * 2 > table.count { grow() }
        return id
    }

    private func same(_ b: Bytes, _ range: Range<Int>, _ span: Range<Int>) -> Bool {
        guard range.count == span.count else { return false }
        var k = span.lowerBound
        for index in range {
            if b[index] != arena[k] { return false }
            k += 1
        }
        return true
    }

    private mutating func grow() {
        table = [Int32](repeating: -1, count: table.count * 2)
        let mask = table.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(id)
        }
    }
}
