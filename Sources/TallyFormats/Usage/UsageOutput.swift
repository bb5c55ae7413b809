import TallyCore

/// Usage figures as a terminal table, JSON or CSV.
public enum UsageOutput {
    /// One row per product (and period): peak, average, owned, served, hours, users, denials; with a sparkline of
    /// daily peaks per product where `sparklines` has one. Where a duplicates rule made several sessions one license,
    /// the sessions' own peak is shown beside the licenses' and the rule is said under the table.
    public static func table(_ report: UsageReport, by period: UsagePeriod?, sparklines: [Product.ID: String]) -> String
    {
        guard !report.figures.isEmpty else { return "No usage or denials in this period.\n" }
        let grouped = report.figures.filter { $0.sessionPeak != $0.peak }
        var header = ["PRODUCT"] + (period == nil ? [] : ["PERIOD"])
        let counted = ["PEAK"] + (grouped.isEmpty ? [] : ["SESSION PEAK"])
        header += counted + ["AVERAGE", "OWNED", "SERVED", "HOURS", "USERS", "DENIALS"]
        let numbers = Set((header.count - 6 - counted.count)..<header.count)
        var table = TextTable(header + (period == nil ? ["DAILY PEAKS"] : []), right: numbers)
        for figures in report.figures {
            var row = [figures.product.rawValue]
            if period != nil { row.append(figures.from.day.description) }
            row.append(String(figures.peak))
            if !grouped.isEmpty { row.append(String(figures.sessionPeak)) }
            row += [
                decimal(figures.average), figures.owned.map(String.init) ?? "unlimited",
                figures.served.map(String.init) ?? "-",
                PositionTable.money(figures.hours.rounded()).dropLast(3).description,
                String(figures.users), String(figures.denials),
            ]
            if period == nil { row.append(sparklines[figures.product] ?? "") }
            table.append(row)
        }
        var text = table.render()
        let rules = Dictionary(grouping: grouped, by: \.duplicates).mapValues { Set($0.map(\.product)) }
        for rule in License.Duplicates.allCases {
            guard let products = rules[rule] else { continue }
            text +=
                "PEAK counts licenses as the license server does: overlapping sessions of \(rule.holder) are one "
                + "license (duplicates: \(rule.rawValue); \(products.map(\.rawValue).sorted().joined(separator: ", "))); "
                + "SESSION PEAK counts every session.\n"
        }
        return text
    }

    public static func json(_ report: UsageReport, by period: UsagePeriod?) -> [UInt8] {
        var out = JSONWriter()
        out.raw("{\"by\": ")
        out.optionalString(period?.rawValue)
        out.raw(", \"usage\": [")
        for (i, figures) in report.figures.enumerated() {
            out.raw(i == 0 ? "\n  {" : ",\n  {")
            out.raw("\"product\": ")
            out.string(figures.product.rawValue)
            out.raw(", \"from\": ")
            out.string(figures.from.description)
            out.raw(", \"to\": ")
            out.string(figures.to.description)
            out.raw(", \"peak\": ")
            out.number(figures.peak)
            out.raw(", \"peakAt\": ")
            out.optionalString(figures.peakAt?.description)
            out.raw(", \"sessionPeak\": ")
            out.number(figures.sessionPeak)
            out.raw(", \"duplicates\": ")
            out.string(figures.duplicates.rawValue)
            out.raw(", \"average\": ")
            out.decimal(rounded(figures.average))
            out.raw(", \"hours\": ")
            out.decimal(rounded(figures.hours))
            out.raw(", \"sessions\": ")
            out.number(figures.sessions)
            out.raw(", \"users\": ")
            out.number(figures.users)
            out.raw(", \"denials\": ")
            out.number(figures.denials)
            out.raw(", \"owned\": ")
            out.optionalNumber(figures.owned)
            out.raw(", \"served\": ")
            out.optionalNumber(figures.served)
            out.raw("}")
        }
        out.raw(report.figures.isEmpty ? "]}\n" : "\n]}\n")
        return out.bytes
    }

    public static let csvHeader = [
        "product", "from", "to", "peak", "peakAt", "average", "hours", "sessions", "users", "denials", "owned",
        "served", "sessionPeak", "duplicates",
    ]

    public static func csv(_ report: UsageReport) -> String {
        var lines = [csvHeader.joined(separator: ",")]
        for figures in report.figures {
            let cells = [
                figures.product.rawValue, figures.from.description, figures.to.description, String(figures.peak),
                figures.peakAt?.description ?? "", JSONWriter.decimalText(rounded(figures.average)),
                JSONWriter.decimalText(rounded(figures.hours)), String(figures.sessions), String(figures.users),
                String(figures.denials), figures.owned.map(String.init) ?? "unlimited",
                figures.served.map(String.init) ?? "", String(figures.sessionPeak), figures.duplicates.rawValue,
            ]
            lines.append(cells.map(PositionCSV.field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Two decimals, for figures people read.
    static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    /// Two decimals, without grouping: `88.78`.
    private static func decimal(_ value: Double) -> String {
        PositionTable.money(value).replacingOccurrences(of: ",", with: "")
    }
}
