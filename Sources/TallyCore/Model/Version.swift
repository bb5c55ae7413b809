/// A product version as installed or as licensed (`2019`, `16.0.10`, `19c`), compared by dotted parts.
///
/// Parts that are both numbers compare as numbers (`2019 < 2021`, `16.0.10 < 16.1`, `9 < 10`); other parts compare as
/// text by code point. A missing part counts as `0`, so `16` and `16.0` are the same version.
public struct Version: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The version as written.
    public let text: String

    /// A version as written.
    public init(_ text: String) {
        self.text = text
    }

    public var description: String { text }

    public static func == (lhs: Version, rhs: Version) -> Bool { compare(lhs.text, rhs.text) == 0 }

    public func hash(into hasher: inout Hasher) {
        for part in Version.parts(text).reversed().drop(while: { Version.isZero($0) }).reversed() {
            hasher.combine(Version.isNumber(part) ? Array(part.drop(while: { $0 == UInt8(ascii: "0") })) : Array(part))
            hasher.combine(UInt8(ascii: "."))
        }
    }

    public static func < (lhs: Version, rhs: Version) -> Bool { compare(lhs.text, rhs.text) < 0 }

    /// -1, 0 or 1 as `lhs` is older than, the same as, or newer than `rhs`.
    public static func compare(_ lhs: String, _ rhs: String) -> Int {
        let left = parts(lhs), right = parts(rhs)
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : zero
            let b = index < right.count ? right[index] : zero
            let order = comparePart(a, b)
            if order != 0 { return order }
        }
        return 0
    }

    private static let zero: ArraySlice<UInt8> = [UInt8(ascii: "0")]

    private static func parts(_ text: String) -> [ArraySlice<UInt8>] {
        Array(text.utf8).split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    }

    private static func isNumber(_ part: ArraySlice<UInt8>) -> Bool {
        !part.isEmpty && part.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    private static func isZero(_ part: ArraySlice<UInt8>) -> Bool {
        isNumber(part) && part.allSatisfy { $0 == UInt8(ascii: "0") }
    }

    private static func comparePart(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int {
        if isNumber(a), isNumber(b) {
            // Numbers of any length: strip leading zeros, then the longer is larger, else compare digit by digit.
            let x = a.drop(while: { $0 == UInt8(ascii: "0") }), y = b.drop(while: { $0 == UInt8(ascii: "0") })
            if x.count != y.count { return x.count < y.count ? -1 : 1 }
            return x.elementsEqual(y) ? 0 : (x.lexicographicallyPrecedes(y) ? -1 : 1)
        }
        return a.elementsEqual(b) ? 0 : (a.lexicographicallyPrecedes(b) ? -1 : 1)
    }
}
