import TallyFormats

/// A piece of HTML. What is interpolated into it is escaped unless it is HTML already, so text from the store or a
/// request can never become markup: `"<td>\(name)</td>" as HTML`.
struct HTML: ExpressibleByStringInterpolation, Sendable {
    private(set) var text: String

    init(stringLiteral value: String) {
        text = value
    }

    init(stringInterpolation: StringInterpolation) {
        text = stringInterpolation.text
    }

    /// Markup made by code, never by input: only for strings this module writes itself (an SVG chart).
    init(trusted text: String) {
        self.text = text
    }

    static let empty: HTML = ""

    static func + (a: HTML, b: HTML) -> HTML { HTML(trusted: a.text + b.text) }

    static func += (a: inout HTML, b: HTML) { a.text += b.text }

    struct StringInterpolation: StringInterpolationProtocol {
        var text = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        mutating func appendLiteral(_ literal: String) { text += literal }

        mutating func appendInterpolation(_ value: String) { text += escaped(value) }

        mutating func appendInterpolation(_ value: String?) { text += escaped(value ?? "") }

        mutating func appendInterpolation(_ value: Int) { text += PositionTable.grouped(value) }

        mutating func appendInterpolation(_ html: HTML) { text += html.text }

        mutating func appendInterpolation(_ list: [HTML]) {
            for html in list { text += html.text }
        }
    }
}

extension Sequence {
    /// Each element's HTML, one after the other.
    func html(_ body: (Element) throws -> HTML) rethrows -> HTML {
        var out = HTML.empty
        for element in self { out += try body(element) }
        return out
    }
}

/// Text made safe inside HTML, in text and in quoted attributes.
func escaped(_ text: String) -> String {
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

/// An amount in the estate's currency, as pages show it: `12,400.00 EUR`.
func money(_ value: Double, _ currency: String?) -> String {
    PositionTable.money(value) + (currency.map { " " + $0 } ?? "")
}

/// A change as pages show it: `+1,200.00`, `-300.00`, `±0.00`.
func signedMoney(_ value: Double) -> String {
    value > 0 ? "+" + PositionTable.money(value) : value < 0 ? PositionTable.money(value) : "±0.00"
}

/// A query string from names and values, values percent-encoded; nil and empty values left out.
func queryString(_ items: [(String, String?)]) -> String {
    let pairs = items.compactMap { name, value -> String? in
        guard let value, !value.isEmpty else { return nil }
        return name + "=" + percentEncoded(value)
    }
    return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
}

/// Text safe in a URL's path segment or query value: unreserved bytes as they are, the rest as `%XX`.
func percentEncoded(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            out.unicodeScalars.append(Unicode.Scalar(byte))
        default:
            let hex = String(byte, radix: 16, uppercase: true)
            out += "%" + (hex.count == 1 ? "0" : "") + hex
        }
    }
    return out
}
