import ArgumentParser
import TallyApp
import TallyCore

/// `tally entitlement add|edit|retire`.
struct EntitlementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entitlement", abstract: "Record, change or retire a purchase.",
        subcommands: [Add.self, Edit.self, Retire.self])

    /// The values of an entitlement, each optional so that `edit` changes only what is given.
    struct Values: ParsableArguments {
        @Option(help: "The licensed product's id.") var product: String?
        @Option(parsing: .unconditional, help: "Units bought.") var quantity: Int?
        @Flag(inversion: .prefixedNo, help: "A site license with no quantity limit (--no-unlimited: a limited one).")
        var unlimited: Bool?
        @Option(help: "The version licensed (none: every version).") var version: String?
        @Flag(inversion: .prefixedNo, help: "Earlier versions are covered too (--no-downgrade: they are not).")
        var downgrade: Bool?
        @Option(help: "Another product of the same metric it also covers (repeat for several).") var covers: [String] =
            []
        @Option(help: "First day of the term (YYYY-MM-DD).") var start: Day?
        @Option(help: "Last day of the term (YYYY-MM-DD).") var end: Day?
        @Option(help: "Only this department (and those below it) is covered.") var scope: String?
        @Option(
            name: .customLong("unit-cost"), parsing: .unconditional, help: "Cost of one unit (a number of 0 or more).")
        var unitCost: Amount?
        @Option(help: "The currency of --unit-cost when it is not the estate's (USD; \"\" for the estate's).")
        var currency: String?
        @Option(name: .customLong("cost-period"), help: "once, month or year (a subscription).")
        var costPeriod: Entitlement.CostPeriod?
        @Flag(
            name: .customLong("software-assurance"), inversion: .prefixedNo,
            help: "Software Assurance comes with it (rights such as licensing by VM).")
        var softwareAssurance: Bool?
        @Option(help: "Who sold it.") var vendor: String?
        @Option(help: "The contract it belongs to.") var contract: String?
        @Option(name: .customLong("purchase-order"), help: "The purchase order.") var purchaseOrder: String?
        @Option(help: "Anything worth knowing.") var notes: String?

        /// The values given.
        var change: EntitlementChange {
            var change = EntitlementChange()
            change.product = product.map { .init($0) }
            change.quantity = quantity
            change.unlimited = unlimited
            change.version = version
            change.downgrade = downgrade
            change.covers = covers
            change.start = start
            change.end = end
            change.scope = scope
            change.unitCost = unitCost?.value
            change.currency = currency
            change.costPeriod = costPeriod
            change.softwareAssurance = softwareAssurance
            change.vendor = vendor
            change.contract = contract
            change.purchaseOrder = purchaseOrder
            change.notes = notes
            return change
        }
    }

    /// `tally entitlement add`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a purchase.")

        @Argument(help: "The new entitlement's id (a PO line, a contract line).") var id: String
        @OptionGroup var values: Values
        @OptionGroup var store: StoreOptions
        @OptionGroup var who: ActorOptions

        func validate() throws {
            guard values.product != nil else { throw ValidationError("--product is required.") }
            guard values.quantity != nil || values.unlimited == true else {
                throw ValidationError("--quantity is required unless --unlimited.")
            }
        }

        func run() async throws {
            try await reportingErrors {
                let item = values.change.applied(to: Entitlement(id: .init(id), product: "", quantity: nil))
                try await edit(store, who, done: "Added entitlement \(id).") { operations, caller throws(TallyError) in
                    do throws(TallyError) {
                        try await operations.addEntitlement(item, by: caller)
                    } catch .conflict(let reason) {
                        throw .conflict(reason + "; change it with `tally entitlement edit`")
                    }
                }
            }
        }
    }

    /// `tally entitlement edit`.
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a purchase's values; what is not given stays (an empty text clears it).")

        @Argument(help: "The entitlement's id.") var id: String
        @OptionGroup var values: Values
        @OptionGroup var store: StoreOptions
        @OptionGroup var who: ActorOptions

        func run() async throws {
            try await reportingErrors {
                try await edit(store, who, done: "Changed entitlement \(id).") {
                    operations, caller throws(TallyError) in
                    try await operations.editEntitlement(.init(id), values.change, by: caller)
                }
            }
        }
    }

    /// `tally entitlement retire`.
    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End a purchase's term (it stays on record, active up to that day).")

        @Argument(help: "The entitlement's id.") var id: String
        @Option(help: "The last day it counts (YYYY-MM-DD); yesterday by default, so that it no longer counts today.")
        var on: Day?
        @OptionGroup var store: StoreOptions
        @OptionGroup var who: ActorOptions

        func run() async throws {
            try await reportingErrors {
                let day = on ?? Terminal.today.adding(days: -1)
                try await edit(store, who, done: "Retired entitlement \(id): its term ends \(day).") {
                    operations, caller throws(TallyError) in
                    try await operations.retireEntitlement(.init(id), on: day, by: caller)
                }
            }
        }
    }
}

extension Entitlement.CostPeriod: ExpressibleByArgument {}
