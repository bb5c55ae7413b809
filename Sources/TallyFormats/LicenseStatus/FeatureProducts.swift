import TallyCore

/// Which product a license-server feature counts for: the product it is mapped to, else the product
/// `VENDOR:FEATURE` (licensed `concurrent`), made the first time the feature is seen.
public struct FeatureProducts: Sendable {
    /// The products made for features seen for the first time, in the order they were met.
    public private(set) var added: [Product] = []
    private var known: Set<Product.ID>
    private let map: [String: Product.ID]

    /// Resolves features against the products that exist (`known`) and a feature map keyed by `VENDOR:FEATURE`.
    public init(known: Set<Product.ID>, map: [String: Product.ID]) {
        self.known = known
        self.map = map
    }

    /// The key of a feature in a feature map, and the id of its own product: `MLM:MATLAB`.
    public static func key(vendor: String, feature: String) -> String { vendor + ":" + feature }

    /// The product a feature counts for, making `VENDOR:FEATURE` when the feature is neither mapped nor known.
    public mutating func product(vendor: String, feature: String) -> Product.ID {
        let key = Self.key(vendor: vendor, feature: feature)
        if let mapped = map[key] { return mapped }
        let id = Product.ID(key)
        if known.insert(id).inserted {
            added.append(Product(id: id, publisher: vendor, name: feature, license: License(metric: .concurrent)))
        }
        return id
    }
}
