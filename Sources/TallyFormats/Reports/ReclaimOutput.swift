import TallyCore

/// A reclaim report as a terminal table, the CSV a service desk works from, or JSON.
public enum ReclaimOutput {
    public static func table(_ report: ReclaimReport, unusedDays: Int) -> String {
        var out: [String] = []
        if report.lines.isEmpty {
            out.append("Nothing to take back: every installation was used in the last \(unusedDays) days.")
        } else {
            var table = TextTable(
                ["PRODUCT", "DEVICE", "USER", "LAST USE", "REASON", "FREES", "VALUE"], right: [5, 6])
            for line in report.lines {
                table.append([
                    line.product.rawValue, line.device?.rawValue ?? "-", line.person?.rawValue ?? "-",
                    line.lastUse?.description ?? "-", line.detail, String(line.freed),
                    line.value.map(PositionTable.money) ?? "-",
                ])
            }
            out.append(table.render().dropLast().description)
        }
        let seenAgain = report.taken.filter { $0.seenAgain != nil }
        for item in seenAgain {
            out.append(
                "FLAGGED \(item.mark.product) on \(item.mark.device): taken back \(item.mark.day), "
                    + "seen again by inventory \(item.seenAgain?.description ?? "")")
        }
        if !report.effects.isEmpty {
            out.append("")
            out.append("Once reclaimed:")
            for effect in report.effects { out.append("  " + effect.sentence) }
        }
        let money = PositionTable.money(report.totalValue, report.currency)
        out.append("")
        out.append(
            "\(report.lines.count) to take back (unused since \(report.since)), freeing \(report.freedText) units "
                + "worth \(money); \(report.taken.count) taken back already, \(seenAgain.count) seen again.")
        return out.joined(separator: "\n") + "\n"
    }

    /// One row per line, with what a service desk needs to act: device, user, product, last use and reason.
    public static func csv(_ report: ReclaimReport) -> String {
        var csv = CSVWriter(header: [
            "device", "user", "product", "version", "lastUse", "reason", "detail", "freed", "value",
        ])
        for line in report.lines {
            csv.row([
                line.device?.rawValue ?? "", line.person?.rawValue ?? "", line.product.rawValue, line.version ?? "",
                line.lastUse?.description ?? "", line.reason.rawValue, line.detail, String(line.freed),
                line.value.map { JSONWriter.decimalText($0) } ?? "",
            ])
        }
        return csv.text
    }

    public static func json(_ report: ReclaimReport) -> [UInt8] {
        var out = JSONWriter()
        out.raw("{\"asOf\": ")
        out.string(report.asOf.description)
        out.raw(", \"since\": ")
        out.string(report.since.description)
        out.raw(", \"currency\": ")
        out.optionalString(report.currency)
        out.raw(", \"freed\": ")
        out.raw(JSONWriter.object(report.freed.map { (key: $0.metric.rawValue, value: JSONValue.int($0.units)) }))
        out.raw(", \"value\": ")
        out.decimal(report.totalValue)
        out.raw(",\n\"lines\": [")
        for (i, line) in report.lines.enumerated() {
            out.raw(i == 0 ? "\n  " : ",\n  ")
            out.raw(
                JSONWriter.object([
                    ("product", .string(line.product.rawValue)), ("device", .string(line.device?.rawValue)),
                    ("user", .string(line.person?.rawValue)), ("version", .string(line.version)),
                    ("lastUse", .string(line.lastUse?.description)), ("reason", .string(line.reason.rawValue)),
                    ("detail", .string(line.detail)), ("freed", .int(line.freed)),
                    ("value", line.value.map { .decimal($0) } ?? .string(nil)),
                ]))
        }
        out.raw("],\n\"effects\": [")
        for (i, effect) in report.effects.enumerated() {
            out.raw(i == 0 ? "\n  " : ",\n  ")
            out.raw(
                JSONWriter.object([
                    ("product", .string(effect.product.rawValue)), ("freed", .int(effect.freed)),
                    ("shortfallBefore", .int(effect.shortfallBefore)), ("shortfallAfter", .int(effect.shortfallAfter)),
                    ("surplusBefore", .int(effect.surplusBefore)), ("surplusAfter", .int(effect.surplusAfter)),
                    ("text", .string(effect.sentence)),
                ]))
        }
        out.raw("],\n\"takenBack\": [")
        for (i, item) in report.taken.enumerated() {
            out.raw(i == 0 ? "\n  " : ",\n  ")
            out.raw(
                JSONWriter.object([
                    ("device", .string(item.mark.device.rawValue)), ("product", .string(item.mark.product.rawValue)),
                    ("day", .string(item.mark.day.description)), ("by", .string(item.mark.actor)),
                    ("note", .string(item.mark.note)), ("seenAgain", .string(item.seenAgain?.description)),
                ]))
        }
        out.raw("]}\n")
        return out.bytes
    }
}
