/// What renews or ends soon, and what to do about it: every contract and entitlement ending in a window, with its
/// notice deadline, what renewing costs a year, how much of it is used, and the money of the advice.
public struct Renewal: Sendable, Equatable {
    public enum Kind: String, Sendable { case contract, entitlement }

    /// What to do at renewal.
    public enum Advice: String, Sendable {
        /// Renew as it is: every unit is used and none is short.
        case renew
        /// Renew only the units used; the rest is a saving.
        case renewFewer
        /// Renew more: the product is short.
        case renewMore
        /// Let it lapse: nothing of it is used.
        case lapse
    }

    public var kind: Kind
    public var id: String
    /// The entitlement's product; nil for a contract.
    public var product: Product.ID?
    public var name: String?
    public var vendor: String?
    /// The contract it belongs to (an entitlement) where one is recorded.
    public var contract: String?
    /// The day it ends or renews.
    public var ends: Day
    /// The last day notice can be given; nil without a notice period.
    public var noticeDeadline: Day?
    public var noticePassed: Bool
    public var autoRenew: Bool
    /// What renewing costs a year (a one-off price counts as the price of renewing once); nil when unpriced.
    public var annualCost: Double?
    public var owned: Int?
    public var used: Int
    public var advice: Advice
    /// The units to renew, as the advice says.
    public var renewUnits: Int?
    /// What following the advice saves a year (positive) or costs more (negative); nil when unpriced.
    public var saving: Double?

    public init(
        kind: Kind, id: String, product: Product.ID?, name: String?, vendor: String?, contract: String?, ends: Day,
        noticeDeadline: Day?, noticePassed: Bool, autoRenew: Bool, annualCost: Double?, owned: Int?, used: Int,
        advice: Advice, renewUnits: Int?, saving: Double?
    ) {
        self.kind = kind
        self.id = id
        self.product = product
        self.name = name
        self.vendor = vendor
        self.contract = contract
        self.ends = ends
        self.noticeDeadline = noticeDeadline
        self.noticePassed = noticePassed
        self.autoRenew = autoRenew
        self.annualCost = annualCost
        self.owned = owned
        self.used = used
        self.advice = advice
        self.renewUnits = renewUnits
        self.saving = saving
    }
}

/// The renewals of an estate's contracts and entitlements in a window, judged against a position.
public enum Renewals {
    /// A window in days as people write it: `90` or `90d`, from 0 to 36,500; nil for anything else.
    public static func window(_ text: String) -> Int? {
        let digits = text.hasSuffix("d") ? String(text.dropLast()) : text
        guard let days = Int(digits), (0...36_500).contains(days) else { return nil }
        return days
    }

    /// The contracts and entitlements that end or renew from `today` through `horizon`, soonest first. An
    /// entitlement without an end of its own renews with its contract. Costs in other currencies are converted at
    /// `conversion`'s rate of `today`.
    public static func lines(
        contracts: [Contract], entitlements: [Entitlement], position: Reconciliation, today: Day, horizon: Day,
        conversion: CurrencyConversion? = nil
    ) -> [Renewal] {
        let uses = Dictionary(position.entitlements.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let positions = Dictionary(position.positions.map { ($0.product, $0) }, uniquingKeysWith: { first, _ in first })
        let contractOf = Dictionary(contracts.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        var lines: [Renewal] = []
        var byContract: [String: [Renewal]] = [:]
        for item in entitlements {
            let contract = item.contract.flatMap { contractOf[$0] }
            // A purchase that starts after the day does not renew on it (a renewal ordered early).
            guard let ends = item.end ?? contract?.renewsOn, ends >= today, ends <= horizon,
                item.start.map({ $0 <= ends }) ?? true
            else { continue }
            let line = renewal(
                of: item, ends: ends, contract: contract, use: uses[item.id], position: positions[item.product],
                renewedBy: successor(of: item, ending: ends, among: entitlements), today: today,
                conversion: conversion)
            lines.append(line)
            if let contract { byContract[contract.id.rawValue, default: []].append(line) }
        }
        for contract in contracts {
            guard let ends = contract.renewsOn, ends >= today, ends <= horizon else { continue }
            let parts = byContract[contract.id.rawValue] ?? []
            let costs = parts.compactMap(\.annualCost)
            let savings = parts.compactMap(\.saving)
            let used = parts.reduce(0) { $0 + $1.used }
            lines.append(
                Renewal(
                    kind: .contract, id: contract.id.rawValue, product: nil, name: contract.number,
                    vendor: contract.vendor, contract: nil, ends: ends, noticeDeadline: contract.noticeDeadline,
                    noticePassed: contract.noticeDeadline.map { $0 < today } ?? false, autoRenew: contract.autoRenew,
                    annualCost: costs.isEmpty ? nil : Money.cents(costs.reduce(0, +)),
                    owned: parts.contains { $0.owned == nil } ? nil : parts.reduce(0) { $0 + ($1.owned ?? 0) },
                    used: used, advice: contractAdvice(parts), renewUnits: nil,
                    saving: savings.isEmpty ? nil : Money.cents(savings.reduce(0, +))))
        }
        lines.sort { ($0.ends, $0.kind.rawValue, $0.id) < ($1.ends, $1.kind.rawValue, $1.id) }
        return lines
    }

    /// The purchase that continues `item` once it ends, where one is recorded already (a renewal ordered early): of
    /// the same product and contract, starting within a month after the end. Its price is the price of renewing.
    static func successor(of item: Entitlement, ending: Day, among entitlements: [Entitlement]) -> Entitlement? {
        entitlements.filter { other in
            other.id != item.id && other.product == item.product && other.contract == item.contract
                && other.start.map { $0 > ending && ending.days(until: $0) <= 31 } ?? false
        }.min { ($0.start ?? ending, $0.id.rawValue) < ($1.start ?? ending, $1.id.rawValue) }
    }

    static func renewal(
        of item: Entitlement, ends: Day, contract: Contract?, use: EntitlementUse?, position: Position?,
        renewedBy successor: Entitlement? = nil, today: Day, conversion: CurrencyConversion? = nil
    ) -> Renewal {
        let owned = item.unlimited ? nil : item.quantity
        let used = use?.used ?? 0
        // The price of renewing: the renewal's where one is ordered, else the price paid now.
        func cost(of entitlement: Entitlement?) -> (Double, Entitlement.CostPeriod)? {
            guard let entitlement, let amount = entitlement.unitCost else { return nil }
            guard let conversion else { return (amount, entitlement.costPeriod) }
            return conversion.convert(amount, from: entitlement.currency, on: today).map {
                ($0, entitlement.costPeriod)
            }
        }
        let price = cost(of: successor) ?? cost(of: item)
        let perUnit = price.map { $0.0 * Double($0.1.perYear) }
        let annual = perUnit.map { cost in Money.cents(cost * Double(owned ?? 0)) }
        let shortfall = max(0, position?.shortfall ?? 0)
        var advice = Renewal.Advice.renew
        var units = owned
        var saving: Double? = 0
        if used == 0, !(owned == 0) {
            advice = .lapse
            units = 0
            saving = annual
        } else if shortfall > 0, let owned {
            advice = .renewMore
            units = owned + shortfall
            saving = perUnit.map { -Money.cents($0 * Double(shortfall)) }
        } else if let owned, used < owned {
            advice = .renewFewer
            units = used
            saving = perUnit.map { Money.cents($0 * Double(owned - used)) }
        }
        let deadline = contract?.noticeDeadline
        return Renewal(
            kind: .entitlement, id: item.id.rawValue, product: item.product, name: position?.name,
            vendor: item.vendor ?? contract?.vendor, contract: item.contract, ends: ends, noticeDeadline: deadline,
            noticePassed: deadline.map { $0 < today } ?? false, autoRenew: contract?.autoRenew ?? false,
            annualCost: annual, owned: owned, used: used, advice: advice, renewUnits: units, saving: saving)
    }

    /// A contract's advice from its entitlements': lapse when none is used, more when any is short, fewer when any
    /// has units to spare, else as it is.
    static func contractAdvice(_ parts: [Renewal]) -> Renewal.Advice {
        if parts.isEmpty { return .renew }
        if parts.allSatisfy({ $0.advice == .lapse }) { return .lapse }
        if parts.contains(where: { $0.advice == .renewMore }) { return .renewMore }
        if parts.contains(where: { $0.advice == .renewFewer || $0.advice == .lapse }) { return .renewFewer }
        return .renew
    }
}

extension Entitlement.CostPeriod {
    /// How many times a year the cost is paid: 12 a month, 1 a year, and a one-off price counted once.
    public var perYear: Int {
        switch self {
        case .once, .year: 1
        case .month: 12
        }
    }
}
