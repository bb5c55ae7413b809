import ArgumentParser
import TallyCore
import TallyFormats
import TallyStore

/// `tally pools`: license-server pools beside the entitlements of their products.
struct PoolsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pools",
        abstract: "Show license-server pools (as last sampled) beside the entitlements of their products.",
        discussion: "Notes flag pools expired or expiring within 30 days, entitlements ending within 30 days, and "
            + "servers issuing another number of licenses than the active entitlements hold.")

    @Option(name: .long, help: "Only this product.")
    var product: String?

    @Option(name: .long, help: "table, json or csv.")
    var format: OutputFormat = .table

    @Option(name: .customLong("as-of"), help: "The day the notes are told against (default: today).")
    var asOf: Day?

    @OptionGroup var store: StoreOptions

    func run() throws {
        try reportingErrors {
            let opened = try store.open()
            let estate = try store.loadEstate(from: opened, asOf: asOf ?? Terminal.today)
            let pools: [ServerPool]
            do throws(StoreError) {
                pools = try opened.fetchServerPools()
            } catch {
                throw CommandError.store(error, store)
            }
            if let product, !estate.products.contains(where: { $0.id.rawValue == product }) {
                throw CommandError.input(
                    store.path, reason: "no product \"\(product)\"; leave out --product to see all")
            }
            let lines = PoolOutput.lines(
                estate, pools: pools, products: product.map { [Product.ID($0)] }, today: asOf ?? Terminal.today)
            switch format {
            case .table: Terminal.write(PoolOutput.table(lines))
            case .json: Terminal.write(PoolOutput.json(lines))
            case .csv: Terminal.write(PoolOutput.csv(lines))
            }
        }
    }
}
