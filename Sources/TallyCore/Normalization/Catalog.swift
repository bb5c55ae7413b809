/// A software catalog: the ordered rules that turn raw inventory rows into products (or set them aside), and the
/// products they name. The first rule that matches a row decides, so specific rules come before general ones.
public struct Catalog: Sendable {
    public let products: [CatalogProduct]
    public let rules: [CatalogRule]
    /// The publishers known beyond the rules: after the rules, titles of free-software publishers are set aside, and
    /// titles of commercial ones the rules do not know are probably licensable.
    public let publishers: PublisherTable
    private let productPositions: [Product.ID: Int]
    private let rulePositions: [CatalogRule.ID: Int]

    /// A catalog, checked whole: unique ids, rules that name products of the catalog, and versions whose every
    /// placeholder some pattern of the rule captures. Problems name their path (`rules[12].product`).
    public init(
        products: [CatalogProduct], rules: [CatalogRule], publishers: PublisherTable = PublisherTable()
    ) throws(CatalogError) {
        var productPositions: [Product.ID: Int] = [:]
        for (index, product) in products.enumerated() {
            let path = "products[\(index)]"
            guard !product.id.rawValue.isEmpty else { throw .invalid(path: path + ".id", reason: "is empty") }
            if let first = productPositions[product.id] {
                throw .invalid(
                    path: path + ".id",
                    reason: "\"\(product.id)\" is already the id of products[\(first)]; ids must be unique")
            }
            guard !product.publisher.isEmpty else {
                throw .invalid(path: path + ".publisher", reason: "is empty; write the publisher's name")
            }
            guard !product.name.isEmpty else {
                throw .invalid(path: path + ".name", reason: "is empty; write the product's name")
            }
            productPositions[product.id] = index
        }
        var rulePositions: [CatalogRule.ID: Int] = [:]
        for (index, rule) in rules.enumerated() {
            let path = "rules[\(index)]"
            guard !rule.id.rawValue.isEmpty else { throw .invalid(path: path + ".id", reason: "is empty") }
            if let first = rulePositions[rule.id] {
                throw .invalid(
                    path: path + ".id",
                    reason: "\"\(rule.id)\" is already the id of rules[\(first)]; ids must be unique"
                )
            }
            rulePositions[rule.id] = index
            try Self.check(rule, at: path, products: productPositions, allProducts: products)
        }
        for rule in publishers.setAsideRules where rulePositions[rule.id] != nil {
            throw .invalid(
                path: "rules[\(rulePositions[rule.id] ?? 0)].id",
                reason: "\"\(rule.id)\" is the id the publisher table gives its rule for free software; choose another")
        }
        self.products = products
        self.rules = rules
        self.publishers = publishers
        self.productPositions = productPositions
        self.rulePositions = rulePositions
    }

    /// The product with this id.
    public func product(_ id: Product.ID) -> CatalogProduct? {
        productPositions[id].map { products[$0] }
    }

    /// The rule with this id: what a license manager looks up to see why a row was ignored.
    public func rule(_ id: CatalogRule.ID) -> CatalogRule? {
        rulePositions[id].map { rules[$0] } ?? publishers.setAsideRules.first { $0.id == id }
    }

    /// The rules in the order they decide: the catalog's, then the publisher table's for free software.
    public var decidingRules: [CatalogRule] {
        rules + publishers.setAsideRules
    }

    /// The ids of the products that some rule maps rows to.
    public var recognizedProducts: Set<Product.ID> {
        Set(rules.compactMap { if case .product(let id, _) = $0.outcome { id } else { nil } })
    }

    private static func check(
        _ rule: CatalogRule, at path: String, products: [Product.ID: Int], allProducts: [CatalogProduct]
    ) throws(CatalogError) {
        guard !rule.name.isEmpty else {
            throw .invalid(path: path + ".name", reason: "is missing; a rule needs at least one name pattern")
        }
        switch rule.outcome {
        case .product(let id, let version):
            guard products[id] != nil else {
                throw .invalid(
                    path: path + ".product", reason: "no product \"\(id)\" in products; add it there or correct the id")
            }
            if let version { try checkLabels(of: version, in: rule, at: path) }
        case .componentOf(let suite):
            let prefix = suite.rawValue + "-"
            guard products[suite] != nil || allProducts.contains(where: { $0.id.rawValue.hasPrefix(prefix) }) else {
                throw .invalid(
                    path: path + ".componentOf",
                    reason: "\"\(suite)\" is neither a product in products nor the start of a product's id")
            }
        case .ignore:
            break
        }
        guard !rule.releases.isEmpty else { return }
        guard case .product(_, let version) = rule.outcome, version != nil else {
            throw .invalid(
                path: path + ".releases",
                reason: "renames the versions a rule writes: give the rule a product and a version")
        }
    }

    /// Every label of the version must be captured exactly once, whichever name and publisher pattern matches.
    private static func checkLabels(
        of template: VersionTemplate, in rule: CatalogRule, at path: String
    )
        throws(CatalogError)
    {
        let publishers: [Pattern?] = rule.publisher.isEmpty ? [nil] : rule.publisher
        for label in template.labels {
            for name in rule.name {
                for publisher in publishers {
                    var owners: [String] = []
                    if name.labels.contains(label) { owners.append("the name pattern \"\(name)\"") }
                    if let publisher, publisher.labels.contains(label) {
                        owners.append("the publisher pattern \"\(publisher)\"")
                    }
                    if let raw = rule.rawVersion, raw.labels.contains(label) {
                        owners.append("the rawVersion pattern \"\(raw)\"")
                    }
                    if owners.isEmpty {
                        throw .invalid(
                            path: path + ".version",
                            reason: "uses {\(label)}, which the name pattern \"\(name)\" does not capture"
                                + (rule.rawVersion == nil && rule.publisher.isEmpty ? "" : " nor any other pattern")
                                + "; add {\(label)} to it or use rawVersion")
                    }
                    if owners.count > 1 {
                        throw .invalid(
                            path: path + ".version",
                            reason: "uses {\(label)}, which both \(owners[0]) and \(owners[1]) capture; "
                                + "give one of them another label, as in {other:kind}")
                    }
                }
            }
        }
    }
}
