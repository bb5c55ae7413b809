/// A SplitMix64 random number generator started from a seed, so that a sample estate is the same on every machine.
///
/// The helpers below draw bounded numbers with their own arithmetic rather than the standard library's
/// `random(in:using:)`, whose algorithm may change between Swift releases and would then change the samples.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        self.state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (`bound` above 0), by multiply-high: the bias is far below anything a sample shows.
    mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A number in `range`.
    mutating func within(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A number in `0..<1` with 53 random bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// One element of a non-empty array.
    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[below(elements.count)]
    }

    /// The elements in an order fixed by this generator (Fisher-Yates).
    mutating func shuffle<Element>(_ elements: [Element]) -> [Element] {
        var result = elements
        var i = result.count - 1
        while i > 0 {
            result.swapAt(i, below(i + 1))
            i -= 1
        }
        return result
    }
}
