/// A set of a product's candidate entitlements, as bits; products with more than 64 candidates use `WideMask`.
protocol CoverageMask: Hashable {
    init(allOf count: Int)
    mutating func remove(_ bit: Int)
    func contains(_ bit: Int) -> Bool
    mutating func formIntersection(_ other: Self)
}

extension UInt64: CoverageMask {
    init(allOf count: Int) {
        self = count >= 64 ? .max : (1 << UInt64(count)) - 1
    }

    mutating func remove(_ bit: Int) {
        self &= ~(1 << UInt64(bit))
    }

    func contains(_ bit: Int) -> Bool {
        self & (1 << UInt64(bit)) != 0
    }

    mutating func formIntersection(_ other: UInt64) {
        self &= other
    }
}

/// A candidate set of any size.
struct WideMask: CoverageMask {
    var words: [UInt64]

    init(allOf count: Int) {
        words = (0..<(count + 63) / 64).map { word in
            UInt64(allOf: min(64, count - word * 64))
        }
    }

    mutating func remove(_ bit: Int) {
        words[bit >> 6].remove(bit & 63)
    }

    func contains(_ bit: Int) -> Bool {
        words[bit >> 6].contains(bit & 63)
    }

    mutating func formIntersection(_ other: WideMask) {
        for i in words.indices { words[i] &= other.words[i] }
    }
}
