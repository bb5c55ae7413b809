import TallyCore
import TallyFormats
import TallyStore

/// The records of an audit pack as CSV, one file per kind, columns named as the estate format names the fields.
extension AuditEvidence {
    func positionsCSV() -> [UInt8] {
        var csv = CSVWriter(header: [
            "product", "publisher", "name", "metric", "license", "demand", "covered", "shortfall", "supply",
            "surplus", "unitPrice", "exposure", "surplusValue", "status", "note",
        ])
        let licenses = Dictionary(products.map { ($0.id, $0.license) }, uniquingKeysWith: { a, _ in a })
        for position in positions {
            csv.row([
                position.product.rawValue, position.publisher ?? "", position.name ?? "", position.metric.rawValue,
                licenses[position.product].map(Self.terms) ?? "", String(position.demand), String(position.covered),
                String(position.shortfall), position.supply.map(String.init) ?? "unlimited", String(position.surplus),
                Self.amount(position.price), Self.amount(position.exposure), Self.amount(position.surplusValue),
                position.status.rawValue, position.why ?? "",
            ])
        }
        return csv.bytes
    }

    func consumersCSV() -> [UInt8] {
        var csv = CSVWriter(header: [
            "product", "consumer", "units", "covered", "allocations", "shortfall", "department", "departmentName",
            "why",
        ])
        let consumers = reconciliation.consumers
        for position in positions {
            consumers.forEach(in: consumers.indices(of: position.product)) { consumer in
                csv.row([
                    consumer.product.rawValue, consumer.key, String(consumer.units),
                    String(consumer.units - consumer.shortfall),
                    consumer.allocated.map { "\($0.entitlement.rawValue)=\($0.units)" }.joined(separator: "; "),
                    String(consumer.shortfall), consumer.department?.rawValue ?? "",
                    consumer.department.flatMap { departments[$0]?.name } ?? "", consumer.why,
                ])
            }
        }
        return csv.bytes
    }

    func entitlementsCSV() -> [UInt8] {
        var csv = CSVWriter(header: [
            "id", "product", "covers", "active", "quantity", "unlimited", "used", "unused", "version", "downgrade",
            "start", "end", "scope", "unitCost", "currency", "costPeriod", "softwareAssurance", "vendor", "contract",
            "purchaseOrder", "notes",
        ])
        let uses = Dictionary(reconciliation.entitlements.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for item in entitlements {
            let use = uses[item.id]
            csv.row([
                item.id.rawValue, item.product.rawValue, item.covers.map(\.rawValue).joined(separator: " "),
                Self.flag(use?.active ?? item.isActive(on: asOf)),
                item.unlimited ? "" : item.quantity.map(String.init) ?? "",
                Self.flag(item.unlimited), use.map { String($0.used) } ?? "", use.map { String($0.unused) } ?? "",
                item.version?.text ?? "", Self.flag(item.downgrade), Self.day(item.start), Self.day(item.end),
                item.scope?.rawValue ?? "", Self.amount(item.unitCost), item.currency ?? currency ?? "",
                item.costPeriod.rawValue, Self.flag(item.softwareAssurance), item.vendor ?? "", item.contract ?? "",
                item.purchaseOrder ?? "", item.notes ?? "",
            ])
        }
        return csv.bytes
    }

    func contractsCSV() -> [UInt8] {
        var csv = CSVWriter(header: [
            "id", "vendor", "number", "start", "end", "renewal", "noticeDays", "noticeDeadline", "autoRenew", "owner",
            "notes", "entitlements", "documents",
        ])
        for contract in contracts {
            let entitlements = entitlements.filter { $0.contract == contract.id.rawValue }.map(\.id.rawValue)
            let documents = documents.filter { $0.record.contract == contract.id }.map(\.path)
            csv.row([
                contract.id.rawValue, contract.vendor ?? "", contract.number ?? "", Self.day(contract.start),
                Self.day(contract.end), Self.day(contract.renewal), contract.noticeDays.map(String.init) ?? "",
                Self.day(contract.noticeDeadline), Self.flag(contract.autoRenew), contract.owner ?? "",
                contract.notes ?? "", entitlements.joined(separator: " "), documents.joined(separator: " "),
            ])
        }
        return csv.bytes
    }

    func documentsCSV() -> [UInt8] {
        var csv = CSVWriter(header: ["contract", "name", "file", "sha256", "size", "added", "addedBy"])
        for document in documents {
            let record = document.record
            csv.row([
                record.contract.rawValue, record.name, document.path, record.sha256, String(record.size),
                record.added.description, record.actor,
            ])
        }
        return csv.bytes
    }

    func evidenceCSV() -> [UInt8] {
        var csv = CSVWriter(
            header: [
                "device", "product", "version", "installed", "removed", "lastUsed", "firstSeen", "lastSeen",
                "installedOnAsOf", "source",
            ] + Self.batchColumns)
        let batches = batchesByID
        for item in installations {
            let installation = item.installation
            csv.row(
                [
                    installation.device.rawValue, installation.product.rawValue, installation.version?.text ?? "",
                    Self.day(installation.installed), Self.day(installation.removed), Self.day(installation.lastUsed),
                    Self.day(item.firstSeen), Self.day(installation.lastSeen),
                    Self.flag(installation.isInstalled(on: asOf)), installation.source ?? "",
                ] + Self.batchCells(item.batch, batches))
        }
        return csv.bytes
    }

    func usageCSV() -> [UInt8] {
        var csv = CSVWriter(
            header: ["product", "user", "host", "start", "end", "count", "feature", "source"] + Self.batchColumns)
        let batches = batchesByID
        for item in sessions {
            let session = item.session
            csv.row(
                [
                    session.product.rawValue, session.user ?? "", session.host ?? "", session.start.description,
                    session.end?.description ?? "", String(session.count), session.feature ?? "", session.source ?? "",
                ] + Self.batchCells(item.batch, batches))
        }
        return csv.bytes
    }

    func importsCSV() -> [UInt8] {
        var csv = CSVWriter(header: [
            "batch", "file", "sha256", "importedAt", "importedBy", "mode", "origin", "inserted", "updated",
            "unchanged", "removed",
        ])
        for batch in batches {
            csv.row([
                String(batch.id), batch.source, batch.digest, batch.at, batch.actor, batch.mode, batch.origin ?? "",
                String(batch.counts.inserted), String(batch.counts.updated), String(batch.counts.unchanged),
                String(batch.counts.removed),
            ])
        }
        return csv.bytes
    }

    /// A product's license model in words: `Metric: processor; Core factor: 0.5`.
    static func terms(_ license: License) -> String {
        LicenseTerms.describe(license).map { "\($0.name): \($0.value)" }.joined(separator: "; ")
    }

    private var batchesByID: [Int64: ImportBatch] {
        Dictionary(batches.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The columns that name the import a record came from.
    private static let batchColumns = ["batch", "file", "sha256", "importedAt", "importedBy"]

    private static func batchCells(_ id: Int64?, _ batches: [Int64: ImportBatch]) -> [String] {
        guard let id else { return ["", "", "", "", ""] }
        guard let batch = batches[id] else { return [String(id), "", "", "", ""] }
        return [String(id), batch.source, batch.digest, batch.at, batch.actor]
    }

    private static func day(_ day: Day?) -> String { day?.description ?? "" }

    private static func flag(_ value: Bool) -> String { String(value) }

    /// An amount as a plain number (`13748`, `0.5`); empty where there is none.
    static func amount(_ value: Double?) -> String { value.map(JSONWriter.decimalText) ?? "" }
}
