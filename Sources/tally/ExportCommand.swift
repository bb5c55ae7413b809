import ArgumentParser
import TallyApp
import TallyCore
import TallyFormats

/// `tally export`: the store written back as an estate file.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the store's contents as an estate file.")

    @Option(name: .long, help: "The estate file to write.")
    var estate: String

    @Option(name: .customLong("as-of"), help: "The date the file carries (YYYY-MM-DD); today by default.")
    var asOf: Day?

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let contents: Estate
            let operations = try store.reading()
            do throws(TallyError) {
                contents = try await operations.exportEstate(asOf: asOf)
            } catch {
                throw store.failure(error)
            }
            try Terminal.writeFile(estate) { EstateFile.encode(contents, to: $0) }
            Terminal.error(
                "Exported \(contents.devices.count) devices, \(contents.installations.count) installations "
                    + "and \(contents.entitlements.count) entitlements to \(estate).")
        }
    }
}
