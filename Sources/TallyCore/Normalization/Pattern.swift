/// A pattern that a raw publisher, name or version must match as a whole, ignoring case: a glob that a license
/// manager can write, with placeholders that capture a version.
///
/// - `*` matches any run of characters, `?` any one character, `[0-9]` or `[!a-z]` one character of (or not of) a
///   set of ASCII characters; `\` makes the next character plain (`\*`, `\[`, `\{`).
/// - `{year}` captures four digits from 1900 to 2099, `{number}` a run of digits, `{version}` digits and dots
///   (`21.001.20145`), `{word}` a run of ASCII letters and digits (`19c`, `2023b`). Each takes the longest run it can;
///   a number never starts right after a digit. `{label:kind}` names a second placeholder of a kind (`{minor:number}`).
/// - Runs of white space match one space, and `®`, `™` and `©` are ignored, in patterns and in inventory alike.
/// - The empty pattern matches only an empty value: as a publisher, a row that names none.
public struct Pattern: Hashable, Sendable, CustomStringConvertible {
    /// The pattern as written.
    public let text: String
    /// The labels of the placeholders, in order.
    public let labels: [String]
    let tokens: [Token]

    /// The most placeholders one pattern may have.
    public static let maximumPlaceholders = 4

    /// Reads a pattern, or says what is wrong with it.
    public init(_ text: String) throws(CatalogError) {
        self.text = text
        var parser = Parser(text: text, bytes: FoldedText(text.lowercased()).bytes)
        try parser.parse()
        tokens = parser.tokens
        labels = parser.labels
    }

    public var description: String { text }

    public static func == (lhs: Pattern, rhs: Pattern) -> Bool { lhs.text == rhs.text }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text)
    }

    /// Whether `text` (a raw name, publisher or version) matches this pattern.
    public func matches(_ text: String) -> Bool {
        captures(in: text) != nil
    }

    /// What each placeholder captured when `text` matches, by label; nil when it does not match.
    public func captures(in text: String) -> [String: String]? {
        let folded = FoldedText(text).bytes
        var captures = Captures()
        let matched = folded.withUnsafeBufferPointer { match($0, &captures) }
        guard matched else { return nil }
        var result: [String: String] = [:]
        for (slot, label) in labels.enumerated() {
            result[label] = String(decoding: folded[captures.range(slot)], as: UTF8.self)
        }
        return result
    }

    /// One step of a pattern.
    enum Token: Sendable {
        /// Text that must follow, in lower case.
        case literal([UInt8])
        /// `*`
        case anything
        /// `?`
        case oneCharacter
        /// `[...]`
        case oneOf(ByteSet)
        /// `{label:kind}`, capturing into a slot.
        case placeholder(Placeholder, slot: Int)
    }

    /// What a placeholder captures.
    public enum Placeholder: String, CaseIterable, Sendable {
        case year, number, version, word
    }

    /// A set of ASCII characters, and whether it takes any non-ASCII character (as `[!...]` does).
    struct ByteSet: Sendable {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var takesNonASCII = false

        mutating func insert(_ byte: UInt8) {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }

        func contains(_ byte: UInt8) -> Bool {
            if byte >= 0x80 { return takesNonASCII }
            return byte < 64 ? low & (1 << UInt64(byte)) != 0 : high & (1 << UInt64(byte - 64)) != 0
        }

        /// Whether any letter or digit is in the set: a set without one is a word boundary.
        var holdsWordCharacter: Bool {
            takesNonASCII || (0..<128).contains { FoldedText.isWordByte(UInt8($0)) && contains(UInt8($0)) }
        }
    }

    /// Where the placeholders of one match begin and end, by slot.
    struct Captures {
        var bounds = SIMD8<Int32>(repeating: 0)

        mutating func set(_ slot: Int, _ start: Int, _ end: Int) {
            bounds[2 * slot] = Int32(truncatingIfNeeded: start)
            bounds[2 * slot + 1] = Int32(truncatingIfNeeded: end)
        }

        func range(_ slot: Int) -> Range<Int> {
            Int(bounds[2 * slot])..<Int(bounds[2 * slot + 1])
        }
    }
}
