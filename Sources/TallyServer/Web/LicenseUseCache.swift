import TallyApp
import TallyCore

/// What the pages show of license servers' usage and denials, read from the store once per position (the store's
/// usage changes only with an import, which makes a new position) and kept until the position is computed again.
actor LicenseUseCache {
    private var position: ObjectIdentifier?
    private var evidence: UsageEvidence??
    private var recentDenials: [DenialGroup]?
    private var peaks: [Product.ID: [UsageFigures]] = [:]

    /// Denials of the 30 days to `today`, grouped by product and reason.
    func denials(
        _ operations: Operations, in reconciliation: Reconciliation, today: Day
    ) async throws -> [DenialGroup] {
        forget(unless: reconciliation)
        if let recentDenials { return recentDenials }
        guard let evidence = try await evidence(operations) else { return [] }
        let groups = DenialGroup.groups(
            evidence.estate, from: today.adding(days: -29).start, to: today.adding(days: 1).start)
        recentDenials = groups
        return groups
    }

    /// A product's figures per day over the last 90 days with usage or denials; empty when it has none.
    func dailyFigures(
        of product: Product.ID, _ operations: Operations, in reconciliation: Reconciliation
    ) async throws -> [UsageFigures] {
        forget(unless: reconciliation)
        if let known = peaks[product] { return known }
        guard let evidence = try await evidence(operations) else { return [] }
        var last: Instant?
        for session in evidence.estate.usage where session.product == product {
            last = max(last ?? session.start, session.end ?? session.start)
        }
        for denial in evidence.estate.denials where denial.product == product {
            last = max(last ?? denial.at, denial.at)
        }
        var figures: [UsageFigures] = []
        if let last {
            let to = last.day.adding(days: 1)
            figures =
                UsageReport(
                    evidence.estate, pools: evidence.pools, products: [product], from: to.adding(days: -90).start,
                    to: to.start, by: .day
                ).figures
        }
        peaks[product] = figures
        return figures
    }

    private func evidence(_ operations: Operations) async throws -> UsageEvidence? {
        if let evidence { return evidence }
        let read = try await operations.usageEvidence(UsageSelection())
        evidence = .some(read)
        return read
    }

    /// Drops what is kept unless it belongs to `reconciliation`.
    private func forget(unless reconciliation: Reconciliation) {
        guard position != reconciliation.consumers.identity else { return }
        position = reconciliation.consumers.identity
        evidence = nil
        recentDenials = nil
        peaks = [:]
    }
}
