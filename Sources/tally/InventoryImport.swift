import ArgumentParser
import Foundation
import TallyCore
import TallyFormats
import TallyStore

/// What the inventory connectors share: read every file first (a bad one stops everything before anything is
/// written), then write all their devices as one import batch, and say what happened and what was left out.
struct InventoryImport {
    /// The source, as kept on the evidence (`glpi`, `osquery`…).
    let source: String
    let store: StoreOptions
    var dryRun = false

    /// Imports the files, each read by `read`, as one batch.
    func run(_ files: [String], read: (String, [UInt8]) throws(CommandError) -> InventoryReport) throws(CommandError) {
        var combined = InventoryReport()
        var digests: [String] = []
        for file in files {
            let bytes = try Terminal.readFile(file)
            digests.append(digest(bytes))
            let report = try read(file, bytes)
            combined.devices += report.devices
            combined.skipped += report.skipped.map {
                InventoryWarning(location: "\(file): \($0.location)", reason: $0.reason)
            }
            combined.unreadValues += report.unreadValues.map {
                InventoryWarning(location: "\(file): \($0.location)", reason: $0.reason)
            }
        }
        try write(combined, files: files, digests: digests)
    }

    /// Writes what the files say as one batch, and reports it.
    func write(_ report: InventoryReport, files: [String], digests: [String]) throws(CommandError) {
        let opened = try store.open()
        let catalog = try CatalogOptions.effectiveCatalog(of: opened, store)
        let origin = ImportSource(
            name: files.joined(separator: ", "),
            digest: digests.count == 1 ? digests[0] : digest(Array(digests.joined().utf8)), actor: store.who, at: now)
        let summary: InventorySummary
        do throws(StoreError) {
            summary = try opened.importInventory(
                report.devices, source: source, catalog: catalog, origin: origin, dryRun: dryRun)
        } catch {
            throw .input(files.count == 1 ? files[0] : store.path, reason: error.description)
        }
        Terminal.write(
            Self.describe(
                summary, source: source, dryRun: dryRun, skipped: report.skipped.map(\.description),
                unread: report.unreadValues.map(\.description)))
    }

    static func describe(
        _ summary: InventorySummary, source: String, dryRun: Bool, skipped: [String], unread: [String]
    ) -> String {
        let software = summary.softwareAdded + summary.softwareSeen
        var lines = [
            (dryRun ? "Would import" : "Imported") + " from \(source): "
                + "\(summary.devicesAdded + summary.devicesUpdated + summary.devicesUnchanged) devices "
                + "(\(summary.devicesAdded) new, \(summary.devicesUpdated) updated), \(software) software entries "
                + "(\(summary.softwareAdded) new, \(summary.softwareRemoved) gone since the last inventory).",
            "New titles: \(summary.titlesRecognized) recognised, \(summary.titlesIgnored) ignored (free or system), "
                + "\(summary.titlesUnrecognized) unrecognised (`tally catalog unrecognized` lists them); "
                + "\(summary.installations) installations on these devices; \(summary.productsAdded) new products.",
        ]
        lines += warningLines(skipped: skipped, unread: unread)
        return lines.joined(separator: "\n") + "\n"
    }

    /// How many rows a file's reader left out and how many values it could not read, with the first five of each.
    static func warningLines(skipped: [String], unread: [String]) -> [String] {
        var lines: [String] = []
        for (what, warnings) in [("rows skipped", skipped), ("values not read (left empty)", unread)]
        where !warnings.isEmpty {
            lines.append("\(warnings.count) \(what), the first:")
            lines += warnings.prefix(5).map { "  " + $0 }
        }
        return lines
    }
}

/// The options every inventory connector shares: a dry run, and the store.
struct InventoryOptions: ParsableArguments {
    @Flag(name: .customLong("dry-run"), help: "Only count what would change.")
    var dryRun = false

    @OptionGroup var store: StoreOptions

    /// An import of `source` with these options.
    func importing(_ source: String) -> InventoryImport {
        InventoryImport(source: source, store: store, dryRun: dryRun)
    }
}
