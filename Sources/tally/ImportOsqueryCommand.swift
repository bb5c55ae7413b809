import ArgumentParser
import TallyApp

/// `tally import osquery`: osquery results of the software tables.
struct ImportOsqueryCommand: AsyncParsableCommand {
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

    func run() async throws {
        try await reportingErrors { try await options.importing(.osquery(device: device)).run(files) }
    }
}
