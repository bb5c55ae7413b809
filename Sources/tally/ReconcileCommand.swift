import ArgumentParser
import TallyCore

/// `tally reconcile`: the license position of an estate file.
struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Compute the license position of an estate: demand, coverage, shortfall and exposure per product.")

    @Option(name: .long, help: "The estate file (tally-estate/1 JSON).")
    var estate: String

    @Option(name: .long, help: "How to print the position: table, json or csv.")
    var format: OutputFormat = .table

    @Option(name: .customLong("as-of"), help: "Compute the position for this date (YYYY-MM-DD) instead of the file's.")
    var asOf: Day?

    func run() throws {
        try reportingErrors {
            let loaded = try EstateInput.load(estate, asOf: asOf)
            printPosition(try EstateInput.reconcile(loaded, path: estate), format: format)
        }
    }
}
