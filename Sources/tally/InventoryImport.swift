import ArgumentParser
import Foundation
import TallyCore
import TallyFormats
import TallyStore

/// What the inventory connectors share: read every file first (a bad one stops everything before anything is
/// written), refuse files with invalid rows unless told to skip them, then write all their devices as one import
/// batch, and say what happened and what was left out.
struct InventoryImport {
    /// The source, as kept on the evidence (`glpi`, `osquery`…).
    let source: String
    let store: StoreOptions
    var dryRun = false
    var skipInvalid = false

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
            combined.invalid += report.invalid.map {
                InventoryWarning(location: "\(file): \($0.location)", reason: $0.reason)
            }
        }
        try Self.checkInvalid(combined.invalid, skip: skipInvalid, files: files)
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
                invalid: report.invalid.map(\.description)))
    }

    static func describe(
        _ summary: InventorySummary, source: String, dryRun: Bool, skipped: [String], invalid: [String]
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
        lines += warningLines(skipped: skipped, invalid: invalid)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The rows a reader left out by design (the first five), and every invalid row skipped.
    static func warningLines(skipped: [String], invalid: [String]) -> [String] {
        var lines: [String] = []
        if !skipped.isEmpty {
            lines.append("\(skipped.count) rows left out (updates, system components, ...), the first:")
            lines += skipped.prefix(5).map { "  " + $0 }
        }
        if !invalid.isEmpty {
            lines.append("\(invalid.count) invalid rows skipped:")
            lines += invalid.map { "  " + $0 }
        }
        return lines
    }

    /// Refuses invalid rows, listing every one, unless `skip`: then they are listed when the import is reported.
    static func checkInvalid(_ invalid: [InventoryWarning], skip: Bool, files: [String]) throws(CommandError) {
        guard !invalid.isEmpty, !skip else { return }
        let list = invalid.map { "  \($0)" }.joined(separator: "\n")
        throw .input(
            files.count == 1 ? files[0] : files.joined(separator: ", "),
            reason: "\(invalid.count) invalid \(invalid.count == 1 ? "row" : "rows"); nothing was imported. Correct "
                + "\(invalid.count == 1 ? "it" : "them"), or import the other rows with --skip-invalid:\n" + list)
    }
}

/// The options every inventory connector shares: a dry run, skipping invalid rows, and the store.
struct InventoryOptions: ParsableArguments {
    @Flag(name: .customLong("dry-run"), help: "Only count what would change.")
    var dryRun = false

    @Flag(
        name: .customLong("skip-invalid"),
        help: "Import the valid rows of a file with invalid ones, and list those (by default nothing is imported).")
    var skipInvalid = false

    @OptionGroup var store: StoreOptions

    /// An import of `source` with these options.
    func importing(_ source: String) -> InventoryImport {
        InventoryImport(source: source, store: store, dryRun: dryRun, skipInvalid: skipInvalid)
    }
}
