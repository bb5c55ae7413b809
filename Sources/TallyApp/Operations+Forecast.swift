import TallyCore
import TallyStore

/// A forecast of every product's demand, as `Operations.forecast` makes it.
public struct ForecastReport: Sendable {
    /// The day it was made, and the last day it forecasts.
    public let asOf: Day
    public let through: Day
    /// The what-if growth applied, by department (0.1 is +10%).
    public let growth: [Department.ID: Double]
    /// One per product with demand in its history, by product id.
    public let products: [ProductForecast]
}

/// A department's what-if growth as people write it: `eng=+10%`, `sales=-5%`, `ops=0.2`.
public struct DepartmentGrowth: Sendable, Equatable {
    public var department: Department.ID
    /// 0.1 for +10%.
    public var rate: Double

    /// Reads `DEPT=RATE`, the rate a percentage (`+10%`) or a fraction (`0.1`); nil for text that is not one.
    public init?(_ text: String) {
        let parts = text.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty else { return nil }
        var number = parts[1].trimmingCharacters(in: .whitespaces)
        let percent = number.hasSuffix("%")
        if percent { number.removeLast() }
        if number.hasPrefix("+") { number.removeFirst() }
        guard let value = Double(number), value.isFinite else { return nil }
        department = .init(String(parts[0]))
        rate = percent ? value / 100 : value
    }

    /// Several growths as one table; a department named twice adds its rates.
    public static func table(_ growths: [DepartmentGrowth]) -> [Department.ID: Double] {
        Dictionary(growths.map { ($0.department, $0.rate) }, uniquingKeysWith: +)
    }
}

/// Every product's dated demand, oldest first per product.
struct DemandHistory: Sendable {
    var figures: [Product.ID: [(day: Day, demand: Int)]]

    /// What the history is kept by: it always holds every product.
    enum Question: Hashable, Sendable { case all }
}

extension Operations {
    /// The months of history a forecast reads at most, and the months ahead it may reach.
    public static let forecastHistoryMonths = 36
    public static let forecastMonthsAhead = 120

    /// Each product's monthly demand forecast from its history through the month holding `through` (a year from
    /// today by default), with the month demand is expected to pass supply. The history of a month is the latest
    /// snapshot taken in it; a month of the last three years without one is the position computed as the estate was
    /// on its last day (installed and removed dates, retirements, usage), so that a new store has a history too.
    /// Concurrent products take each month's peak of license-server use instead. `growth` raises the forecast by
    /// each department's share of the product's demand times its growth (sub-departments included).
    public func forecast(
        through: Day? = nil, growth: [Department.ID: Double] = [:], product: Product.ID? = nil
    ) async throws(TallyError) -> ForecastReport {
        let day = today
        let end = through ?? day.adding(days: 365)
        guard end > day else { throw .invalid(path: "to", reason: "must be after today, \(day)") }
        guard Day.months(from: day, to: end) <= Self.forecastMonthsAhead else {
            throw .invalid(path: "to", reason: "must be within \(Self.forecastMonthsAhead / 12) years")
        }
        for (department, share) in growth where !share.isFinite || share < -1 || share > 100 {
            throw .invalid(path: "growth", reason: "\(department): must be from -100% to +10000%")
        }
        // Today's position is kept; what it names is checked before the history, which costs more, is computed.
        let position = try await latestPosition()
        let estate = position.estate
        guard !estate.products.isEmpty else { throw .conflict("the store holds no products yet") }
        if let product, !estate.products.contains(where: { $0.id == product }) {
            throw .notFound(kind: "product", id: product.rawValue)
        }
        for department in growth.keys where !estate.departments.contains(where: { $0.id == department }) {
            throw .notFound(kind: "department", id: department.rawValue)
        }
        let computed = try await demandHistory(today: day)
        let factors = Self.growthFactors(growth, in: position)
        let wanted = product.map { [$0] } ?? estate.products.map(\.id)
        let products = wanted.sorted().compactMap { id -> ProductForecast? in
            // History starts with the first month of demand: months before the product was used say nothing.
            let history = ProductForecast.monthly(computed.figures[id] ?? [], through: day).drop { $0.demand == 0 }
            guard !history.isEmpty else { return nil }
            let now = position.positions.first { $0.product == id }
            return ProductForecast.make(
                product: id, history: Array(history), supply: now.map { $0.supply } ?? 0, through: end,
                growth: factors[id] ?? 1)
        }
        return ForecastReport(asOf: day, through: end, growth: growth, products: products)
    }

    /// The dated demand of every product, kept while the store stays at its generation: a forecast asked again, for
    /// one product, another horizon or another growth, does not compute the history again.
    func demandHistory(today day: Day) async throws(TallyError) -> DemandHistory {
        let generation = try await reading { try $0.generation() }
        if let kept = await demandHistories.answer(.all, generation: generation, day: day) { return kept }
        let (estate, installations, snapshots) = try await reading { reader in
            let (estate, installations) = try reader.estateForReconciling(asOf: day)
            return (estate, installations, try reader.snapshotDemand())
        }
        let current = try await latestPosition()
        let history = try await Self.offThread { () throws(EstateError) in
            try Self.demandHistory(
                estate, installations: installations, snapshots: snapshots, today: day, current: current)
        }
        await demandHistories.keep(history, for: .all, generation: generation, day: day)
        return history
    }

    /// Every product's dated demand: snapshots, positions computed for the months of the last three years without
    /// one (today's is `current`), and for concurrent products the monthly peak of license-server use.
    static func demandHistory(
        _ estate: Estate, installations: InstallationTable, snapshots: [DatedDemand], today: Day,
        current: Reconciliation
    ) throws(EstateError) -> DemandHistory {
        var figures: [Product.ID: [(day: Day, demand: Int)]] = [:]
        var covered = Set<Day>()
        for snapshot in snapshots where snapshot.asOf <= today {
            figures[snapshot.product, default: []].append((snapshot.asOf, snapshot.demand))
            covered.insert(UsagePeriod.month.start(of: snapshot.asOf))
        }
        var month = UsagePeriod.month.start(of: today)
        for _ in 0..<forecastHistoryMonths {
            let last = min(today, UsagePeriod.month.next(after: month).adding(days: -1))
            if !covered.contains(month) {
                var dated = estate
                dated.asOf = last
                let position = last == today ? current : try Reconciler.reconcile(dated, installations: installations)
                for item in position.positions { figures[item.product, default: []].append((last, item.demand)) }
            }
            month = month.adding(days: -1)
            month = UsagePeriod.month.start(of: month)
        }
        let pooled = Set(estate.products.filter { $0.license.metric == .concurrent }.map(\.id))
        // Months of use through the month of the last checkout: a month the servers have not reported yet would
        // read as no use at all.
        let sessions = estate.usage.filter { pooled.contains($0.product) }.map(\.start)
        if let first = sessions.min(), let last = sessions.max() {
            let end = min(today, UsagePeriod.month.next(after: UsagePeriod.month.start(of: last.day)).adding(days: -1))
            let report = UsageReport(
                estate, products: pooled, from: UsagePeriod.month.start(of: first.day).start,
                to: end.adding(days: 1).start, by: .month)
            let byProduct = Dictionary(grouping: report.figures, by: \.product)
            for (product, months) in byProduct {
                figures[product] = months.map { ($0.to.day.adding(days: -1), $0.peak) }
            }
        }
        return DemandHistory(figures: figures)
    }

    /// Per product, 1 plus, for each department grown, its share of the product's demand today times its growth.
    static func growthFactors(_ growth: [Department.ID: Double], in position: Reconciliation) -> [Product.ID: Double] {
        guard !growth.isEmpty else { return [:] }
        let demand = Dictionary(
            position.positions.map { ($0.product, $0.demand) }, uniquingKeysWith: { first, _ in first })
        var factors: [Product.ID: Double] = [:]
        for (department, rate) in growth {
            for share in position.consumers.shares(in: position.consumers.departments(within: department)) {
                guard let total = demand[share.product], total > 0 else { continue }
                factors[share.product, default: 1] += Double(share.demand) / Double(total) * rate
            }
        }
        return factors
    }
}
