import Testing

@testable import TallyCore

/// A catalog is checked whole, and each problem names its path and what to do.
@Suite("Catalog checks")
struct CatalogTests {
    private typealias Rule = NormalizerTests

    private let products = NormalizerTests.products

    @Test("A valid catalog finds its products and rules by id")
    func lookups() throws {
        let catalog = try NormalizerTests.catalog()
        #expect(catalog.product("teamviewer")?.name == "TeamViewer")
        #expect(catalog.product("teamviewer")?.product.publisher == "TeamViewer")
        #expect(catalog.rule("idea-community")?.outcome == .ignore(.free))
        #expect(
            catalog.recognizedProducts == [
                "office-proplus", "office-standard", "idea-ultimate", "teamviewer", "acrobat",
            ])
    }

    @Test("Two products or rules with one id are refused")
    func duplicates() throws {
        #expect(
            throws: CatalogError.invalid(
                path: "products[1].id", reason: "\"a\" is already the id of products[0]; ids must be unique")
        ) {
            try Catalog(
                products: [
                    CatalogProduct(id: "a", publisher: "P", name: "A"),
                    CatalogProduct(id: "a", publisher: "P", name: "B"),
                ], rules: [])
        }
        let rule = try Rule.rule("same", ["A*"], .ignore(.free))
        #expect(
            throws: CatalogError.invalid(
                path: "rules[1].id", reason: "\"same\" is already the id of rules[0]; ids must be unique")
        ) {
            try Catalog(products: [], rules: [rule, rule])
        }
    }

    @Test("A rule must name a product of the catalog, and a suite that is a product or the start of one")
    func references() throws {
        #expect(
            throws: CatalogError.invalid(
                path: "rules[0].product", reason: "no product \"visio\" in products; add it there or correct the id")
        ) {
            try Catalog(
                products: products, rules: [try Rule.rule("visio", ["Microsoft Visio*"], Rule.product("visio"))])
        }
        #expect(
            throws: CatalogError.invalid(
                path: "rules[0].componentOf",
                reason: "\"offic\" is neither a product in products nor the start of a product's id")
        ) {
            try Catalog(
                products: products, rules: [try Rule.rule("lp", ["Office Language Pack*"], .componentOf("offic"))])
        }
        _ = try Catalog(
            products: products, rules: [try Rule.rule("lp", ["Office Language Pack*"], .componentOf("office"))])
    }

    @Test("Every placeholder of a version must be captured once, whichever pattern of the rule matches")
    func versionLabels() throws {
        #expect(
            throws: CatalogError.invalid(
                path: "rules[0].version",
                reason: "uses {year}, which the name pattern \"Office ProPlus*\" does not capture; "
                    + "add {year} to it or use rawVersion")
        ) {
            try Catalog(
                products: products,
                rules: [
                    try Rule.rule(
                        "office", ["Office ProPlus {year}*", "Office ProPlus*"],
                        Rule.product("office-proplus", version: "{year}"))
                ])
        }
        #expect(
            throws: CatalogError.invalid(
                path: "rules[0].version",
                reason: "uses {major}, which both the name pattern \"TeamViewer {major:number}*\" and the rawVersion "
                    + "pattern \"{major:number}*\" capture; give one of them another label, as in {other:kind}")
        ) {
            try Catalog(
                products: products,
                rules: [
                    try Rule.rule(
                        "tv", ["TeamViewer {major:number}*"], rawVersion: "{major:number}*",
                        Rule.product("teamviewer", version: "{major}"))
                ])
        }
    }

    @Test("A version template that cannot be read says why")
    func templates() {
        #expect(throws: CatalogError.invalidTemplate(template: "{year", reason: "opens { without closing it")) {
            try VersionTemplate("{year")
        }
        #expect(throws: CatalogError.invalidTemplate(template: "year}", reason: "closes } without opening it")) {
            try VersionTemplate("year}")
        }
        #expect(
            throws: CatalogError.invalidTemplate(
                template: "{2x}", reason: "names \"{2x}\"; write the label of a placeholder, as in {year}")
        ) {
            try VersionTemplate("{2x}")
        }
        #expect((try? VersionTemplate("R{release}"))?.labels == ["release"])
    }
}
