import TallyCore

/// A chargeback as a terminal table, CSV (the rows by department, or the detail), JSON, or a workbook. Money is
/// rounded to cents here, as it is written; the report keeps it unrounded, so that the total row is the rounded sum
/// of the unrounded figures.
public enum ChargebackOutput {
    /// The columns of the CSV by department, as its header names them.
    public static let header = ["department", "name", "costCenter", "parent", "oneOff", "recurring", "total", "units"]
    /// The columns of the detail CSV.
    public static let detailHeader = ["department", "product", "entitlement", "costType", "units", "cost"]

    /// The rows by department, then the total, and the notes that explain them; with `detail`, the detail too.
    public static func table(_ report: ChargebackReport, detail: Bool = false) -> String {
        let currency = report.currency.map { " (\($0))" } ?? ""
        var table = TextTable(
            [
                "DEPARTMENT", "NAME", "COST CENTER", "PARENT", "ONE-OFF" + currency, "RECURRING" + currency,
                "TOTAL" + currency, "UNITS",
            ],
            right: [4, 5, 6, 7])
        for row in report.rows + [report.total] {
            table.append([
                row.payer == nil ? "TOTAL" : row.label, row.name ?? "", row.costCenter ?? "",
                row.parent?.rawValue ?? "", PositionTable.money(row.oneOff), PositionTable.money(row.recurring),
                PositionTable.money(row.total), PositionTable.grouped(row.units),
            ])
        }
        var out = [heading(report), "", table.render()]
        if detail {
            var lines = TextTable(
                ["DEPARTMENT", "PRODUCT", "ENTITLEMENT", "COST", "UNITS", "AMOUNT" + currency], right: [4, 5])
            for item in report.details {
                lines.append([
                    item.payer.label, item.product.rawValue, item.entitlement.rawValue, costType(item.recurring),
                    PositionTable.grouped(item.units), PositionTable.money(item.cost),
                ])
            }
            out.append(lines.render())
        }
        out.append(notes(report).joined(separator: "\n") + "\n")
        return out.joined(separator: "\n")
    }

    /// `Chargeback for 2026 (2026-01-01 to 2026-12-31), split by the position of 2026-12-01, in EUR.`
    public static func heading(_ report: ChargebackReport) -> String {
        "Chargeback for \(report.period) (\(report.period.first) to \(report.period.last)), split by the position "
            + "of \(report.positionDay)" + (report.currency.map { ", in \($0)" } ?? "")
            + (report.rollup ? ", departments rolled up into their top-level department" : "") + "."
    }

    /// What a reader needs to trust the figures: the rates, what was left uncharged, and how money is rounded.
    public static func notes(_ report: ChargebackReport) -> [String] {
        var lines: [String] = []
        for rate in report.rates { lines.append("Converted at \(rate.described(into: report.currency)).") }
        if !report.undated.isEmpty {
            lines.append(
                "Undated one-off purchases, not charged: \(PositionTable.money(report.undatedTotal, report.currency)) ("
                    + report.undated.map(\.entitlement.rawValue).joined(separator: ", ") + ").")
        }
        if !report.unconverted.isEmpty {
            lines.append(
                "Not charged, no rate converts their currency: "
                    + report.unconverted.map { "\($0.entitlement) (\($0.currency ?? ""))" }.joined(separator: ", ")
                    + ".")
        }
        lines.append(
            "Each figure is rounded to cents; the total is the sum of the unrounded shares, so a column may differ "
                + "from it by a cent.")
        return lines
    }

    /// One row per department, then `(no department)`, `(unused)` (and `(not in force)`), then the total.
    public static func csv(_ report: ChargebackReport) -> String {
        var out = CSVWriter(header: header)
        for row in report.rows + [report.total] {
            out.row([
                row.label, row.name ?? "", row.costCenter ?? "", row.parent?.rawValue ?? "", amount(row.oneOff),
                amount(row.recurring), amount(row.total), String(row.units),
            ])
        }
        return out.text
    }

    /// One row per department, product and entitlement.
    public static func detailCSV(_ report: ChargebackReport) -> String {
        var out = CSVWriter(header: detailHeader)
        for item in report.details {
            out.row([
                item.payer.label, item.product.rawValue, item.entitlement.rawValue, costType(item.recurring),
                String(item.units), amount(item.cost),
            ])
        }
        return out.text
    }

    /// Everything the report holds: the rows, the total, the detail, each entitlement's cost with its arithmetic,
    /// and what was not charged.
    public static func json(_ report: ChargebackReport) -> [UInt8] {
        var out = JSONWriter()
        out.raw(
            "{"
                + fields([
                    ("period", .string(report.period.description)), ("from", .string(report.period.first.description)),
                    ("to", .string(report.period.last.description)),
                    ("positionDay", .string(report.positionDay.description)), ("currency", .string(report.currency)),
                    ("rollup", .bool(report.rollup)),
                ]))
        out.raw(",\n\"rates\": [")
        for (i, rate) in report.rates.enumerated() {
            out.raw(i == 0 ? "" : ", ")
            out.raw(
                JSONWriter.object([
                    ("currency", .string(rate.currency)), ("date", .string(rate.date.description)),
                    ("rate", .decimal(rate.rate)), ("text", .string(rate.described(into: report.currency))),
                ]))
        }
        out.raw("],\n\"rows\": [")
        for (i, row) in report.rows.enumerated() {
            out.raw(i == 0 ? "\n  " : ",\n  ")
            out.raw(rowJSON(row))
        }
        out.raw("],\n\"total\": ")
        out.raw(rowJSON(report.total))
        out.raw(",\n\"details\": [")
        for (i, item) in report.details.enumerated() {
            out.raw(i == 0 ? "\n  " : ",\n  ")
            out.raw(
                JSONWriter.object([
                    ("row", .string(item.payer.label)), ("department", .string(department(item.payer))),
                    ("product", .string(item.product.rawValue)), ("entitlement", .string(item.entitlement.rawValue)),
                    ("costType", .string(costType(item.recurring))), ("units", .int(item.units)),
                    ("cost", .decimal(Money.cents(item.cost))),
                ]))
        }
        out.raw("],\n\"entitlements\": [")
        for (i, cost) in report.costs.enumerated() {
            out.raw(i == 0 ? "\n  " : ",\n  ")
            out.raw(costJSON(cost, report.currency))
        }
        out.raw("],\n\"undatedOneOffs\": {\"total\": ")
        out.decimal(Money.cents(report.undatedTotal))
        out.raw(", \"entitlements\": [")
        for (i, cost) in report.undated.enumerated() {
            out.raw(i == 0 ? "\n  " : ",\n  ")
            out.raw(costJSON(cost, report.currency))
        }
        out.raw("]},\n\"unconverted\": [")
        for (i, cost) in report.unconverted.enumerated() {
            out.raw(i == 0 ? "\n  " : ",\n  ")
            out.raw(costJSON(cost, report.currency))
        }
        out.raw("]}\n")
        return out.bytes
    }

    /// How one entitlement's cost was worked out, in words and figures:
    /// `10 x 50.00 a month x 12 x 184/365 days = 3,024.66 USD; x 0.9 (rate of 2026-07-01) = 2,722.19 EUR`.
    public static func arithmetic(_ cost: ChargebackCost, currency: String?) -> String {
        let own = cost.currency.map { " " + $0 } ?? (currency.map { " " + $0 } ?? "")
        var text =
            cost.unlimited
            ? "unlimited: 1 x \(PositionTable.money(cost.unitCost))"
            : "\(cost.units) x \(PositionTable.money(cost.unitCost))"
        switch cost.costPeriod {
        case .once: text += " (one-off)"
        case .month: text += " a month x 12"
        case .year: text += " a year"
        }
        if let days = cost.days { text += " x \(days)/\(cost.daysInYear) days" }
        text += " = " + PositionTable.money(cost.amount) + own
        if let rate = cost.rate, let converted = cost.cost {
            text += "; x \(rate.rate) (rate of \(rate.date)) = " + PositionTable.money(converted, currency)
        } else if cost.currency != nil, cost.cost == nil {
            text += "; no rate converts \(cost.currency ?? "") into \(currency ?? "the estate's currency")"
        }
        return text
    }

    /// `one-off` or `recurring`.
    public static func costType(_ recurring: Bool) -> String { recurring ? "recurring" : "one-off" }

    /// An amount as CSV writes it: cents, no grouping (`1234.50`).
    public static func amount(_ value: Double) -> String {
        String(PositionTable.money(value).filter { $0 != "," })
    }

    private static func department(_ payer: ChargebackPayer) -> String? {
        if case .department(let id) = payer { return id.rawValue }
        return nil
    }

    private static func rowJSON(_ row: ChargebackRow) -> String {
        JSONWriter.object([
            ("row", .string(row.label)), ("department", .string(row.payer.flatMap(department))),
            ("name", .string(row.name)), ("costCenter", .string(row.costCenter)),
            ("parent", .string(row.parent?.rawValue)), ("oneOff", .decimal(Money.cents(row.oneOff))),
            ("recurring", .decimal(Money.cents(row.recurring))), ("total", .decimal(Money.cents(row.total))),
            ("units", .int(row.units)),
        ])
    }

    private static func costJSON(_ cost: ChargebackCost, _ currency: String?) -> String {
        JSONWriter.object([
            ("entitlement", .string(cost.entitlement.rawValue)), ("product", .string(cost.product.rawValue)),
            ("costPeriod", .string(cost.costPeriod.rawValue)), ("units", .int(cost.units)),
            ("unlimited", .bool(cost.unlimited)), ("unitCost", .decimal(cost.unitCost)),
            ("currency", .string(cost.currency ?? currency)), ("days", cost.days.map { .int($0) } ?? .string(nil)),
            ("amount", .decimal(Money.cents(cost.amount))),
            ("rate", cost.rate.map { .decimal($0.rate) } ?? .string(nil)),
            ("cost", .decimal(cost.cost.map(Money.cents))), ("inForce", .bool(cost.inForce)),
            ("arithmetic", .string(arithmetic(cost, currency: currency))),
        ])
    }

    private static func fields(_ pairs: [(key: String, value: JSONValue)]) -> String {
        String(JSONWriter.object(pairs).dropFirst().dropLast())
    }
}
