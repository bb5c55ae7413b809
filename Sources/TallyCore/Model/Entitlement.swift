/// A right to use a product that the organisation bought: a purchase line, a contract, a subscription.
public struct Entitlement: Hashable, Sendable, Identifiable {
    public typealias ID = Identifier<Entitlement>

    /// How often `unitCost` is paid.
    public enum CostPeriod: String, Hashable, Sendable, CaseIterable {
        case once, month, year
    }

    public var id: ID
    public var product: Product.ID
    /// Units bought; ignored where `unlimited`.
    public var quantity: Int?
    /// The version licensed; nil covers every version.
    public var version: Version?
    /// Whether earlier versions than `version` are covered too.
    public var downgrade: Bool
    /// Other products of the same metric this entitlement also covers.
    public var covers: [Product.ID]
    /// First day of the term; nil is open.
    public var start: Day?
    /// Last day of the term, inclusive; nil is open.
    public var end: Day?
    public var unlimited: Bool
    /// Only consumers in this department (or its sub-departments) are covered; nil is the whole organisation.
    public var scope: Department.ID?
    public var unitCost: Double?
    /// The currency `unitCost` is in (ISO 4217); nil is the estate's.
    public var currency: String?
    public var costPeriod: CostPeriod
    /// Whether Software Assurance (or an equivalent maintenance offering) comes with it: it grants rights such as
    /// licensing by virtual machine.
    public var softwareAssurance: Bool
    public var vendor: String?
    public var contract: String?
    public var purchaseOrder: String?
    public var notes: String?

    /// Creates the record; what is not given takes the estate format\'s default.
    public init(
        id: ID, product: Product.ID, quantity: Int?, version: Version? = nil, downgrade: Bool = false,
        covers: [Product.ID] = [], start: Day? = nil, end: Day? = nil, unlimited: Bool = false,
        scope: Department.ID? = nil, unitCost: Double? = nil, costPeriod: CostPeriod = .once,
        softwareAssurance: Bool = false, vendor: String? = nil, contract: String? = nil, purchaseOrder: String? = nil,
        notes: String? = nil, currency: String? = nil
    ) {
        self.id = id
        self.product = product
        self.quantity = quantity
        self.version = version
        self.downgrade = downgrade
        self.covers = covers
        self.start = start
        self.end = end
        self.unlimited = unlimited
        self.scope = scope
        self.unitCost = unitCost
        self.costPeriod = costPeriod
        self.softwareAssurance = softwareAssurance
        self.vendor = vendor
        self.contract = contract
        self.purchaseOrder = purchaseOrder
        self.notes = notes
        self.currency = currency
    }

    /// Whether it grants the rights of Software Assurance, such as licensing by virtual machine: with Software
    /// Assurance, or as a subscription (paid by the month or year), which carries the same rights.
    public var hasVirtualizationRights: Bool {
        softwareAssurance || costPeriod != .once
    }

    /// Whether the term includes `day` (`start <= day <= end`, open ends open).
    public func isActive(on day: Day) -> Bool {
        (start.map { $0 <= day } ?? true) && (end.map { day <= $0 } ?? true)
    }
}
