import TallyCore
import TallyStore

extension Operations {
    /// The contracts and entitlements that end or renew from today through `days` days, soonest first, judged
    /// against the latest position (see `Renewals`).
    public func renewals(within days: Int) async throws(TallyError) -> (renewals: [Renewal], currency: String?) {
        let today = self.today
        let horizon = today.adding(days: max(0, min(days, 36_500)))
        let (contracts, entitlements) = try await reading { reader in
            (try reader.contracts(), try reader.entitlements(EntitlementQuery(page: PageRequest(limit: 1 << 30))).items)
        }
        let position = try await latestPosition()
        let lines = Renewals.lines(
            contracts: contracts, entitlements: entitlements, position: position, today: today, horizon: horizon)
        return (lines, position.currency)
    }
}
