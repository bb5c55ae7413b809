import Foundation
import TallyCore
import Testing

@testable import TallyFormats

/// The catalog shipped with Tally, on raw rows as Windows Add/Remove Programs, macOS, dpkg and rpm report them.
@Suite("Built-in catalog")
struct BuiltinCatalogTests {
    static let catalog: Catalog? = try? CatalogFile.builtin()

    static func normalizer() throws -> Normalizer {
        Normalizer(catalog: try #require(catalog, "the built-in catalog loads"))
    }

    /// A raw row and the product and clean version it must become.
    struct Expected: CustomTestStringConvertible, Sendable {
        let publisher: String?
        let name: String
        let version: String?
        let product: String
        let clean: String?

        init(_ publisher: String?, _ name: String, _ version: String?, _ product: String, _ clean: String? = nil) {
            self.publisher = publisher
            self.name = name
            self.version = version
            self.product = product
            self.clean = clean
        }

        var testDescription: String { name }
    }

    @Test("It loads from the bundle and recognizes at least 150 commercial products")
    func loads() throws {
        let catalog = try #require(Self.catalog)
        #expect(catalog.recognizedProducts.count >= 150)
        #expect(Set(catalog.products.map(\.id)) == catalog.recognizedProducts, "every product has a rule")
    }

    @Test("The file is written the way CatalogFile.encode writes it, so edits through Tally change nothing else")
    func canonical() throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/TallyFormats/Catalog/builtin-catalog.json")
        let original = Array(try Data(contentsOf: source))
        #expect(CatalogFile.encode(try CatalogFile.decode(original)) == original)
    }

    @Test("Microsoft titles map to their edition and release", arguments: microsoft)
    func microsoftTitles(_ row: Expected) throws {
        try Self.check(row)
    }

    @Test("Adobe and Autodesk titles map to their product and release", arguments: adobeAutodesk)
    func adobeAutodeskTitles(_ row: Expected) throws {
        try Self.check(row)
    }

    @Test("Oracle, IBM, VMware, SAP, MathWorks, Ansys, Siemens and Dassault titles", arguments: enterprise)
    func enterpriseTitles(_ row: Expected) throws {
        try Self.check(row)
    }

    @Test("Developer, engineering, analytics, PDF and utility titles", arguments: tools)
    func toolTitles(_ row: Expected) throws {
        try Self.check(row)
    }

    static func check(_ row: Expected) throws {
        let result = try normalizer().evaluate(publisher: row.publisher, name: row.name, version: row.version)
        #expect(result == .product(.init(row.product), row.clean.map(Version.init)))
    }

    @Test("Free editions of commercial titles are ignored", arguments: freeEditions)
    func freeEdition(_ row: SoftwareTitle) throws {
        let normalizer = try Self.normalizer()
        let result = normalizer.evaluate(publisher: row.publisher, name: row.name, version: row.version)
        guard case .ignored = result else {
            Issue.record("\(row.name) became \(result)")
            return
        }
    }

    @Test("Operating-system packages, drivers, runtimes, updates and free software are ignored", arguments: systemRows)
    func systemRow(_ row: SoftwareTitle) throws {
        let normalizer = try Self.normalizer()
        let result = normalizer.evaluate(publisher: row.publisher, name: row.name, version: row.version)
        guard case .ignored = result else {
            Issue.record("\(row.name) became \(result)")
            return
        }
    }

    @Test("Suite parts are ignored, by a rule that names their suite: they add no product and no installation")
    func suitePart() throws {
        let normalizer = try Self.normalizer()
        for (row, suite) in Self.suiteParts {
            let result = normalizer.evaluate(publisher: row.publisher, name: row.name, version: row.version)
            let rule = normalizer.rule(matching: row.publisher, name: row.name, version: row.version)
            guard case .ignored(let id) = result, let rule, rule.id == id else {
                Issue.record("\(row.name) became \(result)")
                continue
            }
            #expect(rule.outcome == .componentOf(.init(suite)), "\(row.name)")
        }
    }

    @Test("Software of vendors no catalog knows stays unrecognized, for the review queue")
    func unknown() throws {
        let normalizer = try Self.normalizer()
        for (publisher, name) in [
            ("Contoso Ltd.", "Contoso Expense Planner 4.2"), ("Fabrikam, Inc.", "Fabrikam Field Service Console"),
            ("", "Northwind Traders Inventory"), ("Acme GmbH", "Acme-Server"), ("Acme GmbH", "libAcme Toolkit"),
        ] {
            #expect(normalizer.evaluate(publisher: publisher, name: name, version: "1.0") == .unrecognized, "\(name)")
        }
    }

    @Test("Every row of the benchmark inventory gets the answer its kind promises")
    func benchmarkInventory() throws {
        let normalizer = try Self.normalizer()
        let workload = NormalizationBenchmark.workload(records: 0, distinct: 5_000, seed: 11)
        for (row, kind) in zip(workload.distinct, workload.kinds) {
            let result = normalizer.evaluate(publisher: row.publisher, name: row.name, version: row.version)
            switch (kind, result) {
            case (.commercial, .product), (.component, .ignored), (.free, .ignored), (.unknown, .unrecognized): continue
            default: Issue.record("\(kind) row \(row.name) (\(row.publisher ?? "no publisher")) became \(result)")
            }
        }
    }
}
