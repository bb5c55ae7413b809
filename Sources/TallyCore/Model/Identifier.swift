import Foundation

/// A typed identifier: the id of one kind of record, so that a device id cannot be passed where a product id is due.
///
/// Ids are kept in Unicode normalization form C: `café` typed with a composed `é` and read from a file that wrote
/// it decomposed are the same id, byte for byte, in the store as in memory.
public struct Identifier<Owner>: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The id as written in the estate, in normalization form C.
    public let rawValue: String

    /// Wraps an id, normalizing it to form C.
    public init(_ rawValue: String) {
        self.rawValue = Self.normalized(rawValue)
    }

    public init(stringLiteral value: String) {
        self.rawValue = Self.normalized(value)
    }

    /// `text` in Unicode normalization form C; ASCII (nearly every id) is already.
    public static func normalized(_ text: String) -> String {
        var text = text
        let ascii = text.withUTF8 { bytes in bytes.allSatisfy { $0 < 0x80 } }
        return ascii ? text : text.precomposedStringWithCanonicalMapping
    }

    public var description: String { rawValue }

    /// Ids order by their UTF-8 bytes (code point order), the same on every platform.
    public static func < (lhs: Identifier, rhs: Identifier) -> Bool {
        lhs.rawValue.utf8.lexicographicallyPrecedes(rhs.rawValue.utf8)
    }
}
