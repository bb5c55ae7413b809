import Foundation

/// Values made from texts that repeat, each made once: an open-addressing table keyed by the text's bytes. Inlinable,
/// so that each backend's readers get it specialised for their values (a generic one looks its entries' type up at
/// every probe).
public struct Interner<Value> {
    @usableFromInline var slots = [Int32](repeating: -1, count: 1024)
    @usableFromInline var entries: [Entry] = []
    @usableFromInline var bytes: [UInt8] = []

    @usableFromInline
    struct Entry {
        @usableFromInline let hash: UInt64
        @usableFromInline let start: Int
        @usableFromInline let count: Int
        @usableFromInline let value: Value

        @usableFromInline
        init(hash: UInt64, start: Int, count: Int, value: Value) {
            self.hash = hash
            self.start = start
            self.count = count
            self.value = value
        }
    }

    @inlinable
    public init() {}

    /// The value for these bytes, made by `make` the first time they are met.
    @inlinable
    public mutating func value(_ text: UnsafeBufferPointer<UInt8>, make: (UnsafeBufferPointer<UInt8>) -> Value) -> Value
    {
        let hash = Self.hash(text)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let entry = entries[Int(slots[slot])]
            if entry.hash == hash, entry.count == text.count,
                bytes.withUnsafeBufferPointer({ stored in
                    text.count == 0 || memcmp(stored.baseAddress! + entry.start, text.baseAddress!, text.count) == 0
                })
            {
                return entry.value
            }
            slot = (slot + 1) & mask
        }
        let value = make(text)
        slots[slot] = Int32(entries.count)
        entries.append(Entry(hash: hash, start: bytes.count, count: text.count, value: value))
        bytes.append(contentsOf: text)
        if entries.count * 2 > slots.count { grow() }
        return value
    }

    /// A hash of the bytes, eight at a time.
    @inlinable
    static func hash(_ text: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = UInt64(text.count) &* 0x9E37_79B9_7F4A_7C15
        guard let base = text.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= text.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 29
            offset += 8
        }
        var tail: UInt64 = 0
        while offset < text.count {
            tail = (tail << 8) | UInt64(base[offset])
            offset += 1
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 32)
    }

    @inlinable
    mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }
}
