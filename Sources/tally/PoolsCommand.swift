import ArgumentParser
import TallyApp
import TallyCore
import TallyFormats

/// `tally pools`: license-server pools beside the entitlements of their products.
struct PoolsCommand: AsyncParsableCommand {
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

    func run() async throws {
        try await reportingErrors {
            let lines: [PoolOutput.Line]
            let operations = try store.reading()
            do throws(TallyError) {
                lines = try await operations.pools(product: product.map { Product.ID($0) }, asOf: asOf)
            } catch .notFound(let kind, let id) {
                throw CommandError.input(store.path, reason: "no \(kind) \"\(id)\"; leave out --product to see all")
            } catch {
                throw store.failure(error)
            }
            switch format {
            case .table: Terminal.write(PoolOutput.table(lines))
            case .json: Terminal.write(PoolOutput.json(lines))
            case .csv: Terminal.write(PoolOutput.csv(lines))
            }
        }
    }
}
