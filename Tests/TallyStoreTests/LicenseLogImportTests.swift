import Foundation
import TallyCore
import TallyFormats
import Testing

@testable import TallyStore

@Suite("License-server logs into the store")
struct LicenseLogImportTests {
    static let log = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TallyFormatsTests/Fixtures/flexlm/matlab.log")
    let day = Day(year: 2022, month: 7, day: 7) ?? Day(daysSinceEpoch: 0)

    func importLog(_ bytes: [UInt8], into store: SQLiteStore) throws -> ImportSummary {
        let report = try FlexLMLog.parse(bytes)
        let known = Set(try store.loadEstate(asOf: day).products.map(\.id))
        return try store.importEstate(
            report.estate(asOf: day, source: "flexlm:lic1", known: known), mode: .merge,
            source: StoreContractTests.source, dryRun: false)
    }

    @Test("importing a log twice, or a log and then its longer version, leaves no duplicate")
    func noDuplicates() throws {
        let full = Array(try Data(contentsOf: Self.log))
        let lines = full.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let half = Array(lines.prefix(lines.count / 2).joined(separator: [UInt8(ascii: "\n")]))

        let once = try SQLiteStore()
        _ = try importLog(full, into: once)
        let expected = try once.loadEstate(asOf: day)

        let twice = try SQLiteStore()
        _ = try importLog(full, into: twice)
        let again = try importLog(full, into: twice)
        #expect(again.total.inserted == 0 && again.total.updated == 0)
        #expect(try twice.loadEstate(asOf: day).usage.count == expected.usage.count)

        let growing = try SQLiteStore()
        let first = try importLog(half, into: growing)
        let second = try importLog(full, into: growing)
        #expect(first.total.inserted > 0 && second.total.inserted > 0)
        let grown = try growing.loadEstate(asOf: day)
        #expect(grown.usage.count == expected.usage.count)
        #expect(
            Set(grown.usage.map { "\($0.product) \($0.user ?? "") \($0.start) \($0.end.map(\.description) ?? "open")" })
                == Set(
                    expected.usage.map {
                        "\($0.product) \($0.user ?? "") \($0.start) \($0.end.map(\.description) ?? "open")"
                    }))
        #expect(grown.denials.count == expected.denials.count)
        #expect(expected.products.allSatisfy { $0.license.metric == .concurrent && $0.id.rawValue.hasPrefix("MLM:") })
    }
}
