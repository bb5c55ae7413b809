/// Everything the license position is computed from: the organisation, what it runs, and what it bought.
public struct Estate: Sendable, Equatable {
    /// The date the position is computed for.
    public var asOf: Day
    public var currency: String?
    public var departments: [Department]
    public var people: [Person]
    public var devices: [Device]
    public var products: [Product]
    public var installations: [Installation]
    public var usage: [UsageSession]
    public var denials: [Denial]
    public var assignments: [Assignment]
    public var entitlements: [Entitlement]
    public var contracts: [Contract]
    /// Exchange rates into `currency`, for entitlements priced in another.
    public var rates: [ExchangeRate]

    /// Creates the record; what is not given takes the estate format\'s default.
    public init(
        asOf: Day, currency: String? = nil, departments: [Department] = [], people: [Person] = [],
        devices: [Device] = [], products: [Product] = [], installations: [Installation] = [],
        usage: [UsageSession] = [], denials: [Denial] = [], assignments: [Assignment] = [],
        entitlements: [Entitlement] = [], contracts: [Contract] = [], rates: [ExchangeRate] = []
    ) {
        self.asOf = asOf
        self.currency = currency
        self.departments = departments
        self.people = people
        self.devices = devices
        self.products = products
        self.installations = installations
        self.usage = usage
        self.denials = denials
        self.assignments = assignments
        self.entitlements = entitlements
        self.contracts = contracts
        self.rates = rates
    }
}
