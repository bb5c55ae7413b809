import TallyCore

/// Renewals as a terminal table, JSON or CSV, each with its advice in words:
/// `intellij ends 2026-12-21: 57 owned, 49 used - renew 49, save 6,392.00 EUR a year`.
public enum RenewalOutput {
    public static func table(_ renewals: [Renewal], currency: String?, within days: Int) -> String {
        guard !renewals.isEmpty else { return "Nothing ends or renews in the next \(days) days.\n" }
        var table = TextTable(
            ["ENDS", "NOTICE BY", "WHAT", "ID", "PRODUCT", "USED/OWNED", "A YEAR", "ADVICE"], right: [6])
        for renewal in renewals {
            table.append([
                renewal.ends.description, notice(renewal), renewal.kind.rawValue, renewal.id,
                renewal.product?.rawValue ?? renewal.vendor ?? "", usage(renewal),
                renewal.annualCost.map { PositionTable.money($0) } ?? "-", advice(renewal, currency: currency),
            ])
        }
        return table.render()
    }

    public static func json(_ renewals: [Renewal], currency: String?, within days: Int) -> [UInt8] {
        var out = JSONWriter()
        out.raw("{\"within\": ")
        out.number(days)
        out.raw(", \"currency\": ")
        out.optionalString(currency)
        out.raw(", \"renewals\": [")
        for (i, renewal) in renewals.enumerated() {
            out.raw(i == 0 ? "\n  " : ",\n  ")
            out.raw(
                JSONWriter.object([
                    ("kind", .string(renewal.kind.rawValue)), ("id", .string(renewal.id)),
                    ("product", .string(renewal.product?.rawValue)), ("vendor", .string(renewal.vendor)),
                    ("contract", .string(renewal.contract)), ("ends", .string(renewal.ends.description)),
                    ("noticeDeadline", .string(renewal.noticeDeadline?.description)),
                    ("noticePassed", .bool(renewal.noticePassed)), ("autoRenew", .bool(renewal.autoRenew)),
                    ("annualCost", renewal.annualCost.map { .decimal($0) } ?? .string(nil)),
                    ("owned", renewal.owned.map { .int($0) } ?? .string(nil)), ("used", .int(renewal.used)),
                    ("advice", .string(renewal.advice.rawValue)),
                    ("renewUnits", renewal.renewUnits.map { .int($0) } ?? .string(nil)),
                    ("saving", renewal.saving.map { .decimal($0) } ?? .string(nil)),
                    ("text", .string(sentence(renewal, currency: currency))),
                ]))
        }
        out.raw(renewals.isEmpty ? "]}\n" : "\n]}\n")
        return out.bytes
    }

    public static func csv(_ renewals: [Renewal], currency: String?) -> String {
        var lines = [
            "kind,id,product,vendor,contract,ends,noticeDeadline,noticePassed,autoRenew,annualCost,owned,used,advice,"
                + "renewUnits,saving"
        ]
        for renewal in renewals {
            let optional: [String?] = [
                renewal.product?.rawValue, renewal.vendor, renewal.contract, renewal.noticeDeadline?.description,
                renewal.annualCost.map(format2), renewal.owned.map(String.init), renewal.renewUnits.map(String.init),
                renewal.saving.map(format2),
            ]
            let text = optional.map { $0 ?? "" }
            let cells: [String] = [
                renewal.kind.rawValue, renewal.id, text[0], text[1], text[2], renewal.ends.description, text[3],
                String(renewal.noticePassed), String(renewal.autoRenew), text[4], text[5], String(renewal.used),
                renewal.advice.rawValue, text[6], text[7],
            ]
            lines.append(cells.map(PositionCSV.field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The renewal in one sentence: what ends when, its use, and the advice with its money.
    public static func sentence(_ renewal: Renewal, currency: String?) -> String {
        let what = renewal.product.map { "\($0.rawValue) (\(renewal.id))" } ?? "contract \(renewal.id)"
        let notice =
            renewal.noticeDeadline.map { day in
                renewal.noticePassed ? " (notice was due \(day))" : " (notice by \(day))"
            } ?? ""
        return
            "\(what) \(renewal.autoRenew ? "renews" : "ends") \(renewal.ends)\(notice): \(usage(renewal, words: true))"
            + " - " + advice(renewal, currency: currency)
    }

    /// The advice with its money: `renew 49, save 6,392.00 EUR a year`.
    public static func advice(_ renewal: Renewal, currency: String?) -> String {
        let money = { (value: Double) in PositionTable.money(value, currency) }
        switch renewal.advice {
        case .renew:
            return "renew as is"
        case .lapse:
            return "let it lapse (unused)" + (renewal.saving.map { ", save \(money($0)) a year" } ?? "")
        case .renewFewer:
            let units = renewal.renewUnits.map { "renew \($0)" } ?? "renew fewer"
            return units + (renewal.saving.map { ", save \(money($0)) a year" } ?? "")
        case .renewMore:
            let units = renewal.renewUnits.map { "renew \($0)" } ?? "renew more"
            return units + " (short now)" + (renewal.saving.map { ", \(money(-$0)) more a year" } ?? "")
        }
    }

    private static func notice(_ renewal: Renewal) -> String {
        guard let day = renewal.noticeDeadline else { return "-" }
        return day.description + (renewal.noticePassed ? " PASSED" : "")
    }

    private static func usage(_ renewal: Renewal, words: Bool = false) -> String {
        let owned = renewal.owned.map { PositionTable.grouped($0) } ?? "unlimited"
        return words
            ? "\(owned) owned, \(PositionTable.grouped(renewal.used)) used"
            : "\(PositionTable.grouped(renewal.used))/\(owned)"
    }

    /// An amount with two decimals and no grouping, as CSV cells carry numbers.
    private static func format2(_ value: Double) -> String {
        PositionTable.money(value).replacingOccurrences(of: ",", with: "")
    }
}
