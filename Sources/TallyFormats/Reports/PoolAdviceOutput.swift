import TallyCore

/// Pool sizing advice as a terminal table, JSON or CSV, each with the advice in words:
/// `matlab: 18 owned, peak 14 (95%: 12), 0 denial(s) on 0 of 90 days - drop 4 to 14, save 8,800.00 EUR`.
public enum PoolAdviceOutput {
    public static func sentence(_ advice: PoolAdvice, currency: String?) -> String {
        let money = { (value: Double) in PositionTable.money(value, currency) }
        let head =
            "\(advice.product): \(advice.owned.map { "\($0) owned" } ?? "unlimited"), peak \(advice.maximum) "
            + "(95%: \(advice.p95)), \(advice.denials) denial(s) on \(advice.daysWithDenials) of \(advice.days) days"
        guard let change = advice.change else { return head + " - an unlimited right needs no sizing" }
        if change < 0 {
            return head + " - drop \(-change) to \(advice.advised)"
                + (advice.saving.map { ", save \(money($0))" } ?? "")
        }
        if change > 0 {
            return head + " - add \(change) to \(advice.advised)" + (advice.saving.map { ", cost \(money(-$0))" } ?? "")
        }
        return head + " - keep \(advice.advised)"
    }

    public static func table(_ advice: [PoolAdvice], currency: String?) -> String {
        guard !advice.isEmpty else { return "No concurrent product has usage in the window.\n" }
        var table = TextTable(
            [
                "PRODUCT", "DAYS", "P95", "MAX", "DENIALS", "OWNED", "ADVISED", "CHANGE",
                "SAVING" + (currency.map { " (\($0))" } ?? ""),
            ],
            right: [1, 2, 3, 4, 5, 6, 7, 8])
        for item in advice {
            table.append([
                item.product.rawValue, String(item.days), String(item.p95), String(item.maximum),
                "\(item.denials) on \(item.daysWithDenials)d", item.owned.map(String.init) ?? "unlimited",
                String(item.advised), item.change.map { $0 > 0 ? "+\($0)" : String($0) } ?? "-",
                item.saving.map(PositionTable.money) ?? "-",
            ])
        }
        let lines = advice.map { sentence($0, currency: currency) }
        return table.render() + "\n" + lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ advice: [PoolAdvice], currency: String?) -> [UInt8] {
        var out = JSONWriter()
        out.raw("{\"currency\": ")
        out.optionalString(currency)
        out.raw(", \"pools\": [")
        for (i, item) in advice.enumerated() {
            out.raw(i == 0 ? "\n  " : ",\n  ")
            out.raw(
                JSONWriter.object([
                    ("product", .string(item.product.rawValue)), ("from", .string(item.from.description)),
                    ("to", .string(item.to.description)), ("days", .int(item.days)), ("p95", .int(item.p95)),
                    ("maximum", .int(item.maximum)), ("denials", .int(item.denials)),
                    ("daysWithDenials", .int(item.daysWithDenials)),
                    ("owned", item.owned.map { .int($0) } ?? .string(nil)), ("allowedUnmet", .int(item.allowedUnmet)),
                    ("advised", .int(item.advised)), ("change", item.change.map { .int($0) } ?? .string(nil)),
                    ("price", item.price.map { .decimal($0) } ?? .string(nil)),
                    ("saving", item.saving.map { .decimal($0) } ?? .string(nil)),
                    ("text", .string(sentence(item, currency: currency))),
                ]))
        }
        out.raw(advice.isEmpty ? "]}\n" : "\n]}\n")
        return out.bytes
    }

    public static func csv(_ advice: [PoolAdvice]) -> String {
        var csv = CSVWriter(header: [
            "product", "from", "to", "days", "p95", "maximum", "denials", "daysWithDenials", "owned", "advised",
            "change", "price", "saving",
        ])
        for item in advice {
            let counts: [Int] = [item.days, item.p95, item.maximum, item.denials, item.daysWithDenials]
            let optional: [String?] = [
                item.owned.map(String.init), String(item.advised), item.change.map(String.init),
                item.price.map(JSONWriter.decimalText), item.saving.map(JSONWriter.decimalText),
            ]
            let cells: [String] =
                [item.product.rawValue, item.from.description, item.to.description] + counts.map(String.init)
                + optional.map { $0 ?? "" }
            csv.row(cells)
        }
        return csv.text
    }
}
