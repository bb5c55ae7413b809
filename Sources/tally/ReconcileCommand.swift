import ArgumentParser
import TallyApp
import TallyCore

/// `tally reconcile`: the license position of an estate file, or of the store (saved as a dated snapshot).
struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Compute the license position: demand, coverage, shortfall and exposure per product.",
        discussion: "With --estate, of that file; without, of the store, and the position is saved for `tally history`."
    )

    @Option(name: .long, help: "The estate file (tally-estate/1 JSON); the store when not given.")
    var estate: String?

    @Option(name: .long, help: "How to print the position: table, json or csv.")
    var format: OutputFormat = .table

    @Option(
        name: .customLong("as-of"),
        help: "Compute the position for this date (YYYY-MM-DD) instead of the file's (or today).")
    var asOf: Day?

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            if let estate {
                let loaded = try EstateInput.load(estate, asOf: asOf)
                printPosition(try EstateInput.reconcile(loaded, path: estate), format: format)
                return
            }
            // A store that exists is opened for writing when it can be (to keep the snapshot), else for reading (a
            // database server's store is the same either way).
            let reader = try store.reading()
            let operations = store.isServer ? reader : (try? store.operations()) ?? reader
            let saved: SavedPosition
            do throws(TallyError) {
                saved = try await operations.reconcile(asOf: asOf, save: true)
            } catch .conflict(let reason) {
                throw CommandError.input(
                    store.path,
                    reason: reason + "; import an estate first "
                        + "(`tally import --estate FILE`, or `tally demo --write demo.json` for a sample)")
            } catch {
                throw store.failure(error)
            }
            printPosition(saved.reconciliation, format: format)
            if let reason = saved.notSaved {
                Terminal.error("The position was not saved for `tally history` (\(reason)).")
            }
        }
    }
}
