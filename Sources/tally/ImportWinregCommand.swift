import ArgumentParser
import TallyApp

/// `tally import winreg`: a `reg export` of the Windows Uninstall keys.
struct ImportWinregCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "winreg",
        abstract: "Import a `reg export` of the Uninstall keys (UTF-16 or UTF-8) for one device.",
        discussion: "System components and updates are not products and are left out.")

    @Argument(help: "The .reg files of the device (64-bit and 32-bit keys).")
    var files: [String]

    @Option(name: .long, help: "The device the export was taken on (its host name).")
    var device: String

    @OptionGroup var options: InventoryOptions

    func run() async throws {
        try await reportingErrors { try await options.importing(.winreg(device: device)).run(files) }
    }
}
