import TallyCore
import TallyFormats
import TallyStore

/// The inventory files Tally reads.
public enum InventoryFormat: Sendable {
    /// GLPI agent JSON inventories.
    case glpi
    /// osquery results (`osqueryi --json`, naming its device, or osqueryd results logs).
    case osquery(device: String?)
    /// `reg export` of the Uninstall keys of one device.
    case winreg(device: String)
    /// ISO/IEC 19770-2 SWID tags found on one device, one file each.
    case swid(device: String)
    /// A spreadsheet of installations read through a column map.
    case spreadsheet(ColumnMap, dates: CellValue.DateOrder)

    /// The source, as kept on the evidence (`glpi`, `osquery`, the map's origin).
    public var source: String {
        switch self {
        case .glpi: "glpi"
        case .osquery: "osquery"
        case .winreg: "winreg"
        case .swid: "swid"
        case .spreadsheet(let columns, _): columns.origin
        }
    }
}

/// What an inventory import read and did.
public struct InventoryImport: Sendable {
    public var summary: InventorySummary
    /// Rows left out on purpose, and invalid rows skipped, each located `FILE: line 12`.
    public var skipped: [InventoryWarning]
    public var invalid: [InventoryWarning]
}

extension Operations {
    /// Reads inventory files into one report, each row located in its file (`FILE: line 12`). A file that cannot be
    /// read at all is an error naming it; rows that cannot be read are the report's invalid rows.
    public func readInventory(_ files: [Upload], as format: InventoryFormat) throws(TallyError) -> InventoryReport {
        var combined = InventoryReport()
        var tags = InventoryDevice(name: nil)
        for file in files {
            func located(_ list: [InventoryWarning]) -> [InventoryWarning] {
                list.map { InventoryWarning(location: "\(file.name): \($0.location)", reason: $0.reason) }
            }
            let report: InventoryReport
            do throws(FormatError) {
                switch format {
                case .glpi: report = try GLPIInventory.parse(file.bytes)
                case .osquery(let device): report = try OsqueryResults.parse(file.bytes, device: device)
                case .winreg(let device): report = try WindowsRegistryExport.parse(file.bytes, device: device)
                case .spreadsheet(let columns, let dates):
                    report = try SpreadsheetInventory.installations(file.bytes, columns: columns, dates: dates)
                case .swid(let device):
                    tags.name = device
                    // One tag is one row of this import: a broken one is invalid, as a bad row of a spreadsheet is.
                    let tag: SWIDTag
                    do throws(FormatError) {
                        tag = try SWIDTag.parse(file.bytes)
                    } catch {
                        combined.invalid.append(InventoryWarning(location: file.name, reason: error.description))
                        continue
                    }
                    if tag.isProduct {
                        tags.software.append(tag.software)
                    } else {
                        combined.skipped.append(
                            InventoryWarning(location: file.name, reason: "a \(tag.kind.rawValue) tag, not a product"))
                    }
                    continue
                }
            } catch {
                throw .invalid(path: file.name, reason: error.description)
            }
            combined.devices += report.devices
            combined.skipped += located(report.skipped)
            combined.invalid += located(report.invalid)
        }
        if case .swid = format { combined.devices = [tags] }
        return combined
    }

    /// Writes what inventory files said as one import batch: each device recognised among the stored ones (by
    /// serial, else short host name) or added, its details updated; its software replacing what the source saw on
    /// it before (what is gone is kept, marked removed); new raw titles read by the catalog; and the devices'
    /// installations derived again from every source's evidence. A report with invalid rows is refused unless
    /// `skipInvalid`.
    public func importInventory(
        _ report: InventoryReport, from files: [Upload], as format: InventoryFormat, skipInvalid: Bool, dryRun: Bool,
        by caller: Caller
    ) async throws(TallyError) -> InventoryImport {
        if !report.invalid.isEmpty, !skipInvalid {
            throw .invalid(
                path: files.map(\.name).joined(separator: ", "),
                reason: "\(report.invalid.count) invalid \(report.invalid.count == 1 ? "row" : "rows"); nothing was "
                    + "imported")
        }
        let catalog = try await effectiveCatalog()
        let digests = files.map(\.digest)
        let origin = ImportSource(
            name: files.map(\.name).joined(separator: ", "),
            digest: digests.count == 1 ? digests[0] : AuditChain.digest(Array(digests.joined().utf8)),
            actor: caller.name, at: now)
        let source = format.source
        let signing = signing
        let summary = try await writing(dryRun: dryRun) { writer in
            try Self.importInventory(
                report.devices, source: source, catalog: catalog, origin: origin, signing: signing, in: writer)
        }
        return InventoryImport(
            summary: dryRun ? summary.withoutBatch : summary, skipped: report.skipped, invalid: report.invalid)
    }

    static func importInventory(
        _ reported: [InventoryDevice], source: String, catalog: Normalizer, origin: ImportSource,
        signing: AuditSigning = .unkeyed, in writer: any StoreWriter
    ) throws -> InventorySummary {
        var summary = InventorySummary()
        let day = origin.at.day
        var estate = try writer.estate(asOf: day)
        let batch = try writer.openBatch(origin, mode: "inventory:" + source)
        summary.batch = batch
        let recognised = try DeviceRecognition(reported, in: &estate, day: day)
        summary.devicesAdded = recognised.added.count
        summary.devicesUpdated = recognised.updated.count
        summary.devicesUnchanged = recognised.software.count - recognised.added.count - recognised.updated.count
        var titles = TitleIndex(try writer.titles())
        // Each device's titles, once each, with the earliest install day any row gives.
        var sightings: [(device: Device.ID, titles: [Int64: Day?])] = []
        for (device, software) in recognised.software {
            var seen: [Int64: Day?] = [:]
            for item in software {
                let id = try titles.id(of: item, catalog: catalog, in: writer)
                seen[id] = [seen[id] ?? nil, item.installed].compactMap { $0 }.min()
            }
            sightings.append((device, seen))
        }
        (summary.titlesRecognized, summary.titlesIgnored, summary.titlesUnrecognized) = titles.added
        let sighted = try Self.replaceSightings(
            sightings, source: source, titles: titles, day: day, batch: batch, in: writer)
        (summary.softwareAdded, summary.softwareSeen, summary.softwareRemoved) =
            (sighted.added, sighted.seen, sighted.removed)

        let devices = recognised.software.map(\.device)
        let evidence = sighted.evidence + (try writer.evidence(on: devices, excluding: source))
        summary.productsAdded = try Self.addProducts(
            Set(evidence.map(\.product)), to: &estate, catalog: catalog, in: writer)
        summary.installations = try Self.rederive(devices, from: evidence, in: &estate, batch: batch, in: writer)
        for device in estate.devices where recognised.added.contains(device.id) { try writer.insert(device) }
        for device in estate.devices where recognised.updated.contains(device.id) { try writer.update(device) }
        try Self.check(estate)
        try writer.closeBatch(
            batch,
            counts: ImportCounts(
                inserted: summary.devicesAdded + summary.softwareAdded, updated: summary.devicesUpdated,
                unchanged: summary.devicesUnchanged + summary.softwareSeen, removed: summary.softwareRemoved),
            origin: nil)
        try signing.append(
            AuditChange(
                entity: "import", id: String(batch), action: "inventory:" + source, before: nil,
                after: JSONWriter.object([
                    "source": .string(origin.name), "digest": .string(origin.digest),
                    "devicesAdded": .int(summary.devicesAdded), "devicesUpdated": .int(summary.devicesUpdated),
                    "softwareAdded": .int(summary.softwareAdded), "softwareSeen": .int(summary.softwareSeen),
                    "softwareRemoved": .int(summary.softwareRemoved), "installations": .int(summary.installations),
                ])),
            actor: origin.actor, at: origin.at, state: EstateDigest(estate, keys: signing.digests), in: writer)
        try writer.markChanged()
        return summary
    }

    /// Makes each device's sightings by `source` what it was seen with now: titles seen again get today as their
    /// last day, titles no longer seen are marked removed today (kept as history), new titles are added. Returns
    /// the counts (added, seen again, removed) and the evidence of products the devices now hold.
    static func replaceSightings(
        _ sightings: [(device: Device.ID, titles: [Int64: Day?])], source: String, titles: TitleIndex, day: Day,
        batch: Int64, in writer: any StoreWriter
    ) throws -> (added: Int, seen: Int, removed: Int, evidence: [Evidence]) {
        let stored = try writer.currentSightings(source: source)
        var added = 0, seen = 0, removed = 0
        var new: [NewSighting] = []
        var evidence: [Evidence] = []
        for (device, deviceTitles) in sightings {
            let before = stored[device] ?? [:]
            // Gone first, so that what is still seen alone gets today as its last day.
            let gone = before.filter { deviceTitles[$0.key] == nil }.map(\.value.id)
            if !gone.isEmpty { try writer.removeSightings(gone, on: day, batch: batch) }
            removed += gone.count
            if !before.isEmpty { try writer.touchSightings(device: device, source: source, on: day, batch: batch) }
            for (title, installed) in deviceTitles {
                var firstSeen = day
                var since = installed
                if let earlier = before[title] {
                    seen += 1
                    firstSeen = earlier.firstSeen
                    since = earlier.installed ?? installed
                } else {
                    new.append(
                        NewSighting(device: device, source: source, title: title, installed: installed, day: day))
                    added += 1
                }
                if let product = titles.products[title] {
                    evidence.append(
                        Evidence(
                            device: device, product: product.product, version: product.version, source: source,
                            installed: since, firstSeen: firstSeen, lastSeen: day))
                }
            }
        }
        try writer.insertSightings(new, batch: batch)
        return (added, seen, removed, evidence)
    }

    /// Adds the products that evidence names and the store lacks, as the catalog knows them.
    static func addProducts(
        _ used: Set<Product.ID>, to estate: inout Estate, catalog: Normalizer, in writer: any StoreWriter
    ) throws -> Int {
        let known = Set(estate.products.map(\.id))
        var added = 0
        for id in used.sorted() where !known.contains(id) {
            let product = catalog.product(id) ?? Product(id: id)
            try writer.insert(product)
            estate.products.append(product)
            added += 1
        }
        return added
    }

    /// Derives the installations of `devices` afresh from their evidence, in the store and in `estate`.
    static func rederive(
        _ devices: [Device.ID], from evidence: [Evidence], in estate: inout Estate, batch: Int64,
        in writer: any StoreWriter
    ) throws -> Int {
        let touched = Set(devices)
        estate.installations.removeAll { touched.contains($0.device) && ($0.source?.hasPrefix("inventory:") ?? false) }
        let derived = InstallationDerivation.derive(evidence)
        estate.installations += derived.map(\.installation)
        try writer.replaceDerivedInstallations(of: devices, with: derived, batch: batch)
        return derived.count
    }

    /// The estate an inventory change leaves must still be valid; a problem is told by the record's name.
    static func check(_ estate: Estate) throws {
        do throws(EstateError) {
            try estate.validate()
        } catch {
            throw TallyError.invalid(path: "", reason: estate.describe(error))
        }
    }
}

/// The raw titles the store holds, with what the catalog made of each, and new ones added as met.
struct TitleIndex {
    private var ids: [TitleKey: Int64] = [:]
    /// For titles recognised as products: the product and clean version.
    private(set) var products: [Int64: (product: Product.ID, version: String?)] = [:]
    /// Titles added: recognised as products, ignored, unrecognised.
    private(set) var added = (0, 0, 0)

    init(_ titles: [StoredTitle]) {
        for title in titles {
            ids[title.key] = title.id
            if title.outcome.kind == "product", let product = title.outcome.product {
                products[title.id] = (Product.ID(product), title.outcome.version)
            }
        }
    }

    /// The title's id, adding it (read by the catalog) when it is new.
    mutating func id(of item: RawSoftware, catalog: Normalizer, in writer: any StoreWriter) throws -> Int64 {
        let key = TitleKey(publisher: item.publisher ?? "", name: item.name, version: item.version ?? "")
        if let id = ids[key] { return id }
        let outcome = TitleOutcome(catalog.evaluate(publisher: item.publisher, name: item.name, version: item.version))
        switch outcome.kind {
        case "product": added.0 += 1
        case "ignored": added.1 += 1
        default: added.2 += 1
        }
        let id = try writer.insertTitle(key, outcome: outcome)
        ids[key] = id
        if outcome.kind == "product", let product = outcome.product {
            products[id] = (Product.ID(product), outcome.version)
        }
        return id
    }
}

extension InventorySummary {
    /// The same counts, told as a dry run's (no batch kept).
    var withoutBatch: InventorySummary {
        var copy = self
        copy.batch = nil
        return copy
    }
}
