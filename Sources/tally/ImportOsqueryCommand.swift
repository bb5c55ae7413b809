import ArgumentParser
import TallyFormats

/// `tally import osquery`: osquery results of the software tables.
struct ImportOsqueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "osquery",
        abstract: "Import osquery results: programs, deb_packages, rpm_packages and apps.",
        discussion: "Reads `osqueryi --json` output (name the device with --device) and osqueryd results logs "
            + "(one JSON object per line; devices by hostIdentifier; the latest snapshot of each wins).")

    @Argument(help: "The results files.")
    var files: [String]

    @OptionGroup var device: DeviceOption

    @Flag(name: .customLong("dry-run"), help: "Only count what would change.")
    var dryRun = false

    @OptionGroup var store: StoreOptions

    func run() throws {
        try reportingErrors {
            try InventoryImport(source: "osquery", store: store, dryRun: dryRun).run(files) {
                file, bytes throws(CommandError) in
                do throws(FormatError) {
                    return try OsqueryResults.parse(bytes, device: device.device)
                } catch {
                    throw .input(file, reason: error.description)
                }
            }
        }
    }
}
