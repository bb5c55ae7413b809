/// Computes the license position of an estate: demand per metric, an allocation that covers the most units, and the
/// position, entitlement use and explanation that follow from it.
public enum Reconciler {
    /// Reconciles `estate` as of its `asOf`; throws the first problem in the estate, with its path.
    public static func reconcile(_ estate: Estate) throws(EstateError) -> Reconciliation {
        try reconcile(estate, installations: nil)
    }

    /// The position of an estate whose installations come as a table (a store's), the estate's own list left empty.
    public static func reconcile(
        _ estate: Estate, installations table: InstallationTable?
    ) throws(EstateError)
        -> Reconciliation
    {
        let resolved = try ResolvedEstate(estate, installations: table)
        let demand = Demand(estate: resolved)

        let products = estate.products.indices.filter { !resolved.isComponent[$0] }
            .sorted { estate.products[$0].id < estate.products[$1].id }
        let parts = try consumers(of: products, demand: demand)
        var total = 0
        for (position, part) in parts.enumerated() {
            // Sums across products (the flow of a group of them) stay countable.
            guard let sum = Limits.add(total, part.total) else {
                throw Demand.tooLarge(Int32(products[position]), estate: resolved)
            }
            total = sum
        }
        let records = ConsumerRecords(parts)
        let classes = parts.flatMap(\.classes)

        let plan = AllocationPlan(classes: classes, estate: resolved)
        let storage = distribute(plan, records: records, classes: classes, estate: resolved, demand: demand)
        return Reconciliation(
            asOf: estate.asOf,
            currency: estate.currency,
            positions: positions(of: products, storage: storage, used: plan.used),
            entitlements: entitlementUse(resolved, used: plan.used),
            consumers: ConsumerList(storage: storage),
            rates: resolved.ratesUsed)
    }

    /// Builds each product's consumers, products shared among the processor cores: they are independent.
    private static func consumers(of products: [Int], demand: Demand) throws(EstateError) -> [ProductDemand] {
        try Parallel.map(count: products.count, minimumPerWorker: 16, state: { Metering(estate: demand.estate) }) {
            (position: Int, metering: inout Metering) throws(EstateError) in
            try demand.consumers(of: Int32(products[position]), metering: &metering)
        }
    }

    /// Splits each class's units among its consumers in key order, each drawing on entitlements in preference order.
    private static func distribute(
        _ plan: AllocationPlan, records: ConsumerRecords, classes: [CoverageClass], estate: ResolvedEstate,
        demand: Demand
    ) -> ConsumerStorage {
        var remaining = plan.classFlows
        var cursor = [Int](repeating: 0, count: classes.count)
        var start = [Int](repeating: 0, count: records.count + 1)
        var entitlements: [Int32] = []
        var units: [Int] = []
        entitlements.reserveCapacity(records.count)
        units.reserveCapacity(records.count)
        records.forEach { i, record in
            let c = Int(record.coverageClass)
            var need = record.units
            while need > 0, cursor[c] < remaining[c].count {
                let take = min(need, remaining[c][cursor[c]].units)
                entitlements.append(remaining[c][cursor[c]].entitlement)
                units.append(take)
                need -= take
                remaining[c][cursor[c]].units -= take
                if remaining[c][cursor[c]].units == 0 { cursor[c] += 1 }
            }
            start[i + 1] = entitlements.count
        }
        return ConsumerStorage(
            estate: estate, demand: demand, records: records, classes: classes,
            allocationStart: start, allocationEntitlement: entitlements, allocationUnits: units)
    }

    private static func positions(of products: [Int], storage: ConsumerStorage, used: [Int]) -> [Position] {
        let estate = storage.estate
        var demand = [Int](repeating: 0, count: estate.estate.products.count)
        var covered = demand
        storage.records.forEach { i, record in
            demand[Int(record.product)] += record.units
            let allocations = storage.allocationStart[i]..<storage.allocationStart[i + 1]
            covered[Int(record.product)] += storage.allocationUnits[allocations].reduce(0, +)
        }
        var own = [[Int]](repeating: [], count: estate.estate.products.count)
        for (e, active) in estate.entitlementActive.enumerated() where active {
            own[Int(estate.entitlementProduct[e])].append(e)
        }
        return products.compactMap { p in
            guard demand[p] > 0 || !own[p].isEmpty else { return nil }
            let product = estate.estate.products[p]
            let items = own[p].map { estate.estate.entitlements[$0] }
            let limited = own[p].filter { !estate.estate.entitlements[$0].unlimited }
            let unused = limited.map { (estate.estate.entitlements[$0].quantity ?? 0) - used[$0] }
            let value = zip(limited, unused).reduce(0.0) { sum, pair in
                sum + Double(pair.1) * (estate.entitlementUnitCost[pair.0] ?? 0)
            }
            return Position(
                product: product.id, publisher: product.publisher, name: product.name,
                metric: product.license.metric, demand: demand[p], covered: covered[p],
                supply: items.contains(where: \.unlimited) ? nil : items.reduce(0) { $0 + ($1.quantity ?? 0) },
                surplus: unused.reduce(0, +), price: product.unitPrice ?? latestCost(of: own[p], in: estate),
                surplusValue: Money.cents(value), why: storage.productWhy(Int32(p)))
        }
    }

    /// The unit cost, in the estate's currency, of the own active entitlement with the latest start (open is
    /// earliest; ties: highest cost).
    private static func latestCost(of entitlements: [Int], in estate: ResolvedEstate) -> Double? {
        let priced = entitlements.compactMap { e in estate.entitlementUnitCost[e].map { (e, $0) } }
        return priced.max { a, b in
            let x = estate.estate.entitlements[a.0].start?.daysSinceEpoch ?? .min
            let y = estate.estate.entitlements[b.0].start?.daysSinceEpoch ?? .min
            return x != y ? x < y : a.1 < b.1
        }?.1
    }

    private static func entitlementUse(_ estate: ResolvedEstate, used: [Int]) -> [EntitlementUse] {
        estate.estate.entitlements.indices
            .sorted { estate.estate.entitlements[$0].id < estate.estate.entitlements[$1].id }
            .map { e in
                let item = estate.estate.entitlements[e]
                let active = estate.entitlementActive[e]
                let quantity = item.unlimited ? nil : item.quantity
                return EntitlementUse(
                    id: item.id, product: item.product, active: active, quantity: quantity,
                    used: used[e], unused: active ? (quantity ?? used[e]) - used[e] : 0)
            }
    }
}
