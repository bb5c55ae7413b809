import ArgumentParser
import TallyCore
import TallyStore

/// `tally product add|edit|map-feature`.
struct ProductCommand: ParsableCommand {
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
        @Option(
            name: .customLong("vm-requires-rights"),
            help: "true when licensing by VM needs Software Assurance or a subscription (else the host counts).")
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

        /// `item` with the given values applied: the rule's whole model first, then each option.
        func applied(to item: Product) -> Product {
            var item = item
            if let rule { item.license = rule.filling(item.license) }
            if let publisher { item.publisher = publisher }
            if let name { item.name = name }
            if let unitPrice { item.unitPrice = unitPrice.value }
            if let metric { item.license.metric = metric }
            if let minCoresPerProcessor { item.license.minCoresPerProcessor = minCoresPerProcessor }
            if let minCoresPerDevice { item.license.minCoresPerDevice = minCoresPerDevice }
            if let minCoresPerVM { item.license.minCoresPerVM = minCoresPerVM }
            if let rating = coreFactor.flatMap(Self.rating) { item.license.coreFactor = rating }
            if let rating = pvuPerCore.flatMap(Self.rating) { item.license.pvuPerCore = rating }
            if let virtualization { item.license.virtualization = virtualization }
            if let devicesPerUser { item.license.devicesPerUser = devicesPerUser }
            if let windowDays { item.license.windowDays = windowDays }
            if let duplicates { item.license.duplicates = duplicates }
            if let vmRequiresRights { item.license.vmRequiresRights = vmRequiresRights }
            if let vmsPerLicense { item.license.vmsPerLicense = vmsPerLicense }
            if let minimumUsersPerProcessor { item.license.minimumUsersPerProcessor = minimumUsersPerProcessor }
            if let minimumUsersPerDevice { item.license.minimumUsersPerDevice = minimumUsersPerDevice }
            return item
        }
    }

    /// `tally product add`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a product and how it is licensed.")

        @Argument(help: "The new product's id.") var id: String
        @OptionGroup var values: Values
        @OptionGroup var store: StoreOptions

        func run() throws {
            try reportingErrors {
                try applyEdit(
                    .addProduct(values.applied(to: Product(id: .init(id)))), store,
                    done: "Added product \(id).")
            }
        }
    }

    /// `tally product edit`.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a product; what is not given stays.")

        @Argument(help: "The product's id.") var id: String
        @OptionGroup var values: Values
        @OptionGroup var store: StoreOptions

        func run() throws {
            try reportingErrors {
                let estate = try store.loadEstate(from: try store.open(), asOf: Terminal.today)
                guard let current = estate.products.first(where: { $0.id.rawValue == id }) else {
                    throw CommandError.store(.unknown(kind: "product", id: id), store)
                }
                try applyEdit(.editProduct(values.applied(to: current)), store, done: "Changed product \(id).")
            }
        }
    }
}

extension ProductCommand {
    /// Counts a license-server feature for a product, now and in later imports.
    struct MapFeature: ParsableCommand {
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

        func validate() throws {
            guard feature.contains(":") else {
                throw ValidationError("Write the feature as VENDOR:FEATURE (such as MLM:MATLAB), not \"\(feature)\".")
            }
        }

        func run() throws {
            try reportingErrors {
                let opened = try store.open()
                do throws(StoreError) {
                    try opened.mapFeature(feature, to: Product.ID(product), actor: store.who, at: now)
                } catch {
                    throw CommandError.store(error, store)
                }
                Terminal.write("\(feature) now counts for \(product).\n")
            }
        }
    }
}

extension License.Metric: ExpressibleByArgument {}
extension License.Virtualization: ExpressibleByArgument {}
extension License.Duplicates: ExpressibleByArgument {}
extension LicenseRule: ExpressibleByArgument {}
