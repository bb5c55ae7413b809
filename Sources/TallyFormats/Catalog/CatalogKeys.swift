/// The keys of each object of the catalog format; any other key is an error.
enum CatalogKey: String, CaseIterable, Sendable {
    case format, products, rules
}

enum CatalogProductKey: String, CaseIterable, Sendable {
    case id, publisher, name
}

enum CatalogRuleKey: String, CaseIterable, Sendable {
    case id, publisher, name, rawVersion, product, version, releases, componentOf, ignore, note
}

enum PublisherFileKey: String, CaseIterable, Sendable {
    case format, publishers
}

enum PublisherKey: String, CaseIterable, Sendable {
    case name, patterns, kind
}

/// One shared table per object kind, built once.
enum CatalogKeys {
    static let catalog = KeyTable<CatalogKey>()
    static let product = KeyTable<CatalogProductKey>()
    static let rule = KeyTable<CatalogRuleKey>()
    static let publisherFile = KeyTable<PublisherFileKey>()
    static let publisher = KeyTable<PublisherKey>()
}
