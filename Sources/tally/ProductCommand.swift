import ArgumentParser
import TallyApp
import TallyCore

/// `tally product add|edit|map-feature`.
struct ProductCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "product", abstract: "Record or change a product and its licensing model.",
        subcommands: [Add.self, Edit.self, Check.self, Processors.self, MapFeature.self])

    /// A product's values, each optional so that `edit` changes only what is given.
    struct Values: ParsableArguments {
        @Option(help: "Who publishes it.") var publisher: String?
        @Option(help: "Its name.") var name: String?
        @Option(
            help: ArgumentHelp(
                "A publisher's rule that sets the whole license model: \(LicenseRule.allCases.map(\.rawValue).joined(separator: ", ")).",
                discussion: "Options given beside it change what the rule set."))
        var rule: LicenseRule?
        @Option(help: "device, user, concurrent, core, processor or pvu.") var metric: License.Metric?
        @Option(name: .customLong("unit-price"), parsing: .unconditional, help: "The price of one unit at an audit.")
        var unitPrice: Amount?
        @Option(name: .customLong("min-cores-per-processor"), parsing: .unconditional) var minCoresPerProcessor: Int?
        @Option(name: .customLong("min-cores-per-device"), parsing: .unconditional) var minCoresPerDevice: Int?
        @Option(name: .customLong("min-cores-per-vm"), parsing: .unconditional) var minCoresPerVM: Int?
        @Option(name: .customLong("core-factor"), help: "A number, or oracle.") var coreFactor: String?
        @Option(name: .customLong("pvu-per-core"), help: "A number, or ibm-pvu.") var pvuPerCore: String?
        @Option(help: "perVM, host or cluster.") var virtualization: License.Virtualization?
        @Flag(
            name: .customLong("vm-requires-rights"), inversion: .prefixedNo,
            help: "Licensing by VM needs Software Assurance or a subscription (else the host counts).")
        var vmRequiresRights: Bool?
        @Option(
            name: .customLong("vms-per-license"), parsing: .unconditional,
            help: "VMs that licensing all of a host's cores covers.")
        var vmsPerLicense: Int?
        @Option(
            name: .customLong("minimum-users-per-processor"), parsing: .unconditional,
            help: "Named users each server needs per processor.")
        var minimumUsersPerProcessor: Int?
        @Option(
            name: .customLong("minimum-users-per-device"), parsing: .unconditional,
            help: "Named users each server needs at least.")
        var minimumUsersPerDevice: Int?
        @Option(name: .customLong("devices-per-user"), parsing: .unconditional) var devicesPerUser: Int?
        @Option(
            name: .customLong("window-days"), parsing: .unconditional,
            help: "Days before the date in which concurrent peaks count.")
        var windowDays: Int?
        @Option(
            help: "Which overlapping sessions are one license: userHost (the default for concurrent), user, host, none."
        )
        var duplicates: License.Duplicates?

        func validate() throws {
            for (name, value) in [("--core-factor", coreFactor), ("--pvu-per-core", pvuPerCore)] {
                if let value, Self.rating(value) == nil {
                    throw ValidationError("\(name) takes a number or a table name (oracle, ibm-pvu), not \"\(value)\".")
                }
            }
        }

        static func rating(_ text: String) -> License.Rating? {
            if let table = ProcessorTable.Name(rawValue: text) { return .table(table) }
            return Double(text).map { .value($0) }
        }

        /// The values given.
        var change: ProductChange {
            var change = ProductChange()
            change.publisher = publisher
            change.name = name
            change.rule = rule
            change.metric = metric
            change.unitPrice = unitPrice?.value
            change.minCoresPerProcessor = minCoresPerProcessor
            change.minCoresPerDevice = minCoresPerDevice
            change.minCoresPerVM = minCoresPerVM
            change.coreFactor = coreFactor.flatMap(Self.rating)
            change.pvuPerCore = pvuPerCore.flatMap(Self.rating)
            change.virtualization = virtualization
            change.vmRequiresRights = vmRequiresRights
            change.vmsPerLicense = vmsPerLicense
            change.minimumUsersPerProcessor = minimumUsersPerProcessor
            change.minimumUsersPerDevice = minimumUsersPerDevice
            change.devicesPerUser = devicesPerUser
            change.windowDays = windowDays
            change.duplicates = duplicates
            return change
        }
    }

    /// `tally product add`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a product and how it is licensed.")

        @Argument(help: "The new product's id.") var id: String
        @OptionGroup var values: Values
        @OptionGroup var store: StoreOptions
        @OptionGroup var who: ActorOptions

        func run() async throws {
            try await reportingErrors {
                try await edit(store, who, done: "Added product \(id).") { operations, caller throws(TallyError) in
                    do throws(TallyError) {
                        try await operations.addProduct(values.change.applied(to: Product(id: .init(id))), by: caller)
                    } catch .conflict(let reason) {
                        throw .conflict(reason + "; change it with `tally product edit`")
                    }
                }
            }
        }
    }

    /// `tally product edit`.
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a product; what is not given stays.")

        @Argument(help: "The product's id.") var id: String
        @OptionGroup var values: Values
        @OptionGroup var store: StoreOptions
        @OptionGroup var who: ActorOptions

        func run() async throws {
            try await reportingErrors {
                try await edit(store, who, done: "Changed product \(id).") { operations, caller throws(TallyError) in
                    try await operations.editProduct(.init(id), values.change, by: caller)
                }
            }
        }
    }
}

extension ProductCommand {
    /// Counts a license-server feature for a product, now and in later imports.
    struct MapFeature: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "map-feature",
            abstract: "Count a license-server feature (VENDOR:FEATURE) for a product, moving what it recorded.",
            discussion: "Several features may count for one product. Sessions, denials and pools already imported "
                + "under the feature move to the product; the feature's own product (VENDOR:FEATURE) is removed "
                + "once nothing else refers to it.")

        @Argument(help: "The feature, as VENDOR:FEATURE (MLM:MATLAB).")
        var feature: String

        @Argument(help: "The product's id.")
        var product: String

        @OptionGroup var store: StoreOptions
        @OptionGroup var who: ActorOptions

        func validate() throws {
            guard feature.contains(":") else {
                throw ValidationError("Write the feature as VENDOR:FEATURE (such as MLM:MATLAB), not \"\(feature)\".")
            }
        }

        func run() async throws {
            try await reportingErrors {
                try await edit(store, who, done: "\(feature) now counts for \(product).") {
                    operations, caller throws(TallyError) in
                    try await operations.mapFeature(feature, to: Product.ID(product), by: caller)
                }
            }
        }
    }
}

extension License.Metric: ExpressibleByArgument {}
extension License.Virtualization: ExpressibleByArgument {}
extension License.Duplicates: ExpressibleByArgument {}
extension LicenseRule: ExpressibleByArgument {}
