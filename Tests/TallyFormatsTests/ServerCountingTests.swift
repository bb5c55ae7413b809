import Foundation
import TallyCore
import Testing

@testable import TallyFormats

/// The real matlab.log counted as its FlexNet server counts: one user's checkouts on one host at once are one
/// license (spec 6.3). The review found a peak of 319 where the server's count is far lower: one user on one host
/// held 82 MATLAB checkouts at once.
@Suite("The real MATLAB log counted as the license server counts it")
struct ServerCountingTests {
    static func matlab() throws -> (estate: Estate, tally: FlexLMTally) {
        let bytes = try FlexLMLogTests.sample("matlab.log")
        var products = FeatureProducts(known: [], map: [:])
        var estate = try FlexLMLog.parse(bytes).estate(
            asOf: Day("2022-07-07") ?? Day(daysSinceEpoch: 0), source: "flexlm:lic1", products: &products)
        estate.products = products.added
        return (estate, try FlexLMTally(bytes))
    }

    @Test("the MATLAB pool needs the grouped peak worked out by a separate reading, not the 319 sessions")
    func matlabPool() throws {
        let (estate, tally) = try Self.matlab()
        #expect(tally.peaks["MATLAB"] == 319)
        let licenses = try #require(tally.licensePeaks["MATLAB"])
        #expect(licenses == 86)
        let result = try Reconciler.reconcile(estate)
        let pool = try #require(result.consumers.first { $0.product == "MLM:MATLAB" })
        #expect(pool.units == licenses)
        #expect(pool.why.contains("319 sessions at the busiest moment"))
        // Every feature: the engine's pool equals the separate grouped reading.
        for (feature, peak) in tally.licensePeaks {
            let units = result.consumers.first { $0.product.rawValue == "MLM:" + feature }?.units
            #expect(units == peak, "\(feature)")
        }
    }

    @Test("tally usage shows both: 86 licenses and 319 sessions at their peak, and the rule that made the difference")
    func matlabUsage() throws {
        let (estate, _) = try Self.matlab()
        let report = UsageReport(
            estate, products: ["MLM:MATLAB"], from: Day("2022-06-09")?.start ?? Instant(secondsSinceEpoch: 0),
            to: Day("2022-07-08")?.start ?? Instant(secondsSinceEpoch: 0))
        let figures = try #require(report.figures.first)
        #expect(figures.peak == 86 && figures.sessionPeak == 319 && figures.duplicates == .userHost)
        let table = UsageOutput.table(report, by: nil, sparklines: [:])
        #expect(table.contains("SESSION PEAK"))
        #expect(table.contains("overlapping sessions of one user on one host are one license (duplicates: userHost"))
        let json = String(decoding: UsageOutput.json(report, by: nil), as: UTF8.self)
        #expect(json.contains("\"peak\": 86") && json.contains("\"sessionPeak\": 319"))
    }
}
