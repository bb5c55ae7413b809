import TallyCore

/// The review queue, raw titles no catalog rule recognises, as a terminal table, JSON or CSV: the probably
/// licensable titles first, each with its suggested product.
public enum CatalogOutput {
    public static func table(_ titles: [ReviewTitle]) -> String {
        guard !titles.isEmpty else { return "Every stored raw title is recognised or ignored by the catalog.\n" }
        var out = ""
        let licensable = titles.filter(\.probablyLicensable)
        if !licensable.isEmpty {
            var table = TextTable(
                ["DEVICES", "VERSIONS", "PUBLISHER", "NAME", "SUGGESTED PRODUCT", "ID"], right: [0, 1])
            for title in licensable {
                let suggestion = title.suggestion.map { "\($0.name) (\($0.publisher))" } ?? ""
                table.append([
                    String(title.devices), String(title.versions), title.publisher ?? "", title.name, suggestion,
                    title.suggestion?.id.rawValue ?? "",
                ])
            }
            out +=
                "Probably licensable (their publishers sell commercial software):\n" + table.render()
                + "Accept a suggestion with `tally catalog accept ID`.\n"
        }
        let others = titles.filter { !$0.probablyLicensable }
        if licensable.isEmpty {
            out += "Probably licensable: none (no title here is of a publisher known to sell commercial software).\n\n"
        }
        if !others.isEmpty {
            var table = TextTable(["DEVICES", "VERSIONS", "PUBLISHER", "NAME"], right: [0, 1])
            for title in others {
                table.append([String(title.devices), String(title.versions), title.publisher ?? "", title.name])
            }
            out += (licensable.isEmpty ? "" : "\n") + "Other unrecognised titles:\n" + table.render()
        }
        return out
            + "Add a rule with `tally catalog add-rule --name PATTERN --product ID` (or --ignore free), then "
            + "`tally catalog apply`.\n"
    }

    public static func json(_ titles: [ReviewTitle]) -> [UInt8] {
        var out = JSONWriter()
        out.raw("{\"unrecognized\": [")
        for (i, title) in titles.enumerated() {
            out.raw(i == 0 ? "\n  {\"publisher\": " : ",\n  {\"publisher\": ")
            out.optionalString(title.publisher)
            out.raw(", \"name\": ")
            out.string(title.name)
            out.raw(", \"versions\": ")
            out.number(title.versions)
            out.raw(", \"devices\": ")
            out.number(title.devices)
            out.raw(", \"probablyLicensable\": ")
            out.raw(title.probablyLicensable ? "true" : "false")
            out.raw(", \"knownPublisher\": ")
            out.optionalString(title.knownPublisher?.name)
            out.raw(", \"suggestedProduct\": ")
            if let suggestion = title.suggestion {
                out.raw(
                    JSONWriter.object([
                        "id": .string(suggestion.id.rawValue), "publisher": .string(suggestion.publisher),
                        "name": .string(suggestion.name),
                    ]))
            } else {
                out.raw("null")
            }
            out.raw("}")
        }
        out.raw(titles.isEmpty ? "]}\n" : "\n]}\n")
        return out.bytes
    }

    public static func csv(_ titles: [ReviewTitle]) -> String {
        var lines = ["devices,versions,publisher,name,probably_licensable,suggested_product"]
        for title in titles {
            lines.append(
                [
                    String(title.devices), String(title.versions), title.publisher ?? "", title.name,
                    title.probablyLicensable ? "yes" : "no", title.suggestion?.id.rawValue ?? "",
                ]
                .map(PositionCSV.field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
