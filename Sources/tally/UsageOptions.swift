import ArgumentParser
import TallyApp
import TallyCore

/// What the usage views share: which product, which days, which format, and the store's evidence.
struct UsageOptions: ParsableArguments {
    @Option(name: .long, help: "Only this product.")
    var product: String?

    @Option(name: .long, help: "The first day (default: the first day with usage or denials).")
    var from: Day?

    @Option(name: .long, help: "The last day, included (default: the last day with usage, denials or a sample).")
    var to: Day?

    @Option(name: .long, help: "table, json or csv.")
    var format: OutputFormat = .table

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let from, let to, to < from { throw ValidationError("--to \(to) is before --from \(from).") }
    }

    /// The selection asked for.
    var selection: UsageSelection {
        UsageSelection(product: product.map { Product.ID($0) }, from: from, to: to)
    }

    /// Runs a usage operation, telling an unknown product with what to do.
    func run<T>(_ body: (Operations) async throws(TallyError) -> T) async throws(CommandError) -> T {
        let operations = try store.reading()
        do throws(TallyError) {
            return try await body(operations)
        } catch .notFound(let kind, let id) {
            throw .input(store.path, reason: "no \(kind) \"\(id)\"; leave out --product to see every product used")
        } catch {
            throw store.failure(error)
        }
    }
}
