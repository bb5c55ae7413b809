/// A product a catalog recognizes: the stable id that rules map rows to, with its publisher and name as the license
/// manager knows them.
public struct CatalogProduct: Hashable, Sendable, Identifiable {
    public var id: Product.ID
    public var publisher: String
    public var name: String

    /// A product of the catalog.
    public init(id: Product.ID, publisher: String, name: String) {
        self.id = id
        self.publisher = publisher
        self.name = name
    }

    /// The product as an estate records it, under the default license until one is set.
    public var product: Product {
        Product(id: id, publisher: publisher, name: name)
    }
}
