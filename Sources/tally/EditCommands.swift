import ArgumentParser
import TallyCore
import TallyStore

/// Applies one edit to the store and says what was done.
func applyEdit(_ edit: Edit, _ store: StoreOptions, done message: String) throws(CommandError) {
    let opened = try store.open()
    do throws(StoreError) {
        try opened.apply(edit, actor: store.who, at: now)
    } catch {
        throw CommandError.store(error, store)
    }
    Terminal.write(message + "\n")
}

/// `tally device retire`.
struct DeviceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device", abstract: "Change or retire a device, or see the software inventories found on it.",
        subcommands: [Edit.self, Retire.self, Software.self])

    /// Changes what the estate says of a device's hardware and place: its host, cluster, partitioning, processors.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a device's hardware, host, cluster or partitioning; what is not given stays.",
            discussion: "An empty value (--cluster \"\") clears an optional one.")

        @Argument(help: "The device's id.") var id: String
        @Option(help: "The physical host a VM runs on.") var host: String?
        @Option(help: "The cluster of hosts (vSphere, Hyper-V, vCenter) its VMs can move across.") var cluster: String?
        @Option(help: "soft, or hard for a VM or LPAR whose vcpus a partitioning the publisher accepts caps.")
        var partitioning: Device.Partitioning?
        @Option(parsing: .unconditional, help: "Physical processors (sockets).") var processors: Int?
        @Option(name: .customLong("cores-per-processor"), parsing: .unconditional) var coresPerProcessor: Int?
        @Option(parsing: .unconditional, help: "A VM's virtual processors.") var vcpus: Int?
        @Option(name: .customLong("processor-model"), help: "As the vendor tables name it.") var processorModel: String?
        @Option(help: "The person who uses it.") var user: String?
        @Option(help: "Its department.") var department: String?
        @OptionGroup var store: StoreOptions

        /// `item` with the given values applied.
        func applied(to item: Device) -> Device {
            var item = item
            func text(_ value: String?) -> String?? { value.map { $0.isEmpty ? nil : $0 } }
            if let host = text(host) { item.host = host.map { .init($0) } }
            if let cluster = text(cluster) { item.cluster = cluster }
            if let partitioning { item.partitioning = partitioning }
            if let processors { item.processors = processors }
            if let coresPerProcessor { item.coresPerProcessor = coresPerProcessor }
            if let vcpus { item.vcpus = vcpus }
            if let model = text(processorModel) { item.processorModel = model }
            if let user = text(user) { item.user = user.map { .init($0) } }
            if let department = text(department) { item.department = department.map { .init($0) } }
            return item
        }

        func run() throws {
            try reportingErrors {
                let estate = try store.loadEstate(from: try store.open(), asOf: Terminal.today)
                guard let current = estate.devices.first(where: { $0.id.rawValue == id }) else {
                    throw CommandError.store(.unknown(kind: "device", id: id), store)
                }
                try applyEdit(.editDevice(applied(to: current)), store, done: "Changed device \(id).")
            }
        }
    }

    /// Marks a device retired: it stays on record and no longer counts from the day given.
    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Retire a device: it stays on record, uncounted from the day given.",
            discussion: "Positions on earlier dates (`tally reconcile --as-of`) still count it.")

        @Argument(help: "The device's id.")
        var id: String

        @Option(name: .long, help: "The first day it no longer counts (YYYY-MM-DD; default: today).")
        var on: Day?

        @OptionGroup var store: StoreOptions

        func run() throws {
            try reportingErrors {
                let day = on ?? Terminal.today
                try applyEdit(.retireDevice(.init(id), on: day), store, done: "Retired device \(id) on \(day).")
            }
        }
    }
}

/// `tally person retire`.
struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "Retire a person who left.", subcommands: [Retire.self])

    /// Marks a person retired: they stay on record and no longer count from the day given.
    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Retire a person who left: they stay on record, uncounted from the day given.",
            discussion: "Positions on earlier dates (`tally reconcile --as-of`) still count them.")

        @Argument(help: "The person's id.")
        var id: String

        @Option(name: .long, help: "The first day they no longer count (YYYY-MM-DD; default: today).")
        var on: Day?

        @OptionGroup var store: StoreOptions

        func run() throws {
            try reportingErrors {
                let day = on ?? Terminal.today
                try applyEdit(.retirePerson(.init(id), on: day), store, done: "Retired person \(id) on \(day).")
            }
        }
    }
}

/// Who receives an assigned license.
struct AssigneeOptions: ParsableArguments {
    @Argument(help: "The product's id.")
    var product: String

    @Option(name: .long, help: "The person's id.")
    var person: String?

    @Option(name: .long, help: "The device's id.")
    var device: String?

    func validate() throws {
        guard (person == nil) != (device == nil) else {
            throw ValidationError("Name exactly one of --person or --device.")
        }
    }

    var assignment: Assignment {
        Assignment(product: .init(product), assignee: person.map { .person(.init($0)) } ?? .device(.init(device ?? "")))
    }

    var description: String {
        person.map { "person \($0)" } ?? "device \(device ?? "")"
    }
}

/// `tally assign`.
struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Assign a license of a product to a person or a device.")

    @OptionGroup var assignee: AssigneeOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        try reportingErrors {
            try applyEdit(
                .assign(assignee.assignment), store,
                done: "Assigned \(assignee.product) to \(assignee.description).")
        }
    }
}

/// `tally unassign`.
struct UnassignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unassign", abstract: "Take back a license of a product from a person or a device.")

    @OptionGroup var assignee: AssigneeOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        try reportingErrors {
            try applyEdit(
                .unassign(assignee.assignment), store,
                done: "Unassigned \(assignee.product) from \(assignee.description).")
        }
    }
}

extension Device.Partitioning: ExpressibleByArgument {}
