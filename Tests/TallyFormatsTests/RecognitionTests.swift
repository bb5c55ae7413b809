import Foundation
import TallyCore
import Testing

@testable import TallyFormats

/// The built-in catalog and publisher table on the labelled inventories Tally ships, and the files they are read from.
@Suite("Recognition of labelled inventories")
struct RecognitionTests {
    static let folder = InventorySamples.tests.appendingPathComponent("Fixtures/recognition")

    static func benchmark() throws -> RecognitionBenchmark {
        let catalog = try #require(BuiltinCatalogTests.catalog)
        let labels = Array(try Data(contentsOf: folder.appendingPathComponent("labels.csv")))
        return try RecognitionBenchmark(labels: labels, normalizer: Normalizer(catalog: catalog)) {
            file throws(FormatError) in
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(file)) else {
                throw .field(path: file, reason: "is missing")
            }
            return Array(data)
        }
    }

    @Test("The catalog holds 3,000 products of 600 publishers, and the publisher table both kinds")
    func size() throws {
        let catalog = try #require(BuiltinCatalogTests.catalog)
        #expect(catalog.products.count >= 3000)
        #expect(Set(catalog.products.map(\.publisher)).count >= 600)
        #expect(catalog.publishers.publishers.contains { $0.kind == .commercial })
        #expect(catalog.publishers.publishers.contains { $0.kind == .free })
        #expect(catalog.publishers.publisher(of: "Proxy Networks, Inc.")?.kind == .commercial)
    }

    @Test("Every row of the files has its label and every label its row")
    func labelsUpToDate() throws {
        let bench = try Self.benchmark()
        #expect(bench.unlabelled == [])
        #expect(bench.unmatched == [])
        #expect(bench.outcomes.count >= 1000)
    }

    @Test("Recall of commercial titles and free and system titles set aside reach 90 %, with no false product")
    func targets() throws {
        let bench = try Self.benchmark()
        #expect(bench.recall >= 0.9)
        #expect(bench.setAside >= 0.9)
        #expect(bench.falseProducts.map { RecognitionBenchmark.describe($0.title.title) } == [])
        #expect(bench.wrongProducts.map { RecognitionBenchmark.describe($0.title.title) } == [])
    }

    @Test("A labels file with a wrong label or without its columns is refused naming the line")
    func badLabels() {
        let read: (String) throws(FormatError) -> [UInt8] = { _ throws(FormatError) in [] }
        let normalizer = Normalizer(catalog: try! Catalog(products: [], rules: []))
        #expect(throws: FormatError.line(number: 2, reason: "the label must be commercial, free or system")) {
            try RecognitionBenchmark(
                labels: Array("file,publisher,name,version,label\na.reg,P,N,1,maybe\n".utf8), normalizer: normalizer,
                read: read)
        }
        #expect(throws: FormatError.line(number: 1, reason: "labels.csv needs a column label")) {
            try RecognitionBenchmark(
                labels: Array("file,publisher,name,version\n".utf8), normalizer: normalizer, read: read)
        }
    }
}
