/// How a product is counted: its metric and the parameters the metric takes.
public struct License: Hashable, Sendable {
    /// What one license unit is.
    public enum Metric: String, Hashable, Sendable, CaseIterable {
        case device, user, concurrent, core, processor, pvu
    }

    /// How virtual machines count under `core`, `processor` and `pvu`.
    public enum Virtualization: String, Hashable, Sendable, CaseIterable {
        /// Each virtual machine counts by its own virtual processors.
        case perVM
        /// A virtual machine never counts by itself: its host counts once, in full.
        case host
        /// A virtual machine makes every host of its host's cluster count once, in full: it could run on any.
        case cluster
    }

    /// When several usage sessions of a product hold one license, as a license server counts them (FlexNet's
    /// DUP_GROUP): overlapping sessions with the same key are one license.
    public enum Duplicates: String, Hashable, Sendable, CaseIterable {
        /// Sessions of one user on one host at once are one license.
        case userHost
        /// Sessions of one user at once are one license, whatever the host.
        case user
        /// Sessions on one host at once are one license, whatever the user.
        case host
        /// Every session is a license of its own (`"none"` in the estate format: no grouping).
        case separate = "none"
    }

    /// A per-processor figure (core factor, PVU per core): a number, or a vendor table looked up by processor model.
    public enum Rating: Hashable, Sendable {
        case value(Double)
        case table(ProcessorTable.Name)
    }

    public var metric: Metric
    public var minCoresPerProcessor: Int
    public var minCoresPerDevice: Int
    public var minCoresPerVM: Int
    public var coreFactor: Rating
    public var pvuPerCore: Rating
    public var virtualization: Virtualization
    /// Under `user`: how many devices one user license allows.
    public var devicesPerUser: Int?
    /// Under `concurrent`: how many days before `asOf` the peak is looked for.
    public var windowDays: Int
    /// Which sessions count as one license; nil takes the default (`userHost` under `concurrent`, else `separate`).
    public var duplicates: Duplicates?
    /// Under `perVM`: a virtual machine is licensed by itself only with an entitlement that grants virtualization
    /// rights (Software Assurance or a subscription); without one its host counts in full.
    public var vmRequiresRights: Bool
    /// Under `core` with `host` virtualization: licensing all of a host's cores covers this many VMs on it; each
    /// further group of VMs needs the host's cores again (Windows Server Standard: 2).
    public var vmsPerLicense: Int?
    /// Under `user`: the named users each server needs at least, per processor (cores x core factor, rounded up).
    public var minimumUsersPerProcessor: Int
    /// Under `user`: the named users each server needs at least.
    public var minimumUsersPerDevice: Int
    /// The publisher's rule template the model was set from, where one was.
    public var rule: LicenseRule?

    /// The duplicates rule that applies: the one set, else `userHost` under `concurrent` and `separate` otherwise.
    public var countedDuplicates: Duplicates {
        duplicates ?? (metric == .concurrent ? .userHost : .separate)
    }

    /// Creates the record; what is not given takes the estate format\'s default.
    public init(
        metric: Metric = .device, minCoresPerProcessor: Int = 0, minCoresPerDevice: Int = 0, minCoresPerVM: Int = 0,
        coreFactor: Rating = .value(1), pvuPerCore: Rating = .value(100), virtualization: Virtualization = .perVM,
        devicesPerUser: Int? = nil, windowDays: Int = 90, duplicates: Duplicates? = nil,
        vmRequiresRights: Bool = false, vmsPerLicense: Int? = nil, minimumUsersPerProcessor: Int = 0,
        minimumUsersPerDevice: Int = 0, rule: LicenseRule? = nil
    ) {
        self.metric = metric
        self.minCoresPerProcessor = minCoresPerProcessor
        self.minCoresPerDevice = minCoresPerDevice
        self.minCoresPerVM = minCoresPerVM
        self.coreFactor = coreFactor
        self.pvuPerCore = pvuPerCore
        self.virtualization = virtualization
        self.devicesPerUser = devicesPerUser
        self.windowDays = windowDays
        self.duplicates = duplicates
        self.vmRequiresRights = vmRequiresRights
        self.vmsPerLicense = vmsPerLicense
        self.minimumUsersPerProcessor = minimumUsersPerProcessor
        self.minimumUsersPerDevice = minimumUsersPerDevice
        self.rule = rule
    }
}

extension License.Duplicates {
    /// Whose overlapping sessions the rule makes one license, in words: "one user on one host".
    public var holder: String {
        switch self {
        case .userHost: return "one user on one host"
        case .user: return "one user"
        case .host: return "one host"
        case .separate: return "one session"
        }
    }
}
