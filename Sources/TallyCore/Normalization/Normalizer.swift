/// Turns raw inventory rows into products through a catalog: the first rule that matches decides; matching ignores
/// case and runs of white space.
///
/// Real inventories repeat the same rows across thousands of devices, so `normalize` remembers its answer for each
/// exact (publisher, name, version). The memory is this value's own: a copy per thread normalizes without locks.
public struct Normalizer: Sendable {
    public let catalog: Catalog
    private let index: RuleIndex
    private var cache: [SoftwareTitle: Normalization] = [:]
    /// The most answers remembered; when full, the memory starts afresh, so that an inventory of endless distinct
    /// versions cannot take all the memory there is.
    public var cacheLimit = 1 << 20

    /// A normalizer with an empty memory.
    public init(catalog: Catalog) {
        self.catalog = catalog
        index = RuleIndex(rules: catalog.decidingRules)
    }

    /// What a raw row is, remembered for the next row with the same publisher, name and version.
    public mutating func normalize(publisher: String?, name: String, version: String?) -> Normalization {
        let row = SoftwareTitle(publisher: publisher, name: name, version: version)
        if let known = cache[row] { return known }
        let result = evaluate(publisher: publisher, name: name, version: version)
        if cache.count >= cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[row] = result
        return result
    }

    /// What a raw row is, worked out afresh from the rules (the answer `normalize` gives, without its memory).
    public func evaluate(publisher: String?, name: String, version: String?) -> Normalization {
        firstMatch(publisher: publisher, name: name, version: version)?.normalization ?? .unrecognized
    }

    /// The rule that decides a raw row, or nil when none matches: why a row became a product or was ignored.
    public func rule(matching publisher: String?, name: String, version: String?) -> CatalogRule? {
        firstMatch(publisher: publisher, name: name, version: version).map { index.rules[$0.rule] }
    }

    /// The product a recognised row counts for, as an estate records it; nil for an id the catalog does not hold.
    public func product(_ id: Product.ID) -> Product? {
        catalog.product(id)?.product
    }

    /// How many distinct rows `normalize` remembers.
    public var remembered: Int { cache.count }

    private func firstMatch(
        publisher: String?, name: String, version: String?
    )
        -> (rule: Int, normalization: Normalization)?
    {
        let name = FoldedText(name).bytes
        let publisher = FoldedText(publisher ?? "").bytes
        let version = FoldedText(version ?? "").bytes
        return name.withUnsafeBufferPointer { name in
            publisher.withUnsafeBufferPointer { publisher in
                version.withUnsafeBufferPointer { version in
                    index.firstMatch(name: name, publisher: publisher, version: version)
                }
            }
        }
    }
}
