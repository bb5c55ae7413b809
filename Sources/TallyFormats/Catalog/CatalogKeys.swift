/// The keys of each object of the catalog format; any other key is an error.
enum CatalogKey: String, CaseIterable, Sendable {
    case format, products, rules
}

enum CatalogProductKey: String, CaseIterable, Sendable {
    case id, publisher, name
}

enum CatalogRuleKey: String, CaseIterable, Sendable {
    case id, publisher, name, rawVersion, product, version, componentOf, ignore, note
}

/// One shared table per object kind, built once.
enum CatalogKeys {
    static let catalog = KeyTable<CatalogKey>()
    static let product = KeyTable<CatalogProductKey>()
    static let rule = KeyTable<CatalogRuleKey>()
}
