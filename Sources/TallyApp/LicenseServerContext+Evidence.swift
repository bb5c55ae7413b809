import Foundation
import TallyCore
import TallyFormats

extension LicenseServerContext {
    /// The products features count for, given what the store holds.
    var featureProducts: FeatureProducts {
        FeatureProducts(known: Set(estate.products.map(\.id)), map: featureMap)
    }

    /// A debug log's sessions and denials, under the products their features count for.
    func evidence(of log: FlexLMLogReport, source: String, asOf: Day) -> LicenseServerEvidence {
        var products = featureProducts
        return LicenseServerEvidence(records: log.estate(asOf: asOf, source: source, products: &products))
    }

    /// A status report as a sample of `server` at `at`, continuing the sessions earlier samples of the same `source`
    /// saw (see `LicenseStatusReport.sample`). A report that shows no license line (its server down) keeps the
    /// server's pools as they are.
    func evidence(
        of report: LicenseStatusReport, at: Instant, server: String, source: String, timeZone: TimeZone,
        defaultVendor: String
    ) -> (LicenseServerEvidence, LicenseSample) {
        var products = featureProducts
        let known = estate.usage.filter { $0.source == source }
        let sample = report.sample(
            at: at, server: server, source: source, timeZone: timeZone, defaultVendor: defaultVendor,
            products: &products, known: known, previous: lastSample[server])
        var records = Estate(asOf: at.day)
        records.usage = sample.usage
        records.products = products.added
        return (LicenseServerEvidence(records: records, sample: (server, at, sample.pools)), sample)
    }
}
