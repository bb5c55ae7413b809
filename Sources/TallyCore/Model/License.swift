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

    /// The duplicates rule that applies: the one set, else `userHost` under `concurrent` and `separate` otherwise.
    public var countedDuplicates: Duplicates {
        duplicates ?? (metric == .concurrent ? .userHost : .separate)
    }

    /// Creates the record; what is not given takes the estate format\'s default.
    public init(
        metric: Metric = .device, minCoresPerProcessor: Int = 0, minCoresPerDevice: Int = 0, minCoresPerVM: Int = 0,
        coreFactor: Rating = .value(1), pvuPerCore: Rating = .value(100), virtualization: Virtualization = .perVM,
        devicesPerUser: Int? = nil, windowDays: Int = 90, duplicates: Duplicates? = nil
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
