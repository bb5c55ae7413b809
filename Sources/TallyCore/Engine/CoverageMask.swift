/// A set of a product's candidate entitlements, as bits; products with more than 64 candidates use `WideMask`.
protocol CoverageMask: Hashable {
    init(allOf count: Int)
    init(noneOf count: Int)
    mutating func insert(_ bit: Int)
    mutating func remove(_ bit: Int)
    var isEmpty: Bool { get }
    func contains(_ bit: Int) -> Bool
    mutating func formIntersection(_ other: Self)
}

extension UInt64: CoverageMask {
    init(allOf count: Int) {
        self = count >= 64 ? .max : (1 << UInt64(count)) - 1
    }

    init(noneOf count: Int) {
        self = 0
    }

    mutating func insert(_ bit: Int) {
        self |= 1 << UInt64(bit)
    }

    mutating func remove(_ bit: Int) {
        self &= ~(1 << UInt64(bit))
    }

    var isEmpty: Bool { self == 0 }

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

    init(noneOf count: Int) {
        words = Array(repeating: 0, count: (count + 63) / 64)
    }

    mutating func insert(_ bit: Int) {
        words[bit >> 6].insert(bit & 63)
    }

    mutating func remove(_ bit: Int) {
        words[bit >> 6].remove(bit & 63)
    }

    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    func contains(_ bit: Int) -> Bool {
        words[bit >> 6].contains(bit & 63)
    }

    mutating func formIntersection(_ other: WideMask) {
        for i in words.indices { words[i] &= other.words[i] }
    }
}
