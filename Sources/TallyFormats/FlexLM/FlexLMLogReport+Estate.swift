import TallyCore

extension FlexLMLogReport {
    /// The log as estate records: its checkouts as usage sessions and its denials, under products named
    /// `VENDOR:FEATURE` (licensed `concurrent`), adding those products that `known` does not hold yet.
    ///
    /// `source` is kept on every session and denial: with their user, host and start it identifies them, so that
    /// importing the same log again, or a longer version of it, adds only what is new.
    public func estate(asOf: Day, source: String, known: Set<Product.ID>) -> Estate {
        var estate = Estate(asOf: asOf)
        var added = Set<Product.ID>()
        func product(_ vendor: String?, _ feature: String) -> Product.ID {
            let id = Product.ID("\(vendor ?? self.vendor ?? "FLEXLM"):\(feature)")
            if !known.contains(id), added.insert(id).inserted {
                estate.products.append(
                    Product(
                        id: id, publisher: vendor ?? self.vendor, name: feature, license: License(metric: .concurrent)))
            }
            return id
        }
        estate.usage = checkouts.map { checkout in
            UsageSession(
                product: product(checkout.vendor, checkout.feature), user: checkout.user, host: checkout.host,
                start: checkout.start, end: checkout.end, count: checkout.count, source: source)
        }
        estate.denials = denials.map { denial in
            Denial(
                product: product(denial.vendor, denial.feature), user: denial.user, host: denial.host,
                at: denial.at, reason: denial.reason, source: source)
        }
        return estate
    }
}
