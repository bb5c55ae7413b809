import TallyCore
import TallyFormats
import TallyStore

/// Contracts as the terminal shows them.
enum ContractOutput {
    static func table(_ contracts: [Contract]) -> String {
        guard !contracts.isEmpty else { return "No contract recorded yet: `tally contract add ID --vendor ...`.\n" }
        var table = TextTable(["ID", "VENDOR", "NUMBER", "RENEWS", "NOTICE BY", "AUTO-RENEW", "OWNER"], right: [])
        for contract in contracts {
            table.append([
                contract.id.rawValue, contract.vendor ?? "", contract.number ?? "",
                contract.renewsOn?.description ?? "", contract.noticeDeadline?.description ?? "",
                contract.autoRenew ? "yes" : "no", contract.owner ?? "",
            ])
        }
        return table.render()
    }

    static func text(_ contract: Contract, entitlements: [Entitlement], documents: [ContractDocument]) -> String {
        let facts: [(String, String?)] = [
            ("Vendor", contract.vendor), ("Number", contract.number), ("Start", contract.start?.description),
            ("End", contract.end?.description), ("Renews", contract.renewsOn?.description),
            ("Notice period", contract.noticeDays.map { "\($0) days" }),
            ("Notice by", contract.noticeDeadline?.description),
            ("Renews by itself", contract.autoRenew ? "yes" : "no"),
            ("Owner", contract.owner), ("Notes", contract.notes),
        ]
        var out = "Contract \(contract.id)\n"
        for (name, value) in facts { if let value { out += "  \(name): \(value)\n" } }
        out += "\nEntitlements (\(entitlements.count)):\n"
        if entitlements.isEmpty {
            out += "  none: an entitlement joins it with `tally entitlement edit ID --contract \(contract.id)`\n"
        } else {
            var table = TextTable(["ID", "PRODUCT", "UNITS", "END", "UNIT COST", "PERIOD"], right: [2, 4])
            for item in entitlements {
                table.append([
                    item.id.rawValue, item.product.rawValue,
                    item.unlimited ? "unlimited" : item.quantity.map(PositionTable.grouped) ?? "",
                    item.end?.description ?? "", item.unitCost.map(PositionTable.money) ?? "", item.costPeriod.rawValue,
                ])
            }
            out += table.render()
        }
        out += "\nDocuments (\(documents.count)):\n"
        if documents.isEmpty {
            out += "  none: attach one with `tally contract attach \(contract.id) FILE`\n"
        } else {
            var table = TextTable(["#", "NAME", "BYTES", "ADDED", "BY", "SHA-256"], right: [0, 2])
            for document in documents {
                table.append([
                    String(document.id), document.name, PositionTable.grouped(document.size),
                    document.added.description, document.actor, document.sha256,
                ])
            }
            out += table.render()
        }
        return out
    }
}
