import Foundation
import TallyCore

/// The position as a terminal report: one row per product, what needs attention first, totals at the foot.
public enum PositionTable {
    /// Renders the report; `colors` adds ANSI colours to the status column (only for a terminal).
    public static func render(_ reconciliation: Reconciliation, colors: Bool) -> String {
        let currency = reconciliation.currency.map { " (\($0))" } ?? ""
        let header = [
            "STATUS", "PRODUCT", "NAME", "METRIC", "DEMAND", "OWNED", "SHORTFALL", "SURPLUS",
            "EXPOSURE" + currency, "SURPLUS VALUE",
        ]
        let positions = reconciliation.positions.sorted(by: worstFirst)
        let rows = positions.map { position -> [String] in
            let name = Self.displayName(publisher: position.publisher, name: position.name)
            return [
                position.status.rawValue, position.product.rawValue, clip(name, 36), position.metric.rawValue,
                grouped(position.demand), position.supply.map(grouped) ?? "unlimited",
                grouped(position.shortfall), grouped(position.surplus),
                position.exposure.map(money) ?? (position.shortfall > 0 ? "unknown" : "-"),
                money(position.surplusValue),
            ]
        }
        let rightAligned: Set<Int> = [4, 5, 6, 7, 8, 9]
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String], color: String? = nil) -> String {
            cells.enumerated().map { i, cell in
                let padding = String(repeating: " ", count: widths[i] - cell.count)
                var text = rightAligned.contains(i) ? padding + cell : cell + padding
                if i == 0, let color, colors { text = color + text + "\u{1B}[0m" }
                return text
            }.joined(separator: "  ")
        }
        var out = ["License position as of \(reconciliation.asOf)", "", line(header)]
        out.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for (row, position) in zip(rows, positions) {
            out.append(line(row, color: color(of: position.status)))
        }
        let totals = reconciliation.totals
        let count = { (status: ComplianceStatus) in reconciliation.positions.filter { $0.status == status }.count }
        out.append("")
        out.append(
            "\(reconciliation.positions.count) products: \(count(.under)) under-licensed, "
                + "\(count(.over)) over-licensed, \(count(.compliant)) compliant")
        var exposure = "Exposure (shortfall at list price): \(money(totals.exposure))\(currency)"
        if totals.unpricedShortfalls > 0 {
            exposure += ", plus \(totals.unpricedShortfalls) product(s) in shortfall with no known price"
        }
        out.append(exposure)
        out.append("Surplus value (paid, unused): \(money(totals.surplusValue))\(currency)")
        for rate in reconciliation.rates {
            out.append("Converted at " + rate.described(into: reconciliation.currency))
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// What needs attention first: shortfalls (unknown exposure, then the largest), then surplus (the most
    /// valuable first), then compliant products; by product id within each.
    static func worstFirst(_ a: Position, _ b: Position) -> Bool {
        func rank(_ status: ComplianceStatus) -> Int {
            switch status {
            case .under: return 0
            case .over: return 1
            case .compliant: return 2
            }
        }
        if a.status != b.status { return rank(a.status) < rank(b.status) }
        let weight = { (p: Position) -> Double in
            p.status == .under ? (p.exposure ?? .infinity) : p.surplusValue
        }
        if weight(a) != weight(b) { return weight(a) > weight(b) }
        return a.product < b.product
    }

    private static func color(of status: ComplianceStatus) -> String {
        switch status {
        case .under: return "\u{1B}[31m"
        case .over: return "\u{1B}[33m"
        case .compliant: return "\u{1B}[32m"
        }
    }

    /// `Adobe Photoshop`: the publisher before the name, unless the name already starts with it.
    static func displayName(publisher: String?, name: String?) -> String {
        guard let publisher, !publisher.isEmpty else { return name ?? "" }
        guard let name, !name.isEmpty else { return publisher }
        return name.lowercased().hasPrefix(publisher.lowercased()) ? name : publisher + " " + name
    }

    private static func clip(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }

    /// `1234567` as `1,234,567`.
    public static func grouped(_ value: Int) -> String {
        let out = group(String(value.magnitude))
        return value < 0 ? "-" + out : out
    }

    /// An amount followed by its currency where one is known: `6,392.00 EUR`.
    public static func money(_ value: Double, _ currency: String?) -> String {
        money(value) + (currency.map { " " + $0 } ?? "")
    }

    /// An amount with grouped thousands and two decimals: `54,992.00`, at any magnitude (`-` for no number).
    public static func money(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        let cents = (value.magnitude * 100).rounded()
        guard cents < 9e18 else {
            // Beyond what an integer holds: the digits as the number prints them, grouped.
            let digits = String(format: "%.0f", value.magnitude)
            return (value < 0 ? "-" : "") + group(digits) + ".00"
        }
        let whole = Int(cents) / 100, fraction = Int(cents) % 100
        return (value < 0 && cents > 0 ? "-" : "") + grouped(whole) + "." + (fraction < 10 ? "0" : "")
            + String(fraction)
    }

    /// Digits with a comma every three from the right.
    private static func group(_ digits: String) -> String {
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
