/// Splits the license costs of a period between departments by what their devices and people consume
/// (docs/chargeback.md gives the model and the reasons for it).
///
/// Each entitlement's cost within the period is worked out from its term and price (a recurring cost for the days
/// of its term in the period, a one-off purchase in the period that holds its start), converted into the estate's
/// currency at the rate of the position's day, and split by the units the position allocates from it: a department
/// pays its units' share of the quantity bought, units nobody holds go to `(unused)`, consumers in no department to
/// `(no department)`. Sums are kept unrounded; reports round to cents as they print.
public enum Chargeback {
    /// The chargeback of `period`, from the allocations of `position` (computed from `estate`, on the day whose
    /// rates convert costs in other currencies); with `rollup`, each department is folded into its top-level
    /// ancestor.
    public static func compute(
        estate: Estate, position: Reconciliation, period: ChargebackPeriod, conversion: CurrencyConversion,
        rollup: Bool = false
    ) -> ChargebackReport {
        let day = position.asOf
        let departments = Dictionary(estate.departments.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let inForce = Dictionary(position.entitlements.map { ($0.id, $0.active) }, uniquingKeysWith: { a, _ in a })

        var charged: [ChargebackCost] = []
        var undated: [ChargebackCost] = []
        var unconverted: [ChargebackCost] = []
        var rates: [String: ExchangeRate] = [:]
        for entitlement in estate.entitlements.sorted(by: { $0.id < $1.id }) {
            let active = inForce[entitlement.id] ?? entitlement.isActive(on: day)
            guard let charge = cost(of: entitlement, in: period, on: day, conversion: conversion, inForce: active)
            else { continue }
            if entitlement.costPeriod == .once, entitlement.start == nil {
                undated.append(charge)
            } else if charge.cost == nil {
                unconverted.append(charge)
            } else {
                charged.append(charge)
                if let rate = charge.rate { rates[rate.currency] = rate }
            }
        }

        let held = allocations(of: charged.filter(\.inForce), in: estate, position: position)
        let payerOf = payers(departments, rollup: rollup)
        var rows: [ChargebackPayer: ChargebackRow] = [:]
        var details: [DetailKey: ChargebackDetail] = [:]
        func charge(_ payer: ChargebackPayer, _ product: Product.ID, _ item: ChargebackCost, units: Int, cost: Double) {
            rows[payer, default: ChargebackRow(payer: payer)].add(cost, recurring: item.recurring, units: units)
            let key = DetailKey(payer: payer, product: product, entitlement: item.entitlement)
            let empty = ChargebackDetail(
                payer: payer, product: product, entitlement: item.entitlement, recurring: item.recurring, units: 0,
                cost: 0)
            details[key, default: empty].units += units
            details[key, default: empty].cost += cost
        }
        var total = ChargebackRow(payer: nil)
        for item in charged {
            let cost = item.cost ?? 0
            guard item.inForce else {
                let units = item.unlimited ? 0 : item.units
                total.add(cost, recurring: item.recurring, units: units)
                charge(.notInForce, item.product, item, units: units, cost: cost)
                continue
            }
            let shares = held[item.entitlement] ?? [:]
            let allocated = shares.values.reduce(0, +)
            // A limited entitlement is split over the quantity bought, an unlimited one over the units it gives.
            let basis = item.unlimited ? allocated : item.units
            for (key, units) in shares.sorted(by: { $0.key < $1.key }) where basis > 0 {
                charge(
                    payerOf(key.department), key.product, item, units: units, cost: cost * Double(units) / Double(basis)
                )
            }
            total.add(cost, recurring: item.recurring, units: item.unlimited ? allocated : item.units)
            let left = item.unlimited ? 0 : item.units - allocated
            if left > 0 || (basis == 0 && cost != 0) {
                charge(
                    .unused, item.product, item, units: left,
                    cost: basis > 0 ? cost * Double(left) / Double(basis) : cost)
            }
        }

        // Every department (rolled up, every top-level one), and any other that was charged.
        var shown = Set(
            estate.departments.filter { !rollup || $0.parent.map { departments[$0] == nil } ?? true }.map(\.id))
        for case .department(let id) in rows.keys { shown.insert(id) }
        var ordered: [ChargebackRow] = []
        for id in shown.sorted() {
            var row = rows[.department(id)] ?? ChargebackRow(payer: .department(id))
            row.name = departments[id]?.name
            row.costCenter = departments[id]?.costCenter
            row.parent = rollup ? nil : departments[id]?.parent
            ordered.append(row)
        }
        for payer in [ChargebackPayer.noDepartment, .unused] {
            ordered.append(rows[payer] ?? ChargebackRow(payer: payer))
        }
        if let row = rows[.notInForce] { ordered.append(row) }

        return ChargebackReport(
            period: period, positionDay: day, currency: conversion.currency, rollup: rollup,
            rates: rates.keys.sorted().compactMap { rates[$0] }, rows: ordered, total: total,
            details: details.values.sorted {
                ($0.payer, $0.product, $0.entitlement) < ($1.payer, $1.product, $1.entitlement)
            }, costs: charged, undated: undated, unconverted: unconverted)
    }

    /// The cost of `entitlement` within `period`, or nil where it costs nothing there: a recurring cost whose term
    /// has no day in the period, a one-off purchase made in another period. A one-off purchase without a start is
    /// returned (to be listed as undated) while its term reaches into the period.
    static func cost(
        of entitlement: Entitlement, in period: ChargebackPeriod, on day: Day, conversion: CurrencyConversion,
        inForce: Bool
    ) -> ChargebackCost? {
        let units = entitlement.unlimited ? 1 : max(entitlement.quantity ?? 0, 0)
        let unitCost = entitlement.unitCost ?? 0
        var days: Int?
        var amount = Double(units) * unitCost
        switch entitlement.costPeriod {
        case .once:
            if let start = entitlement.start {
                guard period.contains(start) else { return nil }
            } else {
                // Undated: listed while it could be in use in the period, and only where it cost something.
                guard entitlement.unitCost != nil, entitlement.end.map({ $0 >= period.first }) ?? true else {
                    return nil
                }
            }
        case .month, .year:
            let inPeriod = period.days(from: entitlement.start, through: entitlement.end)
            guard inPeriod > 0 else { return nil }
            days = inPeriod
            // Multiplied before dividing, so that whole figures stay whole (730 x 31 / 365 = 62).
            amount =
                amount * Double(entitlement.costPeriod == .month ? 12 : 1) * Double(inPeriod)
                / Double(period.daysInYear)
        }
        let foreign = entitlement.currency.flatMap { $0 == conversion.currency ? nil : $0 }
        return ChargebackCost(
            entitlement: entitlement.id, product: entitlement.product, costPeriod: entitlement.costPeriod,
            units: units, unlimited: entitlement.unlimited, unitCost: unitCost, currency: foreign, days: days,
            daysInYear: period.daysInYear, amount: amount, rate: conversion.rate(for: foreign, on: day),
            cost: conversion.convert(amount, from: foreign, on: day), inForce: inForce)
    }

    /// The units each department's consumers of each product hold from each of `costs`' entitlements, in one pass
    /// over the consumers of the products those entitlements can cover.
    private static func allocations(
        of costs: [ChargebackCost], in estate: Estate, position: Reconciliation
    ) -> [Entitlement.ID: [ShareKey: Int]] {
        let wanted = Set(costs.map(\.entitlement))
        guard !wanted.isEmpty else { return [:] }
        var products: Set<Product.ID> = []
        for entitlement in estate.entitlements where wanted.contains(entitlement.id) {
            products.insert(entitlement.product)
            products.formUnion(entitlement.covers)
        }
        var held: [Entitlement.ID: [ShareKey: Int]] = [:]
        for product in products.sorted() {
            position.consumers.forEachAllocation(in: position.consumers.indices(of: product)) {
                product, department, allocation in
                guard wanted.contains(allocation.entitlement), allocation.units > 0 else { return }
                held[allocation.entitlement, default: [:]][
                    ShareKey(department: department, product: product), default: 0] += allocation.units
            }
        }
        return held
    }

    /// Who pays for a consumer of a department (nil: of none): the department, or its top-level ancestor when
    /// rolled up.
    private static func payers(
        _ departments: [Department.ID: Department], rollup: Bool
    ) -> (Department.ID?) -> ChargebackPayer {
        { department in
            guard var id = department else { return .noDepartment }
            guard rollup else { return .department(id) }
            var seen: Set<Department.ID> = [id]
            while let parent = departments[id]?.parent, departments[parent] != nil, seen.insert(parent).inserted {
                id = parent
            }
            return .department(id)
        }
    }

    /// Units held by one department (nil: none) of one product.
    struct ShareKey: Hashable, Comparable {
        var department: Department.ID?
        var product: Product.ID

        static func < (lhs: ShareKey, rhs: ShareKey) -> Bool {
            switch (lhs.department, rhs.department) {
            case (let a?, let b?) where a != b: a < b
            case (nil, _?): false
            case (_?, nil): true
            default: lhs.product < rhs.product
            }
        }
    }

    /// One line of the detail: payer, product and entitlement.
    struct DetailKey: Hashable {
        var payer: ChargebackPayer
        var product: Product.ID
        var entitlement: Entitlement.ID
    }
}

/// Summing a row as shares are charged.
extension ChargebackRow {
    /// Adds a share of a cost and the units it is for.
    mutating func add(_ cost: Double, recurring: Bool, units: Int) {
        if recurring { self.recurring += cost } else { oneOff += cost }
        self.units += units
    }
}
