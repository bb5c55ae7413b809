extension Pattern {
    /// Reads the folded bytes of a pattern into tokens; every error says what is wrong in the license manager's terms.
    struct Parser {
        let text: String
        let bytes: [UInt8]
        var position = 0
        var tokens: [Token] = []
        var labels: [String] = []
        private var literal: [UInt8] = []

        init(text: String, bytes: [UInt8]) {
            self.text = text
            self.bytes = bytes
        }

        mutating func parse() throws(CatalogError) {
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                switch byte {
                case UInt8(ascii: "\\"):
                    guard position < bytes.count else {
                        throw invalid("ends in a lone \\; write \\\\ to match a backslash")
                    }
                    literal.append(bytes[position])
                    position += 1
                case UInt8(ascii: "*"):
                    flushLiteral()
                    if case .anything? = tokens.last { continue }
                    tokens.append(.anything)
                case UInt8(ascii: "?"):
                    flushLiteral()
                    tokens.append(.oneCharacter)
                case UInt8(ascii: "["):
                    flushLiteral()
                    tokens.append(.oneOf(try characterSet()))
                case UInt8(ascii: "{"):
                    flushLiteral()
                    tokens.append(try placeholder())
                default:
                    literal.append(byte)
                }
            }
            flushLiteral()
        }

        private mutating func flushLiteral() {
            guard !literal.isEmpty else { return }
            tokens.append(.literal(literal))
            literal = []
        }

        /// Reads `[...]` after its `[`: single characters and ranges (`a-z`), negated by a leading `!` or `^`.
        private mutating func characterSet() throws(CatalogError) -> ByteSet {
            let start = position - 1
            var set = ByteSet()
            var negated = false
            if position < bytes.count, bytes[position] == UInt8(ascii: "!") || bytes[position] == UInt8(ascii: "^") {
                negated = true
                position += 1
            }
            var members = 0
            while true {
                guard position < bytes.count else {
                    throw invalid("opens [ at character \(start + 1) without closing it; write \\[ to match a bracket")
                }
                var byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: "]") { break }
                if byte == UInt8(ascii: "\\"), position < bytes.count {
                    byte = bytes[position]
                    position += 1
                }
                guard byte < 0x80 else {
                    throw invalid("lists a non-ASCII character inside [ ]; a set may hold only ASCII characters")
                }
                if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "-"),
                    bytes[position + 1] != UInt8(ascii: "]")
                {
                    let upper = bytes[position + 1]
                    position += 2
                    guard upper < 0x80 else {
                        throw invalid("lists a non-ASCII character inside [ ]; a set may hold only ASCII characters")
                    }
                    guard upper >= byte else {
                        let range = "\(Character(Unicode.Scalar(byte)))-\(Character(Unicode.Scalar(upper)))"
                        throw invalid("has the range \(range) backwards; write the lower character first")
                    }
                    for member in byte...upper { set.insert(member) }
                } else {
                    set.insert(byte)
                }
                members += 1
            }
            guard members > 0 else { throw invalid("has an empty set [ ]; list at least one character") }
            if negated {
                set.low = ~set.low
                set.high = ~set.high
                set.takesNonASCII = true
            }
            return set
        }

        /// Reads `{kind}` or `{label:kind}` after its `{`.
        private mutating func placeholder() throws(CatalogError) -> Token {
            let start = position
            while position < bytes.count, bytes[position] != UInt8(ascii: "}") { position += 1 }
            guard position < bytes.count else {
                throw invalid("opens { without closing it; write \\{ to match a brace")
            }
            let inside = String(decoding: bytes[start..<position], as: UTF8.self)
            position += 1
            let parts = inside.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count <= 2 else {
                throw invalid("has the placeholder {\(inside)}; write {kind} or {label:kind}")
            }
            let kinds = Placeholder.allCases.map { "{\($0.rawValue)}" }.joined(separator: ", ")
            guard let kind = Placeholder(rawValue: parts[parts.count - 1]) else {
                throw invalid("has an unknown placeholder {\(inside)}; the kinds are \(kinds)")
            }
            let label = parts[0]
            guard Self.isLabel(label) else {
                throw invalid(
                    "has the placeholder label \"\(label)\"; a label is a letter followed by letters, digits or _")
            }
            guard !labels.contains(label) else {
                throw invalid("uses the placeholder {\(label)} twice; name the second one, as in {\(label)2:\(kind)}")
            }
            guard labels.count < Pattern.maximumPlaceholders else {
                throw invalid("has more than \(Pattern.maximumPlaceholders) placeholders")
            }
            labels.append(label)
            return .placeholder(kind, slot: labels.count - 1)
        }

        static func isLabel(_ label: String) -> Bool {
            guard let first = label.utf8.first, first &- UInt8(ascii: "a") < 26 else { return false }
            return label.utf8.allSatisfy { FoldedText.isWordByte($0) && $0 < 0x80 || $0 == UInt8(ascii: "_") }
        }

        private func invalid(_ reason: String) -> CatalogError {
            .invalidPattern(pattern: text, reason: reason)
        }
    }
}
