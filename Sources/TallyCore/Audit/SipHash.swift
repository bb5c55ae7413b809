/// SipHash-2-4 (Aumasson and Bernstein), a keyed hash: fast on short inputs, and without the key its values cannot
/// be computed. Bytes are fed in pieces; the result is 64 bits.
public struct SipHasher {
    private var v0: UInt64, v1: UInt64, v2: UInt64, v3: UInt64
    private var tail: UInt64 = 0
    private var tailCount = 0
    private var length = 0

    /// A hasher with a 128-bit key.
    public init(key: (UInt64, UInt64)) {
        v0 = key.0 ^ 0x736f_6d65_7073_6575
        v1 = key.1 ^ 0x646f_7261_6e64_6f6d
        v2 = key.0 ^ 0x6c79_6765_6e65_7261
        v3 = key.1 ^ 0x7465_6462_7974_6573
    }

    private mutating func round() {
        v0 = v0 &+ v1
        v1 = (v1 << 13) | (v1 >> 51)
        v1 ^= v0
        v0 = (v0 << 32) | (v0 >> 32)
        v2 = v2 &+ v3
        v3 = (v3 << 16) | (v3 >> 48)
        v3 ^= v2
        v0 = v0 &+ v3
        v3 = (v3 << 21) | (v3 >> 43)
        v3 ^= v0
        v2 = v2 &+ v1
        v1 = (v1 << 17) | (v1 >> 47)
        v1 ^= v2
        v2 = (v2 << 32) | (v2 >> 32)
    }

    private mutating func compress(_ word: UInt64) {
        v3 ^= word
        round()
        round()
        v0 ^= word
    }

    /// Feeds one byte.
    public mutating func combine(_ byte: UInt8) {
        tail |= UInt64(byte) << (8 * UInt64(tailCount))
        tailCount += 1
        length += 1
        if tailCount == 8 {
            compress(tail)
            tail = 0
            tailCount = 0
        }
    }

    /// Feeds the bytes of a text, then a separator no text holds (the number 0xFF: a byte 0xFF, which UTF-8 never
    /// has, and seven zeros), so that fields never run into each other.
    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            var offset = 0
            while offset + 8 <= raw.count {
                combine(word: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                offset += 8
            }
            while offset < raw.count {
                combine(raw[offset])
                offset += 1
            }
        }
        combine(Int64(0xFF))
    }

    /// Feeds an optional text: absent (the number 0xFE) is told apart from empty.
    public mutating func combine(_ text: String?) {
        if let text { combine(text) } else { combine(Int64(0xFE)) }
    }

    /// Feeds a number, eight bytes.
    public mutating func combine(_ number: Int64) {
        combine(word: UInt64(bitPattern: number))
    }

    /// Feeds eight bytes at once, lowest first: the same as feeding them one by one, a word at a time.
    private mutating func combine(word: UInt64) {
        length &+= 8
        guard tailCount > 0 else { return compress(word) }
        let shift = UInt64(8 * tailCount)
        compress(tail | word << shift)
        tail = word >> (64 - shift)
    }

    /// The hash of everything fed.
    public func finalize() -> UInt64 {
        var copy = self
        let last = (UInt64(truncatingIfNeeded: length) << 56) | tail
        copy.compress(last)
        copy.v2 ^= 0xFF
        for _ in 0..<4 { copy.round() }
        return copy.v0 ^ copy.v1 ^ copy.v2 ^ copy.v3
    }
}
