import Testing

@testable import TallyCore

/// The publisher table: known publishers by their raw names, free ones set aside after every rule, commercial ones
/// marking unknown titles as probably licensable.
@Suite("Publisher table")
struct PublisherTableTests {
    static func table() throws -> PublisherTable {
        try PublisherTable([
            .init(name: "Proxy Networks", patterns: [try Pattern("Proxy Networks*")], kind: .commercial),
            .init(
                name: "Kaspersky", patterns: [try Pattern("Kaspersky*"), try Pattern("*Лаборатория Касперского*")],
                kind: .commercial),
            .init(name: "Colin Harrison", patterns: [try Pattern("Colin Harrison")], kind: .free),
            .init(name: "The GIMP Team", patterns: [try Pattern("The GIMP Team*")], kind: .free),
        ])
    }

    @Test("A raw publisher is found by any of its patterns, ignoring case; an unknown one is nil")
    func lookups() throws {
        let table = try Self.table()
        #expect(table.publisher(of: "Proxy Networks, Inc.")?.name == "Proxy Networks")
        #expect(table.publisher(of: "PROXY NETWORKS")?.kind == .commercial)
        #expect(table.publisher(of: "АО «Лаборатория Касперского»")?.name == "Kaspersky")
        #expect(table.publisher(of: "Colin Harrison")?.kind == .free)
        #expect(table.publisher(of: "Colin Harrison Ltd") == nil, "a pattern matches the whole publisher")
        #expect(table.publisher(of: "Contoso") == nil)
        #expect(table.publisher(of: nil) == nil)
        #expect(table.publisher(of: "") == nil)
    }

    @Test("Free publishers set their titles aside after every rule of the catalog; commercial ones do not")
    func setAside() throws {
        let products = [CatalogProduct(id: "gimp-pro", publisher: "The GIMP Team", name: "GIMP Pro")]
        let catalog = try Catalog(
            products: products,
            rules: [try NormalizerTests.rule("gimp-pro", ["GIMP Pro*"], NormalizerTests.product("gimp-pro"))],
            publishers: try Self.table())
        let normalizer = Normalizer(catalog: catalog)
        #expect(
            normalizer.evaluate(publisher: "Colin Harrison", name: "Xming 7.5", version: "7.5")
                == .ignored("free-publisher-colin-harrison"))
        #expect(catalog.rule("free-publisher-colin-harrison")?.note == "Colin Harrison publishes free software only")
        #expect(
            normalizer.evaluate(publisher: "The GIMP Team", name: "GIMP Pro 3", version: nil)
                == .product("gimp-pro", nil), "a rule of the catalog comes first")
        #expect(
            normalizer.evaluate(publisher: "Proxy Networks, Inc.", name: "PROXY Pro Host", version: "7.0")
                == .unrecognized)
        #expect(catalog.decidingRules.count == 3)
    }

    @Test("A publisher needs a name and patterns; a catalog rule cannot take a set-aside rule's id")
    func refusals() throws {
        #expect(
            throws: CatalogError.invalid(path: "publishers[0].name", reason: "is empty; write the publisher's name")
        ) {
            try PublisherTable([.init(name: "", patterns: [try Pattern("X*")], kind: .free)])
        }
        #expect(
            throws: CatalogError.invalid(
                path: "publishers[0].patterns", reason: "is empty; give the raw publishers it is written as")
        ) {
            try PublisherTable([.init(name: "X", patterns: [], kind: .free)])
        }
        let clash = try NormalizerTests.rule("free-publisher-colin-harrison", ["X*"], .ignore(.free))
        #expect(throws: CatalogError.self) {
            try Catalog(products: [], rules: [clash], publishers: try Self.table())
        }
    }

    @Test("Two free publishers whose names make one id get ids of their own")
    func uniqueIDs() throws {
        let table = try PublisherTable([
            .init(name: "Foo Bar", patterns: [try Pattern("Foo Bar*")], kind: .free),
            .init(name: "Foo-Bar", patterns: [try Pattern("Foo-Bar*")], kind: .free),
        ])
        #expect(table.setAsideRules.map(\.id.rawValue) == ["free-publisher-foo-bar", "free-publisher-foo-bar-1"])
    }
}
