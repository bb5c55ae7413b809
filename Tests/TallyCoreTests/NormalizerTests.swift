import Testing

@testable import TallyCore

/// Raw inventory rows through a small catalog: first match wins, case and spacing do not matter, versions come from
/// placeholders, and the memory answers as the rules do.
@Suite("Normalizing raw software")
struct NormalizerTests {
    static func rule(
        _ id: String, publisher: [String] = [], _ names: [String], rawVersion: String? = nil,
        _ outcome: CatalogRule.Outcome
    ) throws -> CatalogRule {
        CatalogRule(
            id: .init(id), publisher: try publisher.map { try Pattern($0) }, name: try names.map { try Pattern($0) },
            rawVersion: try rawVersion.map { try Pattern($0) }, outcome: outcome)
    }

    static func product(_ id: String, version: String? = nil) throws -> CatalogRule.Outcome {
        .product(.init(id), version: try version.map { try VersionTemplate($0) })
    }

    static let products = [
        CatalogProduct(id: "office-proplus", publisher: "Microsoft", name: "Office Professional Plus"),
        CatalogProduct(id: "office-standard", publisher: "Microsoft", name: "Office Standard"),
        CatalogProduct(id: "idea-ultimate", publisher: "JetBrains", name: "IntelliJ IDEA Ultimate"),
        CatalogProduct(id: "teamviewer", publisher: "TeamViewer", name: "TeamViewer"),
        CatalogProduct(id: "acrobat", publisher: "Adobe", name: "Acrobat"),
    ]

    static func catalog() throws -> Catalog {
        try Catalog(
            products: products,
            rules: [
                try rule("office-updates", ["Update for Microsoft Office*"], .componentOf("office")),
                try rule(
                    "office-proplus", ["Microsoft Office Professional Plus {year}*"],
                    product("office-proplus", version: "{year}")),
                try rule(
                    "office-standard", ["Microsoft Office Standard {year}*"],
                    product("office-standard", version: "{year}")),
                try rule("idea-community", ["IntelliJ IDEA Community Edition*"], .ignore(.free)),
                try rule(
                    "idea", ["IntelliJ IDEA {year}.{minor:number}*"],
                    product("idea-ultimate", version: "{year}.{minor}")),
                try rule("acrobat-reader", ["Adobe Acrobat Reader*"], .ignore(.free)),
                try rule("acrobat", ["Adobe Acrobat*"], product("acrobat", version: "DC")),
                try rule(
                    "teamviewer", publisher: ["TeamViewer*"], ["TeamViewer*"], rawVersion: "{major:number}*",
                    product("teamviewer", version: "{major}")),
                try rule("libraries", ["lib*", "*-dev"], .ignore(.os)),
            ])
    }

    @Test("The brief's rows: Office with its year, Acrobat DC, and a Debian library ignored")
    func briefRows() throws {
        let normalizer = Normalizer(catalog: try Self.catalog())
        #expect(
            normalizer.evaluate(
                publisher: "Microsoft Corporation", name: "Microsoft Office Professional Plus 2019 - en-us",
                version: "16.0.10827.20138") == .product("office-proplus", Version("2019")))
        #expect(
            normalizer.evaluate(
                publisher: "Adobe Systems Incorporated", name: "Adobe Acrobat DC (64-bit)", version: "21.001.20145")
                == .product("acrobat", Version("DC")))
        #expect(normalizer.evaluate(publisher: "", name: "libc6", version: "2.36-9") == .ignored("libraries"))
        #expect(normalizer.evaluate(publisher: nil, name: "Contoso Planner", version: "1.0") == .unrecognized)
    }

    @Test("The first rule that matches decides: the free edition before the paid one of the same name")
    func firstMatchWins() throws {
        let normalizer = Normalizer(catalog: try Self.catalog())
        #expect(
            normalizer.evaluate(publisher: nil, name: "IntelliJ IDEA Community Edition 2023.2.1", version: nil)
                == .ignored("idea-community"))
        #expect(
            normalizer.evaluate(publisher: nil, name: "IntelliJ IDEA 2023.2.1", version: nil)
                == .product("idea-ultimate", Version("2023.2")))
        #expect(
            normalizer.evaluate(publisher: nil, name: "Adobe Acrobat Reader DC", version: nil)
                == .ignored("acrobat-reader"))

        // The same rules in the other order: the general rule now takes the free edition too.
        let catalog = try Self.catalog()
        var reversed = catalog.rules
        reversed.swapAt(5, 6)
        let careless = Normalizer(catalog: try Catalog(products: catalog.products, rules: reversed))
        #expect(
            careless.evaluate(publisher: nil, name: "Adobe Acrobat Reader DC", version: nil)
                == .product("acrobat", Version("DC")))
    }

    @Test("Updates of a suite are ignored, by a rule that names the suite they belong to")
    func components() throws {
        let normalizer = Normalizer(catalog: try Self.catalog())
        let name = "Update for Microsoft Office 2016 (KB4011035) 32-Bit Edition"
        #expect(
            normalizer.evaluate(publisher: "Microsoft Corporation", name: name, version: nil)
                == .ignored("office-updates"))
        let rule = try #require(normalizer.rule(matching: "Microsoft Corporation", name: name, version: nil))
        #expect(rule.outcome == .componentOf("office"))
    }

    @Test("Case and runs of white space do not matter")
    func caseAndSpacing() throws {
        let normalizer = Normalizer(catalog: try Self.catalog())
        #expect(
            normalizer.evaluate(publisher: nil, name: "  MICROSOFT   office standard 2016 ", version: nil)
                == .product("office-standard", Version("2016")))
    }

    @Test("A publisher pattern must match the publisher; a row without one matches as empty text")
    func publishers() throws {
        let normalizer = Normalizer(catalog: try Self.catalog())
        #expect(
            normalizer.evaluate(publisher: "TeamViewer Germany GmbH", name: "TeamViewer", version: "15.40.8")
                == .product("teamviewer", Version("15")))
        #expect(normalizer.evaluate(publisher: nil, name: "TeamViewer", version: "15.40.8") == .unrecognized)
        #expect(normalizer.evaluate(publisher: "Someone Else", name: "TeamViewer", version: "15.40.8") == .unrecognized)
    }

    @Test("A row without a version skips the rawVersion test and gets no version from it")
    func missingVersion() throws {
        let normalizer = Normalizer(catalog: try Self.catalog())
        #expect(
            normalizer.evaluate(publisher: "TeamViewer", name: "TeamViewer", version: nil)
                == .product("teamviewer", nil))
        #expect(normalizer.evaluate(publisher: "TeamViewer", name: "TeamViewer", version: "beta") == .unrecognized)
    }

    @Test("The memory gives the answer of the rules, for every row of a random inventory")
    func memoryAgreesWithRules() throws {
        let workload = NormalizationBenchmark.workload(records: 20_000, distinct: 2_000, seed: 7)
        var normalizer = Normalizer(catalog: try Self.catalog())
        normalizer.cacheLimit = 500
        for record in workload.records {
            let row = workload.distinct[Int(record)]
            let remembered = normalizer.normalize(publisher: row.publisher, name: row.name, version: row.version)
            #expect(remembered == normalizer.evaluate(publisher: row.publisher, name: row.name, version: row.version))
        }
        #expect(normalizer.remembered <= 500, "the memory starts afresh when full")
        #expect(normalizer.remembered > 0)
    }

    @Test("Of many patterns of one rule, the one that matches gives the version")
    func alternatives() throws {
        let catalog = try Catalog(
            products: Self.products,
            rules: [
                try Self.rule(
                    "office", ["Microsoft Office Professional Plus {year}*", "Office ProPlus {year}*"],
                    Self.product("office-proplus", version: "{year}"))
            ])
        let normalizer = Normalizer(catalog: catalog)
        #expect(
            normalizer.evaluate(publisher: nil, name: "Office ProPlus 2013", version: nil)
                == .product("office-proplus", Version("2013")))
    }

    @Test("Releases rename the version a rule writes: a build's major number as the release a license names")
    func releases() throws {
        let products = [CatalogProduct(id: "sql-server", publisher: "Microsoft", name: "SQL Server")]
        var rule = try Self.rule(
            "sql", ["Microsoft SQL Server Standard*"], rawVersion: "{major:number}.*",
            Self.product("sql-server", version: "{major}"))
        rule.releases = ["14": "2017", "15": "2019"]
        let normalizer = Normalizer(catalog: try Catalog(products: products, rules: [rule]))
        #expect(
            normalizer.evaluate(publisher: nil, name: "Microsoft SQL Server Standard", version: "14.0.1000.169")
                == .product("sql-server", Version("2017")))
        #expect(
            normalizer.evaluate(publisher: nil, name: "Microsoft SQL Server Standard", version: "13.0.5026.0")
                == .product("sql-server", Version("13")), "a version not listed stays as written")
        var bare = try Self.rule("bare", ["X*"], Self.product("sql-server"))
        bare.releases = ["1": "2001"]
        #expect(throws: CatalogError.self) { try Catalog(products: products, rules: [bare]) }
    }

    @Test("A row without a version skips a capturing rawVersion but fails a testing one")
    func versionlessRows() throws {
        let catalog = try Catalog(
            products: Self.products,
            rules: [
                try Self.rule(
                    "windows-build", publisher: ["Microsoft*"], ["*"], rawVersion: "10.0.1[0-9][0-9][0-9][0-9]*",
                    .ignore(.os)),
                try Self.rule(
                    "teamviewer", publisher: ["TeamViewer*"], ["TeamViewer*"], rawVersion: "{major:number}*",
                    Self.product("teamviewer", version: "{major}")),
            ])
        let normalizer = Normalizer(catalog: catalog)
        #expect(
            normalizer.evaluate(publisher: "Microsoft", name: "Take a Test", version: "10.0.19041.423")
                == .ignored("windows-build"))
        #expect(
            normalizer.evaluate(publisher: "Microsoft", name: "Contoso for Dynamics", version: nil) == .unrecognized)
        #expect(
            normalizer.evaluate(publisher: "TeamViewer", name: "TeamViewer", version: nil)
                == .product("teamviewer", nil))
    }
}
