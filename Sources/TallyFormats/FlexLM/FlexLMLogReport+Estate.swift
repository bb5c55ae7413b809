import TallyCore

extension FlexLMLogReport {
    /// The log as estate records: its checkouts as usage sessions and its denials, under the products `products`
    /// gives their features (unmapped features become `VENDOR:FEATURE` products, listed with the records).
    ///
    /// `source` is kept on every session and denial: with their user, host and start it identifies them, so that
    /// importing the same log again, or a longer version of it, adds only what is new. A checkout still out at the
    /// end of the log ends at the log's last event: nothing later shows it held (a longer log tells its real end).
    public func estate(asOf: Day, source: String, products: inout FeatureProducts) -> Estate {
        var estate = Estate(asOf: asOf)
        let fallback = vendor ?? "FLEXLM"
        let before = products.added.count
        estate.usage = checkouts.map { checkout in
            let vendor = checkout.vendor ?? fallback
            return UsageSession(
                product: products.product(vendor: vendor, feature: checkout.feature), user: checkout.user,
                host: checkout.host, start: checkout.start,
                end: checkout.end ?? lastEvent.map { UsageSession.end(lastSeen: $0, start: checkout.start) },
                count: checkout.count, source: source,
                feature: FeatureProducts.key(vendor: vendor, feature: checkout.feature))
        }
        estate.denials = denials.map { denial in
            let vendor = denial.vendor ?? fallback
            return Denial(
                product: products.product(vendor: vendor, feature: denial.feature), user: denial.user,
                host: denial.host, at: denial.at, reason: denial.reason, source: source,
                feature: FeatureProducts.key(vendor: vendor, feature: denial.feature))
        }
        estate.products = Array(products.added[before...])
        return estate
    }
}
