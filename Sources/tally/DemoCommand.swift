import ArgumentParser
import TallyCore
import TallyFormats

/// `tally demo`: a realistic estate built in memory, and its position; the first thing to run.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Show the license position of a realistic demo estate (a few hundred devices, 30 products).")

    @Option(name: .long, help: "Also save the demo estate to this file, to read with `tally reconcile --estate`.")
    var write: String?

    @Option(name: .long, help: "How to print the position: table, json or csv.")
    var format: OutputFormat = .table

    @Option(name: .customLong("as-of"), help: "Build the demo for this date (YYYY-MM-DD); today by default.")
    var asOf: Day?

    func run() throws {
        try reportingErrors {
            let estate = DemoEstate.make(asOf: asOf ?? Terminal.today)
            if let write {
                try Terminal.writeFile(write) { EstateFile.encode(estate, to: $0) }
            }
            printPosition(try EstateInput.reconcile(estate, path: "demo"), format: format)
            if let write { Terminal.error("Saved the demo estate to \(write).") }
        }
    }
}
