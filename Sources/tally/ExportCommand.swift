import ArgumentParser
import TallyCore
import TallyFormats
import TallyStore

/// `tally export`: the store written back as an estate file.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the store's contents as an estate file.")

    @Option(name: .long, help: "The estate file to write.")
    var estate: String

    @Option(name: .customLong("as-of"), help: "The date the file carries (YYYY-MM-DD); today by default.")
    var asOf: Day?

    @OptionGroup var store: StoreOptions

    func run() throws {
        try reportingErrors {
            let contents = try store.loadEstate(from: try store.open(), asOf: asOf ?? Terminal.today)
            try Terminal.writeFile(estate) { EstateFile.encode(contents, to: $0) }
            Terminal.error(
                "Exported \(contents.devices.count) devices, \(contents.installations.count) installations "
                    + "and \(contents.entitlements.count) entitlements to \(estate).")
        }
    }
}
