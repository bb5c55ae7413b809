import TallyCore
import TallyFormats
import TallyStore

/// What alert rules are judged against, read from the store once.
struct AlertFacts: Sendable {
    var today: Day
    var currency: String?
    var position: Reconciliation
    /// Contracts and entitlements ending or renewing within the largest stage of any rule.
    var renewals: [Renewal]
    var contracts: [Contract]
    var entitlements: [Entitlement]
    /// Each short product, and the first day of its current run of shortfall.
    var shortSince: [Product.ID: Day]
    /// The exposure's change from the snapshot before the latest, that snapshot's day, and the latest's id.
    var exposureRise: (rise: Double, since: Day, snapshot: Int64)?
    /// Denials per product over the last 30 days.
    var denials: [Product.ID: Int]
}

/// The alerts one rule raises from the facts: each about a subject at a stage, so that the send log keeps one of
/// each. Staged rules (renewal, notice) alert at the nearest stage reached (30 days ahead: the 30 stage, not the 60).
enum AlertEvaluation {
    static func events(_ rule: AlertRule, _ facts: AlertFacts) -> [AlertEvent] {
        let money = { (value: Double) in PositionTable.money(value, facts.currency) }
        func event(_ subject: String, _ stage: String, _ title: String, _ text: String) -> AlertEvent {
            AlertEvent(rule: rule.id, subject: subject, stage: stage, title: title, text: text)
        }
        func stage(_ days: Int) -> Int? { rule.stages.sorted().first { days <= $0 } }
        switch rule.kind {
        case .renewal:
            return facts.renewals.compactMap { renewal in
                let days = facts.today.days(until: renewal.ends)
                guard let reached = stage(days) else { return nil }
                let what = renewal.product.map { "\($0.rawValue) (\(renewal.id))" } ?? "Contract \(renewal.id)"
                return event(
                    "\(renewal.kind.rawValue):\(renewal.id)", String(reached),
                    "\(what) \(renewal.autoRenew ? "renews" : "ends") in \(days) days, on \(renewal.ends)",
                    RenewalOutput.sentence(renewal, currency: facts.currency) + ".")
            }
        case .notice:
            return facts.contracts.compactMap { contract in
                guard let deadline = contract.noticeDeadline, let renews = contract.renewsOn, renews >= facts.today
                else { return nil }
                let days = facts.today.days(until: deadline)
                let consequence =
                    contract.autoRenew ? "it renews by itself on \(renews)" : "it ends on \(renews)"
                if days < 0 {
                    return event(
                        "contract:\(contract.id)", "passed",
                        "Notice deadline passed for contract \(contract.id)",
                        "The notice deadline of contract \(contract.id)\(contract.vendor.map { " (\($0))" } ?? "") "
                            + "was \(deadline); \(consequence).")
                }
                guard let reached = stage(days) else { return nil }
                return event(
                    "contract:\(contract.id)", String(reached),
                    "Notice due in \(days) days for contract \(contract.id)",
                    "Notice for contract \(contract.id)\(contract.vendor.map { " (\($0))" } ?? "") must be given by "
                        + "\(deadline); otherwise \(consequence).")
            }
        case .shortfall:
            return facts.position.positions.compactMap { position in
                guard position.shortfall > 0, let since = facts.shortSince[position.product] else { return nil }
                let cost = position.exposure.map { ", \(money($0)) of exposure" } ?? ""
                return event(
                    "product:\(position.product)", since.description,
                    "\(position.name ?? position.product.rawValue) is short by \(position.shortfall)",
                    "\(position.name ?? position.product.rawValue) needs \(position.demand) licenses and "
                        + "\(position.covered) cover them: \(position.shortfall) short since \(since)\(cost).")
            }
        case .exposure:
            guard let change = facts.exposureRise, let threshold = rule.threshold, change.rise > threshold else {
                return []
            }
            let total = facts.position.totals.exposure
            return [
                event(
                    "estate", String(change.snapshot), "Exposure rose by \(money(change.rise))",
                    "The exposure rose by \(money(change.rise)) since \(change.since), to \(money(total)) "
                        + "(the rule alerts past \(money(threshold))).")
            ]
        case .unlicensed:
            let owned = Set(facts.entitlements.flatMap { [$0.product] + $0.covers })
            return facts.position.positions.compactMap { position in
                guard position.demand > 0, position.covered == 0, !owned.contains(position.product) else { return nil }
                return event(
                    "product:\(position.product)", "unlicensed",
                    "\(position.name ?? position.product.rawValue) is used and nobody owns a license",
                    "\(position.name ?? position.product.rawValue) counts \(position.demand) "
                        + "\(position.metric.rawValue) licenses needed, and no entitlement covers it.")
            }
        case .denials:
            guard let threshold = rule.threshold else { return [] }
            let month = String(facts.today.description.prefix(7))
            return facts.denials.sorted { $0.key.rawValue < $1.key.rawValue }.compactMap { product, count in
                guard Double(count) > threshold else { return nil }
                return event(
                    "product:\(product)", month, "\(count) denials of \(product) in 30 days",
                    "License servers refused \(product) \(count) times in the last 30 days (the rule alerts past "
                        + "\(PositionTable.grouped(Int(threshold))))).")
            }
        case .expired:
            let demand = Dictionary(
                facts.position.positions.map { ($0.product, $0.demand) }, uniquingKeysWith: { first, _ in first })
            return facts.entitlements.compactMap { item in
                guard let end = item.end, end < facts.today, facts.today.days(until: end) >= -30,
                    let used = demand[item.product], used > 0
                else { return nil }
                return event(
                    "entitlement:\(item.id)", end.description,
                    "Entitlement \(item.id) ended on \(end) while \(item.product) is still used",
                    "Entitlement \(item.id) (\(item.product)) ended on \(end); the product still counts \(used) "
                        + "licenses needed.")
            }
        }
    }
}
