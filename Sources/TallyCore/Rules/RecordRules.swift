/// The rules of the estate format for one record, given a way to look up what it refers to. The check of a whole
/// estate applies them to every record; an edit applies them to the records it touches, so that both refuse the
/// same things with the same words.
public enum RecordRules {
    /// Checks a device: its host (only a VM has one, and it is a known physical device), its user and department,
    /// and its hardware figures.
    public static func check(_ device: Device, at path: String, in lookup: some EstateLookup) throws(EstateError) {
        if let host = device.host {
            guard device.kind == .virtual else {
                throw .invalidValue(
                    path: "\(path).host", reason: "only a virtual device has a host; add \"kind\": \"virtual\"")
            }
            guard let kind = lookup.deviceKind(host) else {
                throw .unknownReference(path: "\(path).host", kind: "device", id: host.rawValue)
            }
            guard kind == .physical else {
                throw .invalidValue(
                    path: "\(path).host", reason: "host \"\(host)\" is itself virtual; name the physical host")
            }
        }
        if let user = device.user, !lookup.hasPerson(user) {
            throw .unknownReference(path: "\(path).user", kind: "person", id: user.rawValue)
        }
        if let department = device.department, !lookup.hasDepartment(department) {
            throw .unknownReference(path: "\(path).department", kind: "department", id: department.rawValue)
        }
        try checkHardware(device, path: path)
    }

    /// Checks a product's own values: its license parameters and price (suites are checked across products).
    public static func check(_ product: Product, at path: String) throws(EstateError) {
        try checkLicense(product.license, path: "\(path).license")
        try checkAmount(product.unitPrice, path: "\(path).unitPrice")
    }

    /// Checks an entitlement: its product, the products it covers (of the same metric), its scope and its terms.
    public static func check(
        _ entitlement: Entitlement, at path: String, in lookup: some EstateLookup
    )
        throws(EstateError)
    {
        guard let metric = lookup.productMetric(entitlement.product) else {
            throw .unknownReference(path: "\(path).product", kind: "product", id: entitlement.product.rawValue)
        }
        for (j, covered) in entitlement.covers.enumerated() {
            guard let coveredMetric = lookup.productMetric(covered) else {
                throw .unknownReference(path: "\(path).covers[\(j)]", kind: "product", id: covered.rawValue)
            }
            guard coveredMetric == metric else {
                throw .invalidValue(
                    path: "\(path).covers[\(j)]",
                    reason: "\"\(covered)\" is licensed by \(coveredMetric.rawValue), not by \(metric.rawValue) "
                        + "like \"\(entitlement.product)\"; an entitlement covers only products of its own metric")
            }
        }
        if let scope = entitlement.scope, !lookup.hasDepartment(scope) {
            throw .unknownReference(path: "\(path).scope.department", kind: "department", id: scope.rawValue)
        }
        try checkTerms(entitlement, path: path)
    }

    /// Checks that the quantities of one product's entitlements add up to no more than `Limits.totalUnits`.
    public static func checkSupply(_ quantities: [Int], of product: Product.ID, path: String) throws(EstateError) {
        var sum = 0
        for quantity in quantities { sum = try addSupply(sum, quantity, of: product, path: path) }
    }

    /// `sum + quantity`, the supply of a product so far, refused beyond `Limits.totalUnits`.
    public static func addSupply(
        _ sum: Int, _ quantity: Int, of product: Product.ID, path: String
    )
        throws(EstateError) -> Int
    {
        guard let next = Limits.add(sum, quantity) else {
            throw .invalidValue(
                path: path, reason: "the quantities of \"\(product)\" add up to more than \(Limits.totalUnits)")
        }
        return next
    }

    /// Checks an assignment: its product and its person or device.
    public static func check(
        _ assignment: Assignment, at path: String, in lookup: some EstateLookup
    )
        throws(EstateError)
    {
        guard lookup.productMetric(assignment.product) != nil else {
            throw .unknownReference(path: "\(path).product", kind: "product", id: assignment.product.rawValue)
        }
        switch assignment.assignee {
        case .person(let id) where !lookup.hasPerson(id):
            throw .unknownReference(path: "\(path).person", kind: "person", id: id.rawValue)
        case .device(let id) where lookup.deviceKind(id) == nil:
            throw .unknownReference(path: "\(path).device", kind: "device", id: id.rawValue)
        default: break
        }
    }

    public static func checkHardware(_ device: Device, path: String) throws(EstateError) {
        for (name, value, limit) in [
            ("processors", device.processors as Int?, Limits.processors),
            ("coresPerProcessor", device.coresPerProcessor, Limits.coresPerProcessor),
            ("vcpus", device.vcpus, Limits.vcpus),
        ] {
            guard let value else { continue }
            if !(1...limit).contains(value) {
                throw .invalidValue(path: "\(path).\(name)", reason: "must be between 1 and \(limit)")
            }
        }
    }

    public static func checkLicense(_ license: License, path: String) throws(EstateError) {
        for (name, value, limit) in [
            ("minCoresPerProcessor", license.minCoresPerProcessor, Limits.minimum),
            ("minCoresPerDevice", license.minCoresPerDevice, Limits.minimum),
            ("minCoresPerVM", license.minCoresPerVM, Limits.minimum),
            ("windowDays", license.windowDays, Limits.windowDays),
            ("minimumUsersPerProcessor", license.minimumUsersPerProcessor, Limits.minimum),
            ("minimumUsersPerDevice", license.minimumUsersPerDevice, Limits.minimum),
        ]
        where !(0...limit).contains(value) {
            throw .invalidValue(path: "\(path).\(name)", reason: "must be between 0 and \(limit)")
        }
        for (name, value) in [("devicesPerUser", license.devicesPerUser), ("vmsPerLicense", license.vmsPerLicense)] {
            if let value, !(1...Limits.perLicense).contains(value) {
                throw .invalidValue(path: "\(path).\(name)", reason: "must be between 1 and \(Limits.perLicense)")
            }
        }
        if case .value(let factor) = license.coreFactor, !(factor > 0 && factor <= 100) {
            throw .invalidValue(
                path: "\(path).coreFactor", reason: "must be a number above 0 (up to 100), or \"oracle\"")
        }
        if case .value(let pvu) = license.pvuPerCore, !(pvu > 0 && pvu <= 10_000) {
            throw .invalidValue(
                path: "\(path).pvuPerCore",
                reason: "must be a number above 0 (up to 10000), or \"ibm-pvu\"")
        }
    }

    /// An instant of license-server evidence, within `Limits.instants`.
    public static func checkInstant(_ instant: Instant, path: String) throws(EstateError) {
        if !Limits.instants.contains(instant) {
            throw .invalidValue(
                path: path, reason: "\(instant) is outside the years Tally reads evidence for, 1970 to 2099")
        }
    }

    /// A price or cost: a number from 0 up to `Limits.amount`.
    public static func checkAmount(_ amount: Double?, path: String) throws(EstateError) {
        guard let amount else { return }
        if !(0...Limits.amount).contains(amount) {
            throw .invalidValue(path: path, reason: "must be a number from 0 to \(Int(Limits.amount))")
        }
    }

    /// A contract: its term in order, a notice period of at most ten years, an owner of at most 320 characters.
    public static func check(_ contract: Contract, at path: String) throws(EstateError) {
        if let start = contract.start, let end = contract.end, end < start {
            throw .invalidValue(path: "\(path).end", reason: "\(end) is before the start \(start)")
        }
        if let start = contract.start, let renewal = contract.renewal, renewal < start {
            throw .invalidValue(path: "\(path).renewal", reason: "\(renewal) is before the start \(start)")
        }
        if let days = contract.noticeDays, !(0...3650).contains(days) {
            throw .invalidValue(path: "\(path).noticeDays", reason: "must be between 0 and 3650 days")
        }
        if let owner = contract.owner, owner.count > 320 {
            throw .invalidValue(path: "\(path).owner", reason: "must be at most 320 characters")
        }
    }

    public static func checkTerms(_ entitlement: Entitlement, path: String) throws(EstateError) {
        if let quantity = entitlement.quantity {
            if !(0...Limits.quantity).contains(quantity) {
                throw .invalidValue(path: "\(path).quantity", reason: "must be between 0 and \(Limits.quantity)")
            }
        } else if !entitlement.unlimited {
            throw .invalidValue(path: "\(path).quantity", reason: "required unless \"unlimited\" is true")
        }
        if let start = entitlement.start, let end = entitlement.end, end < start {
            throw .invalidValue(path: "\(path).end", reason: "\(end) is before the start \(start)")
        }
        try checkAmount(entitlement.unitCost, path: "\(path).unitCost")
        if let currency = entitlement.currency, !ExchangeRate.isCurrencyCode(currency) {
            throw .invalidValue(path: "\(path).currency", reason: "must be a currency code of three capitals, as USD")
        }
    }

    /// Checks that an entitlement's currency can be converted into the estate's: it is the estate's, or the estate
    /// names its own currency and has a rate for this one.
    public static func checkCurrency(
        of entitlement: Entitlement, at path: String, in conversion: CurrencyConversion
    ) throws(EstateError) {
        guard let currency = entitlement.currency, currency != conversion.currency else { return }
        guard let own = conversion.currency else {
            throw .invalidValue(
                path: "\(path).currency",
                reason: "is \(currency) but the estate names no currency of its own to convert it into; set currency")
        }
        guard conversion.converts(currency) else {
            throw .invalidValue(
                path: "\(path).currency",
                reason:
                    "is \(currency) but there is no rate from \(currency) to \(own); add one (to rates, or `tally rate set`)"
            )
        }
    }

    /// An exchange rate: a currency code other than the estate's, and a rate above 0.
    public static func check(_ rate: ExchangeRate, at path: String, estateCurrency: String?) throws(EstateError) {
        guard ExchangeRate.isCurrencyCode(rate.currency) else {
            throw .invalidValue(path: "\(path).currency", reason: "must be a currency code of three capitals, as USD")
        }
        guard rate.currency != estateCurrency else {
            throw .invalidValue(path: "\(path).currency", reason: "is the estate's own currency, which needs no rate")
        }
        guard rate.rate > 0, rate.rate <= Limits.amount else {
            throw .invalidValue(path: "\(path).rate", reason: "must be a number above 0")
        }
    }

}

/// What a record's references are checked against: the kinds of devices, the metrics of products, and which people
/// and departments exist.
public protocol EstateLookup {
    /// The kind of the device with this id; nil where there is none.
    func deviceKind(_ id: Device.ID) -> Device.Kind?
    /// The metric of the product with this id; nil where there is none.
    func productMetric(_ id: Product.ID) -> License.Metric?
    func hasPerson(_ id: Person.ID) -> Bool
    func hasDepartment(_ id: Department.ID) -> Bool
}

/// A lookup over values known in advance: what an edit fetched of the records it refers to.
public struct KnownRecords: EstateLookup, Sendable {
    public var devices: [Device.ID: Device.Kind] = [:]
    public var products: [Product.ID: License.Metric] = [:]
    public var people: Set<Person.ID> = []
    public var departments: Set<Department.ID> = []

    public init() {}

    public func deviceKind(_ id: Device.ID) -> Device.Kind? { devices[id] }
    public func productMetric(_ id: Product.ID) -> License.Metric? { products[id] }
    public func hasPerson(_ id: Person.ID) -> Bool { people.contains(id) }
    public func hasDepartment(_ id: Department.ID) -> Bool { departments.contains(id) }
}
