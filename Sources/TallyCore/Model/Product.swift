/// A licensed product and the model it is licensed under.
public struct Product: Hashable, Sendable, Identifiable {
    public typealias ID = Identifier<Product>

    public var id: ID
    public var publisher: String?
    public var name: String?
    public var license: License
    /// The price of one license unit at an audit; exposure uses it before any purchase's cost.
    public var unitPrice: Double?
    /// The products this suite is made of: their installations count as installations of the suite.
    public var components: [ID]

    /// Creates the record; what is not given takes the estate format\'s default.
    public init(
        id: ID, publisher: String? = nil, name: String? = nil, license: License = License(),
        unitPrice: Double? = nil, components: [ID] = []
    ) {
        self.id = id
        self.publisher = publisher
        self.name = name
        self.license = license
        self.unitPrice = unitPrice
        self.components = components
    }
}
