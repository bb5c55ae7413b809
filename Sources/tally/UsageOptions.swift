import ArgumentParser
import TallyCore
import TallyStore

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

    /// The store's estate and pools, the products asked for, and the stretch `[from, to)` in whole UTC days; nil
    /// when the store holds no usage or denial to show.
    func load() throws(CommandError) -> (
        estate: Estate, pools: [ServerPool], products: Set<Product.ID>?, from: Instant, to: Instant
    )? {
        let opened = try store.open()
        let estate = try store.loadEstate(from: opened, asOf: Terminal.today)
        let pools: [ServerPool]
        do throws(StoreError) {
            pools = try opened.fetchServerPools()
        } catch {
            throw .store(error, store)
        }
        var products: Set<Product.ID>?
        if let product {
            guard estate.products.contains(where: { $0.id.rawValue == product }) else {
                throw .input(
                    store.path, reason: "no product \"\(product)\"; leave out --product to see every product used")
            }
            products = [Product.ID(product)]
        }
        func wanted(_ id: Product.ID) -> Bool { products?.contains(id) ?? true }
        var first: Instant?, last: Instant?
        func see(_ instant: Instant) {
            first = min(first ?? instant, instant)
            last = max(last ?? instant, instant)
        }
        for session in estate.usage where wanted(session.product) {
            see(session.start)
            if let end = session.end { see(end) }
        }
        for denial in estate.denials where wanted(denial.product) { see(denial.at) }
        for pool in pools where wanted(pool.product) { see(pool.sampledAt) }
        guard let start = from ?? first?.day, let end = to ?? last?.day else { return nil }
        return (estate, pools, products, start.start, end.adding(days: 1).start)
    }
}
