import TallyCore

/// The position as CSV (RFC 4180): one row per product position, for spreadsheets.
public enum PositionCSV {
    /// The columns, named as the JSON report names the fields.
    public static let header = [
        "product", "publisher", "name", "metric", "demand", "covered", "shortfall", "supply",
        "surplus", "exposure", "surplusValue", "status",
    ]

    /// The header and one row per position, lines ending in CRLF as RFC 4180 asks.
    public static func render(_ reconciliation: Reconciliation) -> String {
        var lines = [header.map(field).joined(separator: ",")]
        for position in reconciliation.positions {
            let cells = [
                position.product.rawValue, position.publisher ?? "", position.name ?? "", position.metric.rawValue,
                String(position.demand), String(position.covered), String(position.shortfall),
                position.supply.map(String.init) ?? "unlimited", String(position.surplus),
                position.exposure.map(JSONWriter.decimalText) ?? "", JSONWriter.decimalText(position.surplusValue),
                position.status.rawValue,
            ]
            lines.append(cells.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Quotes a field where it holds a comma, a quote or a line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    /// Every occurrence of `target` replaced, without Foundation.
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
