import TallyCore
import TallyStore

extension Operations {
    /// The contracts and entitlements that end or renew from today through `days` days, soonest first, judged
    /// against the latest position (see `Renewals`).
    public func renewals(within days: Int) async throws(TallyError) -> (renewals: [Renewal], currency: String?) {
        let (contracts, entitlements) = try await contractsAndEntitlements()
        let position = try await latestPosition()
        return (
            renewals(within: days, contracts: contracts, entitlements: entitlements, position: position),
            position.currency
        )
    }

    /// The renewals of records already read.
    func renewals(
        within days: Int, contracts: [Contract], entitlements: [Entitlement], position: Reconciliation
    ) -> [Renewal] {
        // The position names the rate of today of every currency its entitlements are priced in.
        Renewals.lines(
            contracts: contracts, entitlements: entitlements, position: position, today: today,
            horizon: today.adding(days: max(0, min(days, 36_500))),
            conversion: CurrencyConversion(currency: position.currency, rates: position.rates))
    }

    /// Every contract and every entitlement, read in one transaction.
    func contractsAndEntitlements() async throws(TallyError) -> (contracts: [Contract], entitlements: [Entitlement]) {
        try await reading { reader in
            (try reader.contracts(), try reader.entitlements(EntitlementQuery(page: PageRequest(limit: 1 << 30))).items)
        }
    }
}
