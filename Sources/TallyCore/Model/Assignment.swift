/// A license of a product given to a named person or a device, whether or not it is installed.
public struct Assignment: Hashable, Sendable {
    /// Who or what holds the assigned license.
    public enum Assignee: Hashable, Sendable {
        case person(Person.ID)
        case device(Device.ID)
    }

    public var product: Product.ID
    public var assignee: Assignee

    /// Creates the record; what is not given takes the estate format\'s default.
    public init(product: Product.ID, assignee: Assignee) {
        self.product = product
        self.assignee = assignee
    }
}
