import TallyCore

/// The values an edit of an entitlement gives; what is nil stays. An empty version or scope clears it.
public struct EntitlementChange: Sendable, Equatable {
    public var product: Product.ID?
    public var quantity: Int?
    public var unlimited: Bool?
    public var version: String?
    public var downgrade: Bool?
    /// The products it also covers; empty leaves them as they are, `[""]` clears them.
    public var covers: [String] = []
    public var start: Day?
    public var end: Day?
    public var scope: String?
    public var unitCost: Double?
    /// The currency of `unitCost`; empty: the estate's.
    public var currency: String?
    public var costPeriod: Entitlement.CostPeriod?
    public var softwareAssurance: Bool?
    public var vendor: String?
    public var contract: String?
    public var purchaseOrder: String?
    public var notes: String?
    /// The optional values to clear (a form sent them blank); a value given as well is cleared after it is set.
    public var cleared: Set<Field> = []

    /// The optional values of an entitlement that an edit may clear.
    public enum Field: String, Sendable, CaseIterable {
        case quantity, version, start, end, scope, unitCost, currency, vendor, contract, purchaseOrder, notes
    }

    public init() {}

    /// `item` with the given values applied.
    public func applied(to item: Entitlement) -> Entitlement {
        var item = item
        if let product { item.product = product }
        if let quantity { item.quantity = quantity }
        if let unlimited { item.unlimited = unlimited }
        if let version { item.version = version.isEmpty ? nil : Version(version) }
        if let downgrade { item.downgrade = downgrade }
        if !covers.isEmpty { item.covers = covers.filter { !$0.isEmpty }.map { .init($0) } }
        if let start { item.start = start }
        if let end { item.end = end }
        if let scope { item.scope = scope.isEmpty ? nil : .init(scope) }
        if let unitCost { item.unitCost = unitCost }
        if let currency { item.currency = currency.isEmpty ? nil : currency.uppercased() }
        if let costPeriod { item.costPeriod = costPeriod }
        if let softwareAssurance { item.softwareAssurance = softwareAssurance }
        if let vendor { item.vendor = vendor }
        if let contract { item.contract = contract }
        if let purchaseOrder { item.purchaseOrder = purchaseOrder }
        if let notes { item.notes = notes }
        for field in cleared {
            switch field {
            case .quantity: item.quantity = nil
            case .version: item.version = nil
            case .start: item.start = nil
            case .end: item.end = nil
            case .scope: item.scope = nil
            case .unitCost: item.unitCost = nil
            case .currency: item.currency = nil
            case .vendor: item.vendor = nil
            case .contract: item.contract = nil
            case .purchaseOrder: item.purchaseOrder = nil
            case .notes: item.notes = nil
            }
        }
        return item
    }
}

/// The values an edit of a product gives; what is nil stays. A rule template sets the whole model first.
public struct ProductChange: Sendable, Equatable {
    public var publisher: String?
    public var name: String?
    public var rule: LicenseRule?
    public var metric: License.Metric?
    public var unitPrice: Double?
    public var minCoresPerProcessor: Int?
    public var minCoresPerDevice: Int?
    public var minCoresPerVM: Int?
    public var coreFactor: License.Rating?
    public var pvuPerCore: License.Rating?
    public var virtualization: License.Virtualization?
    public var vmRequiresRights: Bool?
    public var vmsPerLicense: Int?
    public var minimumUsersPerProcessor: Int?
    public var minimumUsersPerDevice: Int?
    public var devicesPerUser: Int?
    public var windowDays: Int?
    public var duplicates: License.Duplicates?

    public init() {}

    /// `item` with the given values applied: the rule's whole model first, then each value.
    public func applied(to item: Product) -> Product {
        var item = item
        if let rule { item.license = rule.filling(item.license) }
        if let publisher { item.publisher = publisher }
        if let name { item.name = name }
        if let unitPrice { item.unitPrice = unitPrice }
        if let metric { item.license.metric = metric }
        if let minCoresPerProcessor { item.license.minCoresPerProcessor = minCoresPerProcessor }
        if let minCoresPerDevice { item.license.minCoresPerDevice = minCoresPerDevice }
        if let minCoresPerVM { item.license.minCoresPerVM = minCoresPerVM }
        if let coreFactor { item.license.coreFactor = coreFactor }
        if let pvuPerCore { item.license.pvuPerCore = pvuPerCore }
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

/// The values an edit of a device gives; what is nil stays. An empty host, cluster, model, user or department
/// clears it.
public struct DeviceChange: Sendable, Equatable {
    public var host: String?
    public var cluster: String?
    public var partitioning: Device.Partitioning?
    public var processors: Int?
    public var coresPerProcessor: Int?
    public var vcpus: Int?
    public var processorModel: String?
    public var user: String?
    public var department: String?

    public init() {}

    /// `item` with the given values applied.
    public func applied(to item: Device) -> Device {
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
}

/// The values an edit of a contract gives; what is nil stays, an empty text or what is in `cleared` is emptied.
public struct ContractChange: Sendable, Equatable {
    public var vendor: String?
    public var number: String?
    public var start: Day?
    public var end: Day?
    public var renewal: Day?
    public var noticeDays: Int?
    public var autoRenew: Bool?
    public var owner: String?
    public var notes: String?
    public var cleared: Set<Field> = []

    /// The optional values of a contract that an edit may clear.
    public enum Field: String, Sendable, CaseIterable {
        case vendor, number, start, end, renewal, noticeDays, owner, notes
    }

    public init() {}

    /// `item` with the given values applied.
    public func applied(to item: Contract) -> Contract {
        var item = item
        if let vendor { item.vendor = vendor.isEmpty ? nil : vendor }
        if let number { item.number = number.isEmpty ? nil : number }
        if let start { item.start = start }
        if let end { item.end = end }
        if let renewal { item.renewal = renewal }
        if let noticeDays { item.noticeDays = noticeDays }
        if let autoRenew { item.autoRenew = autoRenew }
        if let owner { item.owner = owner.isEmpty ? nil : owner }
        if let notes { item.notes = notes.isEmpty ? nil : notes }
        for field in cleared {
            switch field {
            case .vendor: item.vendor = nil
            case .number: item.number = nil
            case .start: item.start = nil
            case .end: item.end = nil
            case .renewal: item.renewal = nil
            case .noticeDays: item.noticeDays = nil
            case .owner: item.owner = nil
            case .notes: item.notes = nil
            }
        }
        return item
    }
}
