import ArgumentParser
import TallyApp
import TallyCore

/// Runs one edit on the store and says what was done.
func edit(
    _ store: StoreOptions, _ who: ActorOptions, done message: String,
    _ body: (Operations, Caller) async throws(TallyError) -> Void
) async throws(CommandError) {
    let operations = try store.operations()
    do throws(TallyError) {
        try await body(operations, who.caller)
    } catch {
        throw store.failure(error)
    }
    Terminal.write(message + "\n")
}

/// `tally device retire`.
struct DeviceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device", abstract: "Change or retire a device, or see the software inventories found on it.",
        subcommands: [Edit.self, Retire.self, Software.self])

    /// Changes what the estate says of a device's hardware and place: its host, cluster, partitioning, processors.
    struct Edit: AsyncParsableCommand {
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
        @OptionGroup var who: ActorOptions

        /// The values given.
        var change: DeviceChange {
            var change = DeviceChange()
            change.host = host
            change.cluster = cluster
            change.partitioning = partitioning
            change.processors = processors
            change.coresPerProcessor = coresPerProcessor
            change.vcpus = vcpus
            change.processorModel = processorModel
            change.user = user
            change.department = department
            return change
        }

        func run() async throws {
            try await reportingErrors {
                try await edit(store, who, done: "Changed device \(id).") { operations, caller throws(TallyError) in
                    try await operations.editDevice(.init(id), change, by: caller)
                }
            }
        }
    }

    /// Marks a device retired: it stays on record and no longer counts from the day given.
    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Retire a device: it stays on record, uncounted from the day given.",
            discussion: "Positions on earlier dates (`tally reconcile --as-of`) still count it.")

        @Argument(help: "The device's id.")
        var id: String

        @Option(name: .long, help: "The first day it no longer counts (YYYY-MM-DD; default: today).")
        var on: Day?

        @OptionGroup var store: StoreOptions
        @OptionGroup var who: ActorOptions

        func run() async throws {
            try await reportingErrors {
                let day = on ?? Terminal.today
                try await edit(store, who, done: "Retired device \(id) on \(day).") {
                    operations, caller throws(TallyError) in
                    try await operations.retireDevice(.init(id), on: day, by: caller)
                }
            }
        }
    }
}

/// `tally person retire`.
struct PersonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "Retire a person who left.", subcommands: [Retire.self])

    /// Marks a person retired: they stay on record and no longer count from the day given.
    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Retire a person who left: they stay on record, uncounted from the day given.",
            discussion: "Positions on earlier dates (`tally reconcile --as-of`) still count them.")

        @Argument(help: "The person's id.")
        var id: String

        @Option(name: .long, help: "The first day they no longer count (YYYY-MM-DD; default: today).")
        var on: Day?

        @OptionGroup var store: StoreOptions
        @OptionGroup var who: ActorOptions

        func run() async throws {
            try await reportingErrors {
                let day = on ?? Terminal.today
                try await edit(store, who, done: "Retired person \(id) on \(day).") {
                    operations, caller throws(TallyError) in
                    try await operations.retirePerson(.init(id), on: day, by: caller)
                }
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
struct AssignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Assign a license of a product to a person or a device.")

    @OptionGroup var assignee: AssigneeOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var who: ActorOptions

    func run() async throws {
        try await reportingErrors {
            try await edit(store, who, done: "Assigned \(assignee.product) to \(assignee.description).") {
                operations, caller throws(TallyError) in
                try await operations.assign(assignee.assignment, by: caller)
            }
        }
    }
}

/// `tally unassign`.
struct UnassignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unassign", abstract: "Take back a license of a product from a person or a device.")

    @OptionGroup var assignee: AssigneeOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var who: ActorOptions

    func run() async throws {
        try await reportingErrors {
            try await edit(store, who, done: "Unassigned \(assignee.product) from \(assignee.description).") {
                operations, caller throws(TallyError) in
                try await operations.unassign(assignee.assignment, by: caller)
            }
        }
    }
}

extension Device.Partitioning: ExpressibleByArgument {}
