import TallyFormats

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
