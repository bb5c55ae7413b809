import ArgumentParser
import TallyCore
import TallyStore

/// `tally entitlement add|edit|retire`.
struct EntitlementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entitlement", abstract: "Record, change or retire a purchase.",
        subcommands: [Add.self, Edit.self, Retire.self])

    /// The values of an entitlement, each optional so that `edit` changes only what is given.
    struct Values: ParsableArguments {
        @Option(help: "The licensed product's id.") var product: String?
        @Option(parsing: .unconditional, help: "Units bought.") var quantity: Int?
        @Option(help: "true for a site license with no quantity limit.") var unlimited: Bool?
        @Option(help: "The version licensed (none: every version).") var version: String?
        @Option(help: "true when earlier versions are covered too.") var downgrade: Bool?
        @Option(help: "Another product of the same metric it also covers (repeat for several).") var covers: [String] =
            []
        @Option(help: "First day of the term (YYYY-MM-DD).") var start: Day?
        @Option(help: "Last day of the term (YYYY-MM-DD).") var end: Day?
        @Option(help: "Only this department (and those below it) is covered.") var scope: String?
        @Option(
            name: .customLong("unit-cost"), parsing: .unconditional, help: "Cost of one unit (a number of 0 or more).")
        var unitCost: Amount?
        @Option(name: .customLong("cost-period"), help: "once, month or year (a subscription).")
        var costPeriod: Entitlement.CostPeriod?
        @Option(
            name: .customLong("software-assurance"),
            help: "true when Software Assurance comes with it (rights such as licensing by VM).")
        var softwareAssurance: Bool?
        @Option(help: "Who sold it.") var vendor: String?
        @Option(help: "The contract it belongs to.") var contract: String?
        @Option(name: .customLong("purchase-order"), help: "The purchase order.") var purchaseOrder: String?
        @Option(help: "Anything worth knowing.") var notes: String?

        /// `item` with the given values applied.
        func applied(to item: Entitlement) -> Entitlement {
            var item = item
            if let product { item.product = .init(product) }
            if let quantity { item.quantity = quantity }
            if let unlimited { item.unlimited = unlimited }
            if let version { item.version = version.isEmpty ? nil : Version(version) }
            if let downgrade { item.downgrade = downgrade }
            if !covers.isEmpty { item.covers = covers.filter { !$0.isEmpty }.map { .init($0) } }
            if let start { item.start = start }
            if let end { item.end = end }
            if let scope { item.scope = scope.isEmpty ? nil : .init(scope) }
            if let unitCost { item.unitCost = unitCost.value }
            if let costPeriod { item.costPeriod = costPeriod }
            if let softwareAssurance { item.softwareAssurance = softwareAssurance }
            if let vendor { item.vendor = vendor }
            if let contract { item.contract = contract }
            if let purchaseOrder { item.purchaseOrder = purchaseOrder }
            if let notes { item.notes = notes }
            return item
        }
    }

    /// `tally entitlement add`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a purchase.")

        @Argument(help: "The new entitlement's id (a PO line, a contract line).") var id: String
        @OptionGroup var values: Values
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard values.product != nil else { throw ValidationError("--product is required.") }
            guard values.quantity != nil || values.unlimited == true else {
                throw ValidationError("--quantity is required unless --unlimited true.")
            }
        }

        func run() throws {
            try reportingErrors {
                let item = values.applied(to: Entitlement(id: .init(id), product: "", quantity: nil))
                try applyEdit(.addEntitlement(item), store, done: "Added entitlement \(id).")
            }
        }
    }

    /// `tally entitlement edit`.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a purchase's values; what is not given stays (an empty text clears it).")

        @Argument(help: "The entitlement's id.") var id: String
        @OptionGroup var values: Values
        @OptionGroup var store: StoreOptions

        func run() throws {
            try reportingErrors {
                let estate = try store.loadEstate(from: try store.open(), asOf: Terminal.today)
                guard let current = estate.entitlements.first(where: { $0.id.rawValue == id }) else {
                    throw CommandError.store(.unknown(kind: "entitlement", id: id), store)
                }
                try applyEdit(.editEntitlement(values.applied(to: current)), store, done: "Changed entitlement \(id).")
            }
        }
    }

    /// `tally entitlement retire`.
    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End a purchase's term (it stays on record, active up to that day).")

        @Argument(help: "The entitlement's id.") var id: String
        @Option(help: "The last day it counts (YYYY-MM-DD); yesterday by default, so that it no longer counts today.")
        var on: Day?
        @OptionGroup var store: StoreOptions

        func run() throws {
            try reportingErrors {
                let day = on ?? Terminal.today.adding(days: -1)
                try applyEdit(
                    .retireEntitlement(.init(id), on: day), store,
                    done: "Retired entitlement \(id): its term ends \(day).")
            }
        }
    }
}

extension Entitlement.CostPeriod: ExpressibleByArgument {}
