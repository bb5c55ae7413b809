import Foundation
import TallyCore
import Testing

@testable import TallyFormats

/// The catalog file: read strictly with errors that name the JSON path, and written back to the same catalog.
@Suite("Catalog file")
struct CatalogFileTests {
    static let sample = """
        {
          "format": "tally-catalog/1",
          "products": [
            {"id": "microsoft-visio-professional", "publisher": "Microsoft", "name": "Microsoft Visio Professional"},
            {"id": "teamviewer", "publisher": "TeamViewer", "name": "TeamViewer"}
          ],
          "rules": [
            {"id": "visio-parts", "name": ["Microsoft Visio *MUI*", "*Update for Microsoft Visio*"],
             "componentOf": "microsoft-visio", "note": "Parts of Visio."},
            {"id": "visio-professional", "name": "Microsoft *Visio*Professional {year}*",
             "product": "microsoft-visio-professional", "version": "{year}"},
            {"id": "teamviewer", "publisher": "TeamViewer*", "name": "TeamViewer*", "rawVersion": "{major:number}*",
             "product": "teamviewer", "version": "{major}"},
            {"id": "libraries", "name": "lib*", "ignore": "os"}
          ]
        }
        """

    static func decode(_ text: String) throws(FormatError) -> Catalog {
        try CatalogFile.decode(Array(text.utf8))
    }

    /// The sample with its rules replaced by `rules` (JSON text).
    static func withRules(_ rules: String) -> String {
        """
        {"format": "tally-catalog/1",
         "products": [{"id": "teamviewer", "publisher": "TeamViewer", "name": "TeamViewer"}],
         "rules": [\(rules)]}
        """
    }

    @Test("A catalog file reads into products and ordered rules")
    func reads() throws {
        let catalog = try Self.decode(Self.sample)
        #expect(catalog.products.map(\.id) == ["microsoft-visio-professional", "teamviewer"])
        #expect(catalog.rules.map(\.id) == ["visio-parts", "visio-professional", "teamviewer", "libraries"])
        #expect(catalog.rules[0].name.map(\.text) == ["Microsoft Visio *MUI*", "*Update for Microsoft Visio*"])
        #expect(catalog.rules[0].outcome == .componentOf("microsoft-visio"))
        #expect(catalog.rules[0].note == "Parts of Visio.")
        #expect(catalog.rules[2].publisher.map(\.text) == ["TeamViewer*"])
        #expect(catalog.rules[2].rawVersion?.text == "{major:number}*")
        #expect(catalog.rules[3].outcome == .ignore(.os))
        let normalizer = Normalizer(catalog: catalog)
        #expect(
            normalizer.evaluate(
                publisher: "Microsoft Corporation", name: "Microsoft Visio Professional 2016", version: nil)
                == .product("microsoft-visio-professional", Version("2016")))
    }

    @Test("Writing and reading back gives the same catalog")
    func roundTrip() throws {
        let catalog = try Self.decode(Self.sample)
        let again = try CatalogFile.decode(CatalogFile.encode(catalog))
        #expect(again.products == catalog.products)
        #expect(again.rules == catalog.rules)
        let empty = try Catalog(products: [], rules: [])
        #expect(try CatalogFile.decode(CatalogFile.encode(empty)).rules.isEmpty)
    }

    @Test("Written rules stay within 120 columns except for long notes")
    func lineWidth() throws {
        let long = (0..<30).map { "\"Pattern number \($0) *\"" }.joined(separator: ", ")
        let catalog = try Self.decode(Self.withRules("{\"id\": \"many\", \"name\": [\(long)], \"ignore\": \"free\"}"))
        let text = String(decoding: CatalogFile.encode(catalog), as: UTF8.self)
        #expect(text.split(separator: "\n").allSatisfy { $0.utf8.count <= 120 })
        #expect(try CatalogFile.decode(Array(text.utf8)).rules == catalog.rules)
    }

    static let badCatalogs: [(text: String, message: String)] = [
        (
            withRules(
                #"{"id": "a", "name": "x", "ignore": "free"}, {"id": "b", "name": "Office {yr}*", "ignore": "free"}"#),
            "rules[1].name: the pattern \"Office {yr}*\" has an unknown placeholder {yr}; the kinds are {year}, "
                + "{number}, {version}, {word}"
        ),
        (
            withRules(#"{"id": "a", "name": ["TeamViewer*", "Team[Viewer*"], "ignore": "free"}"#),
            "rules[0].name[1]: the pattern \"Team[Viewer*\" opens [ at character 5 without closing it; write \\[ "
                + "to match a bracket"
        ),
        (
            withRules(#"{"id": "a", "name": "TeamViewer*", "product": "teamview"}"#),
            "rules[0].product: no product \"teamview\" in products; add it there or correct the id"
        ),
        (
            withRules(#"{"id": "a", "name": "TeamViewer*", "product": "teamviewer", "ignore": "free"}"#),
            "rules[0].ignore: a rule has one outcome; this one already has product"
        ),
        (
            withRules(#"{"id": "a", "name": "TeamViewer*"}"#),
            "rules[0]: a rule needs one of product, ignore or componentOf"
        ),
        (
            withRules(#"{"id": "a", "name": "TeamViewer*", "ignore": "gratis"}"#),
            "rules[0].ignore: \"gratis\" is not one of \"free\", \"os\", \"driver\", \"runtime\", \"update\""
        ),
        (
            withRules(#"{"id": "a", "name": "TeamViewer*", "ignore": "free", "version": "{major}"}"#),
            "rules[0].version: only a rule with a product writes a version"
        ),
        (
            withRules(#"{"id": "a", "name": "TeamViewer*", "product": "teamviewer", "version": "{major}"}"#),
            "rules[0].version: uses {major}, which the name pattern \"TeamViewer*\" does not capture; add {major} "
                + "to it or use rawVersion"
        ),
        (
            withRules(#"{"id": "a", "name": "TeamViewer*", "product": "teamviewer", "version": "{major"}"#),
            "rules[0].version: the version \"{major\" opens { without closing it"
        ),
        (
            withRules(#"{"id": "a", "name": [], "ignore": "free"}"#),
            "rules[0].name: is an empty list; give one pattern or more"
        ),
        (
            withRules(#"{"id": "a", "name": 7, "ignore": "free"}"#),
            "rules[0].name: expected a pattern in a string, or a list of patterns, found a number"
        ),
        (
            withRules(#"{"id": "a", "ignore": "free"}"#),
            "rules[0].name: required; a pattern for the name, as in \"Microsoft Visio Professional {year}*\""
        ),
        (
            withRules(#"{"id": "a", "name": "x", "ignore": "free", "colour": "red"}"#),
            "rules[0].colour: unknown key (allowed here: id, publisher, name, rawVersion, product, version, "
                + "releases, componentOf, ignore, note)"
        ),
        (
            withRules(#"{"id": "a", "name": "x", "ignore": "free"}, {"id": "a", "name": "y", "ignore": "os"}"#),
            "rules[1].id: \"a\" is already the id of rules[0]; ids must be unique"
        ),
        (
            #"{"format": "tally-catalog/2", "products": [], "rules": []}"#,
            "format: \"tally-catalog/2\" is not a format this version reads; expected \"tally-catalog/1\""
        ),
        (
            #"{"products": [], "rules": []}"#,
            "format: required; a catalog file starts with \"format\": \"tally-catalog/1\""
        ),
        (
            #"{"format": "tally-catalog/1", "products": [{"id": "x", "name": "X"}], "rules": []}"#,
            "products[0].publisher: required"
        ),
        (#"[]"#, "line 1, column 1: a catalog file is one JSON object; this one starts with something else"),
    ]

    @Test("A bad catalog is refused with the JSON path and the reason in plain words", arguments: badCatalogs)
    func refused(text: String, message: String) {
        do {
            _ = try Self.decode(text)
            Issue.record("accepted a bad catalog; expected: \(message)")
        } catch {
            #expect(error.description == message)
        }
    }
}

extension CatalogFileTests {
    @Test("The example of docs/catalog.md reads, and does what the page says")
    func documentedExample() throws {
        let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/catalog.md")
        let text = try String(contentsOf: page, encoding: .utf8)
        let start = try #require(text.range(of: "```json\n"))
        let end = try #require(text[start.upperBound...].range(of: "```"))
        let catalog = try CatalogFile.decode(Array(text[start.upperBound..<end.lowerBound].utf8))
        let normalizer = Normalizer(catalog: catalog)
        #expect(
            normalizer.evaluate(publisher: "TeamViewer", name: "TeamViewer", version: "15.40.8")
                == .product("teamviewer", Version("15")))
        #expect(normalizer.evaluate(publisher: nil, name: "libc6", version: "2.36-9") == .ignored("debian-libraries"))
        #expect(normalizer.evaluate(publisher: "Acme", name: "libAcme", version: "1.0") == .unrecognized)
        #expect(
            normalizer.evaluate(publisher: nil, name: "Microsoft Visio MUI (English) 2016", version: nil)
                == .ignored("visio-parts"))
    }
}

extension CatalogFileTests {
    @Test("Releases are read and written back in order of their versions")
    func releasesRoundTrip() throws {
        let text = #"""
            {"format": "tally-catalog/1", "products": [{"id": "s", "publisher": "M", "name": "S"}],
             "rules": [{"id": "s", "name": "S*", "rawVersion": "{major:number}.*", "product": "s", "version": "{major}",
               "releases": {"15": "2019", "14": "2017"}}]}
            """#
        let catalog = try Self.decode(text)
        #expect(catalog.rules[0].releases == ["14": "2017", "15": "2019"])
        let written = String(decoding: CatalogFile.encode(catalog), as: UTF8.self)
        #expect(written.contains(#""releases": {"14": "2017", "15": "2019"}"#))
        #expect(try CatalogFile.decode(Array(written.utf8)).rules == catalog.rules)
        #expect(throws: FormatError.self) {
            try Self.decode(
                #"{"format": "tally-catalog/1", "rules": [{"id": "a", "name": "x", "ignore": "free", "releases": {"1": "2"}}]}"#
            )
        }
    }

    static let badPublisherTables: [(String, String)] = [
        (
            #"{"format": "tally-publishers/2", "publishers": []}"#,
            "is not a format this version reads; expected \"tally-publishers/1\""
        ),
        (
            #"{"format": "tally-publishers/1", "publishers": [{"name": "X", "patterns": "X*", "kind": "maybe"}]}"#,
            "publishers[0].kind"
        ),
        (
            #"{"format": "tally-publishers/1", "publishers": [{"name": "X", "patterns": "X*", "kind": "free", "url": "x"}]}"#,
            "publishers[0].url: unknown key"
        ),
        (#"{"format": "tally-publishers/1", "publishers": [{"name": "X", "kind": "free"}]}"#, "publishers[0].patterns"),
    ]

    @Test("A publisher table is read strictly: its problems name their path", arguments: badPublisherTables)
    func publisherTables(text: String, message: String) {
        do {
            _ = try CatalogFile.decodePublishers(Array(text.utf8))
            Issue.record("accepted a bad publisher table; expected: \(message)")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test("A publisher table reads its publishers in order")
    func publisherTable() throws {
        let table = try CatalogFile.decodePublishers(
            Array(
                #"""
                {"format": "tally-publishers/1", "publishers": [
                  {"name": "Proxy Networks", "patterns": ["Proxy Networks*", "Funk Software*"], "kind": "commercial"},
                  {"name": "Colin Harrison", "patterns": "Colin Harrison", "kind": "free"}]}
                """#.utf8))
        #expect(table.publishers.map(\.name) == ["Proxy Networks", "Colin Harrison"])
        #expect(table.publisher(of: "Funk Software, Inc.")?.name == "Proxy Networks")
        #expect(table.setAsideRules.map(\.id.rawValue) == ["free-publisher-colin-harrison"])
    }
}
