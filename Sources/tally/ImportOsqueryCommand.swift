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

    @Option(name: .long, help: "The device `osqueryi --json` results describe (its host name).")
    var device: String?

    @OptionGroup var options: InventoryOptions

    func run() throws {
        try reportingErrors {
            try options.importing("osquery").run(files) {
                file, bytes throws(CommandError) in
                do throws(FormatError) {
                    return try OsqueryResults.parse(bytes, device: device)
                } catch {
                    throw .input(file, reason: error.description)
                }
            }
        }
    }
}
