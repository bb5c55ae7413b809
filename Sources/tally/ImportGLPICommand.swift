import ArgumentParser
import TallyApp

/// `tally import glpi`: the GLPI agent's JSON inventories.
struct ImportGLPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glpi",
        abstract: "Import GLPI agent inventories (JSON): the device, its hardware and its software.")

    @Argument(help: "The inventory files (glpi-agent --json).")
    var files: [String]

    @OptionGroup var options: InventoryOptions

    func run() async throws {
        try await reportingErrors { try await options.importing(.glpi).run(files) }
    }
}
