import TallyCore

/// License-server pools beside the entitlements of their products: what servers serve against what was bought.
public enum PoolOutput {
    /// One line of the comparison: an entitlement or a pool of a product.
    public struct Line: Sendable, Equatable {
        public var product: Product.ID
        /// `entitlement` or `pool`.
        public var kind: String
        /// The entitlement's id, or the pool's server.
        public var name: String
        public var feature: String?
        public var version: String?
        /// The entitlement's quantity (nil: unlimited) or the pool's issued licenses (nil: not shown).
        public var quantity: Int?
        public var inUse: Int?
        public var start: Day?
        /// The entitlement's end, or the pool's expiry; nil for open or permanent.
        public var end: Day?
        /// What needs the license manager's eye: expired, expiring soon, serving more than owned.
        public var note: String
    }

    /// For each product with a pool (or each of `products`), its own entitlements and its pools, with notes as of
    /// `today`: a pool expired or expiring within 30 days, an entitlement ending within 30 days, and servers issuing
    /// more or fewer licenses than the product's active entitlements hold.
    public static func lines(_ estate: Estate, pools: [ServerPool], products: Set<Product.ID>?, today: Day) -> [Line] {
        let shown = products ?? Set(pools.map(\.product))
        var result: [Line] = []
        for product in shown.sorted(by: { $0.rawValue < $1.rawValue }) {
            let entitlements = estate.entitlements.filter { $0.product == product }
            let served = pools.filter { $0.product == product }
            var owned: Int? = 0
            for entitlement in entitlements where entitlement.isActive(on: today) {
                owned = entitlement.unlimited ? nil : owned.map { $0 + (entitlement.quantity ?? 0) }
            }
            for entitlement in entitlements {
                result.append(
                    Line(
                        product: product, kind: "entitlement", name: entitlement.id.rawValue, feature: nil,
                        version: entitlement.version?.description,
                        quantity: entitlement.unlimited ? nil : entitlement.quantity, inUse: nil,
                        start: entitlement.start, end: entitlement.end,
                        note: entitlement.isActive(on: today) ? ending(entitlement.end, today, "ends") : "not active"))
            }
            for pool in served {
                result.append(
                    Line(
                        product: product, kind: "pool", name: pool.server, feature: pool.feature,
                        version: pool.version, quantity: pool.issued, inUse: pool.inUse, start: nil,
                        end: pool.expires,
                        note: pool.serves(on: today)
                            ? ending(pool.expires, today, "expires") : "expired: serves nothing"))
            }
            // A pool whose license expired serves nothing: it is not compared with what was bought.
            let serving = served.filter { $0.serves(on: today) }
            let issued = serving.compactMap(\.issued).reduce(0, +)
            if let owned, !served.isEmpty, serving.allSatisfy({ $0.issued != nil }), issued != owned {
                result[result.count - 1].note +=
                    (result[result.count - 1].note.isEmpty ? "" : "; ")
                    + "servers issue \(issued), entitlements hold \(owned)"
            }
        }
        return result
    }

    private static func ending(_ end: Day?, _ today: Day, _ verb: String) -> String {
        guard let end else { return "" }
        let days = Int(end.daysSinceEpoch - today.daysSinceEpoch)
        if days < 0 { return verb == "ends" ? "ended" : "expired" }
        return days <= 30 ? "\(verb) in \(days) days" : ""
    }

    public static func table(_ lines: [Line]) -> String {
        guard !lines.isEmpty else { return "No license-server pools recorded: import `lmstat` or `rlmstat` reports.\n" }
        var table = TextTable(
            [
                "PRODUCT", "KIND", "ENTITLEMENT / SERVER", "FEATURE", "VERSION", "QUANTITY", "IN USE", "START",
                "END / EXPIRES", "NOTE",
            ], right: [5, 6])
        for line in lines {
            table.append([
                line.product.rawValue, line.kind, line.name, line.feature ?? "", line.version ?? "",
                line.quantity.map(String.init) ?? (line.kind == "entitlement" ? "unlimited" : "-"),
                line.inUse.map(String.init) ?? "", line.start?.description ?? "",
                line.end?.description ?? (line.kind == "pool" ? "permanent" : "open"), line.note,
            ])
        }
        return table.render()
    }

    public static func json(_ lines: [Line]) -> [UInt8] {
        var out = JSONWriter()
        out.raw("{\"pools\": [")
        for (i, line) in lines.enumerated() {
            out.raw(i == 0 ? "\n  {\"product\": " : ",\n  {\"product\": ")
            out.string(line.product.rawValue)
            out.raw(", \"kind\": ")
            out.string(line.kind)
            out.raw(", \"name\": ")
            out.string(line.name)
            out.raw(", \"feature\": ")
            out.optionalString(line.feature)
            out.raw(", \"version\": ")
            out.optionalString(line.version)
            out.raw(", \"quantity\": ")
            out.optionalNumber(line.quantity)
            out.raw(", \"inUse\": ")
            out.optionalNumber(line.inUse)
            out.raw(", \"start\": ")
            out.optionalString(line.start?.description)
            out.raw(", \"end\": ")
            out.optionalString(line.end?.description)
            out.raw(", \"note\": ")
            out.string(line.note)
            out.raw("}")
        }
        out.raw(lines.isEmpty ? "]}\n" : "\n]}\n")
        return out.bytes
    }

    public static func csv(_ lines: [Line]) -> String {
        var rows = ["product,kind,name,feature,version,quantity,inUse,start,end,note"]
        for line in lines {
            rows.append(
                [
                    line.product.rawValue, line.kind, line.name, line.feature ?? "", line.version ?? "",
                    line.quantity.map(String.init) ?? "", line.inUse.map(String.init) ?? "",
                    line.start?.description ?? "", line.end?.description ?? "", line.note,
                ].map(PositionCSV.field).joined(separator: ","))
        }
        return rows.joined(separator: "\r\n") + "\r\n"
    }
}
