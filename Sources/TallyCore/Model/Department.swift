/// A part of the organisation that owns devices and people and can hold scoped entitlements.
public struct Department: Hashable, Sendable, Identifiable {
    public typealias ID = Identifier<Department>

    public var id: ID
    public var name: String?
    public var costCenter: String?
    /// The department this one belongs to; a scope on the parent also covers its sub-departments.
    public var parent: ID?

    /// Creates the record; what is not given takes the estate format\'s default.
    public init(id: ID, name: String? = nil, costCenter: String? = nil, parent: ID? = nil) {
        self.id = id
        self.name = name
        self.costCenter = costCenter
        self.parent = parent
    }
}
