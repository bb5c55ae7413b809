/// A computer, physical or virtual, on which products are installed.
public struct Device: Hashable, Sendable, Identifiable {
    public typealias ID = Identifier<Device>

    /// Whether a device is hardware or a virtual machine on a host.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case physical
        case virtual
    }

    /// How a virtual machine's (or LPAR's) processors are bounded.
    public enum Partitioning: String, Hashable, Sendable, CaseIterable {
        /// By a hypervisor setting that can change at any time: publishers count the host (or cluster).
        case soft
        /// By a partitioning technology the publisher accepts (capped `vcpus`): only its own cores count.
        case hard
    }

    public var id: ID
    public var hostname: String?
    public var kind: Kind
    /// The physical device a virtual machine runs on.
    public var host: ID?
    /// The cluster of hosts (a vSphere or Hyper-V cluster, a vCenter) a host belongs to: its VMs can move to any
    /// host of it.
    public var cluster: String?
    public var partitioning: Partitioning
    public var processors: Int
    public var coresPerProcessor: Int?
    /// Virtual processors of a virtual machine.
    public var vcpus: Int?
    public var processorModel: String?
    public var serial: String?
    public var os: String?
    /// The person who uses the device.
    public var user: Person.ID?
    public var department: Department.ID?
    /// Retired devices take no part in the position.
    public var active: Bool
    /// The first day this device no longer counts; where set it decides, whatever `active` says.
    public var retired: Day?
    public var lastSeen: Day?

    /// Creates the record; what is not given takes the estate format\'s default.
    public init(
        id: ID, hostname: String? = nil, kind: Kind = .physical, host: ID? = nil, cluster: String? = nil,
        partitioning: Partitioning = .soft, processors: Int = 1,
        coresPerProcessor: Int? = nil, vcpus: Int? = nil, processorModel: String? = nil, serial: String? = nil,
        os: String? = nil, user: Person.ID? = nil, department: Department.ID? = nil, active: Bool = true,
        retired: Day? = nil, lastSeen: Day? = nil
    ) {
        self.id = id
        self.hostname = hostname
        self.kind = kind
        self.host = host
        self.cluster = cluster
        self.partitioning = partitioning
        self.processors = processors
        self.coresPerProcessor = coresPerProcessor
        self.vcpus = vcpus
        self.processorModel = processorModel
        self.serial = serial
        self.os = os
        self.user = user
        self.department = department
        self.active = active
        self.retired = retired
        self.lastSeen = lastSeen
    }

    /// Whether the device counts on `day`: before `retired` where it is set, else while `active`.
    public func counts(on day: Day) -> Bool {
        retired.map { day < $0 } ?? active
    }
}
