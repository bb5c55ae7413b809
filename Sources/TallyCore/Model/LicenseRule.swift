/// A publisher's licensing rule as a template (spec 6.7): the metric and parameters the publisher defines, so that a
/// license manager never assembles them by hand.
public enum LicenseRule: String, Hashable, Sendable, CaseIterable {
    /// Oracle's Processor metric for Enterprise products: cores x core factor, every host of a cluster.
    case oracleProcessor = "oracle-processor"
    /// Oracle Named User Plus for Enterprise Edition: at least 25 per Oracle processor of each server.
    case oracleNUP = "oracle-nup"
    /// Oracle Named User Plus for Standard Edition 2: at least 10 per server.
    case oracleSE2NUP = "oracle-se2-nup"
    /// Microsoft's per-core licensing of SQL Server: 4 cores per processor and per VM; per VM only with rights.
    case msCore = "ms-core"
    /// Windows Server Standard: 8 cores per processor, 16 per server, every host core for each 2 VMs.
    case windowsServerStandard = "windows-server-standard"
    /// Windows Server Datacenter: 8 cores per processor, 16 per server, any number of VMs.
    case windowsServerDatacenter = "windows-server-datacenter"
    /// IBM PVU at full capacity: the whole host.
    case ibmPVU = "ibm-pvu"
    /// IBM PVU at sub-capacity: VMs by their virtual cores, never more than the host.
    case ibmPVUSubcapacity = "ibm-pvu-subcapacity"
    /// Floating licenses, counted as the license server counts them.
    case concurrent
    /// One license per named user.
    case namedUser = "named-user"
    /// One license per device.
    case device

    /// The license keys a template can set, by their name in the estate format.
    public enum Field: String, Hashable, Sendable, CaseIterable {
        case metric, minCoresPerProcessor, minCoresPerDevice, minCoresPerVM, coreFactor, pvuPerCore, virtualization,
            vmRequiresRights, vmsPerLicense, minimumUsersPerProcessor, minimumUsersPerDevice, duplicates
    }

    /// The template as a license of its own: every key it names set, the others at their defaults, and the rule
    /// remembered.
    public var license: License {
        var license = keys
        license.rule = self
        return license
    }

    private var keys: License {
        switch self {
        case .oracleProcessor:
            return License(metric: .core, coreFactor: .table(.oracle), virtualization: .cluster)
        case .oracleNUP:
            return License(
                metric: .user, coreFactor: .table(.oracle), virtualization: .cluster, minimumUsersPerProcessor: 25)
        case .oracleSE2NUP:
            return License(metric: .user, virtualization: .cluster, minimumUsersPerDevice: 10)
        case .msCore:
            return License(
                metric: .core, minCoresPerProcessor: 4, minCoresPerVM: 4, virtualization: .perVM,
                vmRequiresRights: true)
        case .windowsServerStandard:
            return License(
                metric: .core, minCoresPerProcessor: 8, minCoresPerDevice: 16, virtualization: .host,
                vmsPerLicense: 2)
        case .windowsServerDatacenter:
            return License(metric: .core, minCoresPerProcessor: 8, minCoresPerDevice: 16, virtualization: .host)
        case .ibmPVU:
            return License(metric: .pvu, pvuPerCore: .table(.ibmPVU), virtualization: .host)
        case .ibmPVUSubcapacity:
            return License(metric: .pvu, pvuPerCore: .table(.ibmPVU), virtualization: .perVM)
        case .concurrent:
            return License(metric: .concurrent, duplicates: .userHost)
        case .namedUser:
            return License(metric: .user)
        case .device:
            return License(metric: .device)
        }
    }

    /// The keys the template names (spec 6.7's table).
    public var fields: Set<Field> {
        switch self {
        case .oracleProcessor: return [.metric, .coreFactor, .virtualization]
        case .oracleNUP: return [.metric, .minimumUsersPerProcessor, .coreFactor, .virtualization]
        case .oracleSE2NUP: return [.metric, .minimumUsersPerDevice, .virtualization]
        case .msCore: return [.metric, .minCoresPerProcessor, .minCoresPerVM, .virtualization, .vmRequiresRights]
        case .windowsServerStandard:
            return [.metric, .minCoresPerProcessor, .minCoresPerDevice, .virtualization, .vmsPerLicense]
        case .windowsServerDatacenter: return [.metric, .minCoresPerProcessor, .minCoresPerDevice, .virtualization]
        case .ibmPVU, .ibmPVUSubcapacity: return [.metric, .pvuPerCore, .virtualization]
        case .concurrent: return [.metric, .duplicates]
        case .namedUser, .device: return [.metric]
        }
    }

    /// `license` with the keys the template names that are not in `given` taken from the template; the license
    /// remembers the rule.
    public func filling(_ license: License, except given: Set<Field> = []) -> License {
        var result = license
        let template = self.license
        for field in fields where !given.contains(field) {
            result.copy(field, from: template)
        }
        result.rule = self
        return result
    }
}

extension License {
    /// Sets one key to the value `other` has.
    mutating func copy(_ field: LicenseRule.Field, from other: License) {
        switch field {
        case .metric: metric = other.metric
        case .minCoresPerProcessor: minCoresPerProcessor = other.minCoresPerProcessor
        case .minCoresPerDevice: minCoresPerDevice = other.minCoresPerDevice
        case .minCoresPerVM: minCoresPerVM = other.minCoresPerVM
        case .coreFactor: coreFactor = other.coreFactor
        case .pvuPerCore: pvuPerCore = other.pvuPerCore
        case .virtualization: virtualization = other.virtualization
        case .vmRequiresRights: vmRequiresRights = other.vmRequiresRights
        case .vmsPerLicense: vmsPerLicense = other.vmsPerLicense
        case .minimumUsersPerProcessor: minimumUsersPerProcessor = other.minimumUsersPerProcessor
        case .minimumUsersPerDevice: minimumUsersPerDevice = other.minimumUsersPerDevice
        case .duplicates: duplicates = other.duplicates
        }
    }

    /// Whether one key has the same value here as in `other`.
    public func agrees(on field: LicenseRule.Field, with other: License) -> Bool {
        var copy = self
        copy.copy(field, from: other)
        return copy == self
    }
}
