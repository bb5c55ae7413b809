import TallyCore

/// Raw titles no catalog rule recognises, as a terminal table, JSON or CSV.
public enum CatalogOutput {
    /// One unrecognised title: its publisher, name, how many versions and devices.
    public typealias Title = (publisher: String?, name: String, versions: Int, devices: Int)

    public static func table(_ titles: [Title]) -> String {
        guard !titles.isEmpty else { return "Every stored raw title is recognised or ignored by the catalog.\n" }
        var table = TextTable(["DEVICES", "VERSIONS", "PUBLISHER", "NAME"], right: [0, 1])
        for title in titles {
            table.append([String(title.devices), String(title.versions), title.publisher ?? "", title.name])
        }
        return table.render()
            + "Add a rule with `tally catalog add-rule --name PATTERN --product ID` (or --ignore free), then "
            + "`tally catalog apply`.\n"
    }

    public static func json(_ titles: [Title]) -> [UInt8] {
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
            out.raw("}")
        }
        out.raw(titles.isEmpty ? "]}\n" : "\n]}\n")
        return out.bytes
    }

    public static func csv(_ titles: [Title]) -> String {
        var lines = ["devices,versions,publisher,name"]
        for title in titles {
            lines.append(
                [String(title.devices), String(title.versions), title.publisher ?? "", title.name]
                    .map(PositionCSV.field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
