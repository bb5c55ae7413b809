/// A piece of HTML (the web pages, and files such as the audit pack's summary). What is interpolated into it is escaped unless it is HTML already, so text from the store or a
/// request can never become markup: `"<td>\(name)</td>" as HTML`.
public struct HTML: ExpressibleByStringInterpolation, Sendable {
    public private(set) var text: String

    public init(stringLiteral value: String) {
        text = value
    }

    public init(stringInterpolation: StringInterpolation) {
        text = stringInterpolation.text
    }

    /// Markup made by code, never by input: only for strings Tally writes itself (an SVG chart).
    public init(trusted text: String) {
        self.text = text
    }

    public static let empty: HTML = ""

    public static func + (a: HTML, b: HTML) -> HTML { HTML(trusted: a.text + b.text) }

    public static func += (a: inout HTML, b: HTML) { a.text += b.text }

    public struct StringInterpolation: StringInterpolationProtocol {
        var text = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        public mutating func appendLiteral(_ literal: String) { text += literal }

        public mutating func appendInterpolation(_ value: String) { text += HTML.escaped(value) }

        public mutating func appendInterpolation(_ value: String?) { text += HTML.escaped(value ?? "") }

        public mutating func appendInterpolation(_ value: Int) { text += PositionTable.grouped(value) }

        public mutating func appendInterpolation(_ html: HTML) { text += html.text }

        public mutating func appendInterpolation(_ list: [HTML]) {
            for html in list { text += html.text }
        }
    }
}

extension Sequence {
    /// Each element's HTML, one after the other.
    public func html(_ body: (Element) throws -> HTML) rethrows -> HTML {
        var out = HTML.empty
        for element in self { out += try body(element) }
        return out
    }
}

extension HTML {
    /// Text made safe inside HTML, in text and in quoted attributes.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
