import TallyCore

/// Denials grouped by product and reason, as a terminal table, JSON or CSV.
public enum DenialOutput {
    public static func table(_ groups: [DenialGroup]) -> String {
        guard !groups.isEmpty else { return "No denials in this period.\n" }
        var table = TextTable(
            ["PRODUCT", "DENIALS", "USERS", "HOSTS", "FIRST", "LAST", "REASON", "MOST REFUSED"], right: [1, 2, 3])
        for group in groups {
            table.append([
                group.product.rawValue, String(group.count), String(group.users.count), String(group.hosts),
                group.first.description, group.last.description, group.reason ?? "(none given)",
                group.users.prefix(3).map { "\($0.user) (\($0.count))" }.joined(separator: ", "),
            ])
        }
        return table.render()
    }

    public static func json(_ groups: [DenialGroup]) -> [UInt8] {
        var out = JSONWriter()
        out.raw("{\"denials\": [")
        for (i, group) in groups.enumerated() {
            out.raw(i == 0 ? "\n  {" : ",\n  {")
            out.raw("\"product\": ")
            out.string(group.product.rawValue)
            out.raw(", \"reason\": ")
            out.optionalString(group.reason)
            out.raw(", \"count\": ")
            out.number(group.count)
            out.raw(", \"hosts\": ")
            out.number(group.hosts)
            out.raw(", \"first\": ")
            out.string(group.first.description)
            out.raw(", \"last\": ")
            out.string(group.last.description)
            out.raw(", \"users\": [")
            for (j, user) in group.users.enumerated() {
                out.raw(j == 0 ? "{\"user\": " : ", {\"user\": ")
                out.string(user.user)
                out.raw(", \"count\": ")
                out.number(user.count)
                out.raw("}")
            }
            out.raw("]}")
        }
        out.raw(groups.isEmpty ? "]}\n" : "\n]}\n")
        return out.bytes
    }

    public static func csv(_ groups: [DenialGroup]) -> String {
        var lines = ["product,reason,count,users,hosts,first,last,mostRefused"]
        for group in groups {
            let cells = [
                group.product.rawValue, group.reason ?? "", String(group.count), String(group.users.count),
                String(group.hosts), group.first.description, group.last.description,
                group.users.prefix(3).map { "\($0.user) (\($0.count))" }.joined(separator: "; "),
            ]
            lines.append(cells.map(PositionCSV.field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
