import ArgumentParser
import TallyFormats

/// `tally import glpi`: the GLPI agent's JSON inventories.
struct ImportGLPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glpi",
        abstract: "Import GLPI agent inventories (JSON): the device, its hardware and its software.")

    @Argument(help: "The inventory files (glpi-agent --json).")
    var files: [String]

    @OptionGroup var options: InventoryOptions

    func run() throws {
        try reportingErrors {
            try options.importing("glpi").run(files) {
                file, bytes throws(CommandError) in
                do throws(FormatError) {
                    return try GLPIInventory.parse(bytes)
                } catch {
                    throw .input(file, reason: error.description)
                }
            }
        }
    }
}
