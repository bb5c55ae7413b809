import ArgumentParser
import Foundation
import TallyApp
import TallyCore
import TallyFormats

/// What the inventory connectors share: read every file first (a bad one stops everything before anything is
/// written), refuse files with invalid rows unless told to skip them, then write all their devices as one import
/// batch, and say what happened and what was left out.
struct InventoryImport {
    let format: InventoryFormat
    let options: InventoryOptions

    /// Imports the files as one batch.
    func run(_ paths: [String]) async throws(CommandError) {
        let files = try paths.map(upload)
        let operations = try options.store.operations()
        let report: InventoryReport
        do throws(TallyError) {
            report = try operations.readInventory(files, as: format)
        } catch {
            throw .input(paths.count == 1 ? paths[0] : options.store.path, reason: error.description)
        }
        try Self.checkInvalid(report.invalid, skip: options.skipInvalid, files: paths)
        let imported: TallyApp.InventoryImport
        do throws(TallyError) {
            imported = try await operations.importInventory(
                report, from: files, as: format, skipInvalid: options.skipInvalid, dryRun: options.dryRun,
                by: options.who.caller)
        } catch {
            throw .input(paths.count == 1 ? paths[0] : options.store.path, reason: StoreOptions.hinted(error))
        }
        Terminal.write(
            Self.describe(
                imported.summary, source: format.source, dryRun: options.dryRun,
                skipped: imported.skipped.map(\.description), invalid: imported.invalid.map(\.description)))
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
    @OptionGroup var who: ActorOptions

    /// An import of files in `format` with these options.
    func importing(_ format: InventoryFormat) -> InventoryImport {
        InventoryImport(format: format, options: self)
    }
}
