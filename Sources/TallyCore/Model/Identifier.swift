/// A typed identifier: the id of one kind of record, so that a device id cannot be passed where a product id is due.
public struct Identifier<Owner>: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The id as written in the estate.
    public let rawValue: String

    /// Wraps an id as written in the estate.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    public var description: String { rawValue }

    /// Ids order by their UTF-8 bytes (code point order), the same on every platform.
    public static func < (lhs: Identifier, rhs: Identifier) -> Bool {
        lhs.rawValue.utf8.lexicographicallyPrecedes(rhs.rawValue.utf8)
    }
}
