import TallyCore

extension Operations {
    /// Each department's share of the license costs of `period` (the current year by default), split by the
    /// allocations of the position on the period's last day, or of today where that day is still to come (the
    /// latest position, kept in memory; a past day's position is computed and not kept as a snapshot). Costs in other
    /// currencies are converted at the rates of that day. See `Chargeback`.
    public func chargeback(
        period: ChargebackPeriod? = nil, rollup: Bool = false
    ) async throws(TallyError) -> ChargebackReport {
        let today = today
        let period = period ?? ChargebackPeriod(yearOf: today)
        let day = min(period.last, today)
        let position =
            day == today ? try await latestPosition() : try await reconcile(asOf: day, save: false).reconciliation
        return try await Self.offThread { () throws(EstateError) in
            let estate = position.estate
            return Chargeback.compute(
                estate: estate, position: position, period: period,
                conversion: CurrencyConversion(currency: estate.currency, rates: estate.rates), rollup: rollup)
        }
    }
}
