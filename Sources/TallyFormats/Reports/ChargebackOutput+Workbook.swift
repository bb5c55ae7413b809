import TallyCore

/// The chargeback as a workbook for a finance team: "By department" (the rows, the total, then the notes that
/// explain them) and "Detail" (department by product by entitlement), amounts as money cells rounded to cents.
extension ChargebackOutput {
    public static func workbook(_ report: ChargebackReport) -> Workbook {
        var rows: [[Workbook.Cell]] = [
            ["Department", "Name", "Cost center", "Parent", "One-off", "Recurring", "Total", "Units"].map { .text($0) }
        ]
        for row in report.rows + [report.total] {
            rows.append([
                .text(row.label), text(row.name), text(row.costCenter), text(row.parent?.rawValue),
                .money(Money.cents(row.oneOff)), .money(Money.cents(row.recurring)), .money(Money.cents(row.total)),
                .number(Double(row.units)),
            ])
        }
        rows.append([])
        rows.append([.text("Period"), .text("\(report.period) (\(report.period.first) to \(report.period.last))")])
        rows.append([.text("Position of"), .text(report.positionDay.description)])
        rows.append([.text("Currency"), text(report.currency)])
        for rate in report.rates { rows.append([.text("Rate"), .text(rate.described(into: report.currency))]) }
        if report.rollup { rows.append([.text("Departments"), .text("rolled up into their top-level department")]) }
        if !report.undated.isEmpty {
            rows.append([
                .text("Undated one-off purchases, not charged"),
                .text(report.undated.map(\.entitlement.rawValue).joined(separator: ", ")),
                .empty, .empty, .money(Money.cents(report.undatedTotal)),
            ])
        }
        if !report.unconverted.isEmpty {
            rows.append([
                .text("Not charged, no rate"),
                .text(report.unconverted.map(\.entitlement.rawValue).joined(separator: ", ")),
            ])
        }
        rows.append([.text("Rounding"), .text(notes(report).last ?? "")])

        var detail: [[Workbook.Cell]] = [
            ["Department", "Product", "Entitlement", "Cost type", "Units", "Cost"].map { .text($0) }
        ]
        for item in report.details {
            detail.append([
                .text(item.payer.label), .text(item.product.rawValue), .text(item.entitlement.rawValue),
                .text(costType(item.recurring)), .number(Double(item.units)), .money(Money.cents(item.cost)),
            ])
        }
        return Workbook(sheets: [
            Workbook.Sheet(name: "By department", rows: rows, columnWidths: [18, 28, 12, 14, 14, 14, 14, 8]),
            Workbook.Sheet(name: "Detail", rows: detail, columnWidths: [18, 24, 20, 11, 8, 14]),
        ])
    }

    /// The workbook as the bytes of an .xlsx file.
    public static func xlsx(_ report: ChargebackReport) throws(FormatError) -> [UInt8] {
        try workbook(report).xlsx()
    }

    private static func text(_ value: String?) -> Workbook.Cell { value.map { .text($0) } ?? .empty }
}
