/// Who a share of license costs is charged to: a department, or one of the rows that hold what no department
/// consumes.
public enum ChargebackPayer: Hashable, Sendable, Comparable {
    case department(Department.ID)
    /// Consumers in no department: a concurrent pool, a login that matched no one, a device and user without one.
    case noDepartment
    /// Units bought and not allocated on the position's day: money spent on licenses nobody uses.
    case unused
    /// Entitlements charged in the period but not in force on the position's day (ended, or not started yet), so
    /// that no allocation says who used them.
    case notInForce

    /// The row's name: the department's id, or `(no department)`, `(unused)`, `(not in force)`.
    public var label: String {
        switch self {
        case .department(let id): id.rawValue
        case .noDepartment: "(no department)"
        case .unused: "(unused)"
        case .notInForce: "(not in force)"
        }
    }

    /// Departments by id, then the rows of what no department consumes.
    public static func < (lhs: ChargebackPayer, rhs: ChargebackPayer) -> Bool {
        switch (lhs, rhs) {
        case (.department(let a), .department(let b)): a < b
        default: lhs.rank < rhs.rank
        }
    }

    private var rank: Int {
        switch self {
        case .department: 0
        case .noDepartment: 1
        case .unused: 2
        case .notInForce: 3
        }
    }
}

/// One row of the chargeback: what a department (or a row of what no department consumes) is charged in the period,
/// one-off and recurring costs apart, unrounded.
public struct ChargebackRow: Sendable, Equatable {
    /// Who is charged; nil for the total row.
    public var payer: ChargebackPayer?
    public var name: String?
    public var costCenter: String?
    /// The department's parent (nil at the top, and for every row when departments are rolled up).
    public var parent: Department.ID?
    /// Shares of one-off purchases made in the period.
    public var oneOff: Double
    /// Shares of subscriptions and maintenance (paid by the month or year) for the days of the period.
    public var recurring: Double
    /// Units allocated to the row from the entitlements charged in the period (for `(unused)`, those left over).
    public var units: Int

    /// A row of nothing charged yet, for `payer`.
    public init(
        payer: ChargebackPayer?, name: String? = nil, costCenter: String? = nil, parent: Department.ID? = nil,
        oneOff: Double = 0, recurring: Double = 0, units: Int = 0
    ) {
        self.payer = payer
        self.name = name
        self.costCenter = costCenter
        self.parent = parent
        self.oneOff = oneOff
        self.recurring = recurring
        self.units = units
    }

    /// One-off and recurring together.
    public var total: Double { oneOff + recurring }

    /// The row's name as reports print it: the payer's label, or `Total`.
    public var label: String { payer?.label ?? "Total" }
}

/// What one payer is charged for the units of one entitlement its consumers of one product hold.
public struct ChargebackDetail: Sendable, Equatable {
    public var payer: ChargebackPayer
    /// The product consumed: the entitlement's own, or one it also covers.
    public var product: Product.ID
    public var entitlement: Entitlement.ID
    /// Whether the entitlement is paid by the month or year (else it is a one-off purchase).
    public var recurring: Bool
    public var units: Int
    public var cost: Double
}

/// One entitlement's cost within the period, with the figures it was worked out from.
public struct ChargebackCost: Sendable, Equatable {
    public var entitlement: Entitlement.ID
    public var product: Product.ID
    public var costPeriod: Entitlement.CostPeriod
    /// The units priced: the quantity, or 1 for an unlimited entitlement (its price is the site license's).
    public var units: Int
    public var unlimited: Bool
    /// The unit cost in the entitlement's own currency; 0 where it has none.
    public var unitCost: Double
    /// The entitlement's own currency, where it is not the estate's.
    public var currency: String?
    /// For a recurring cost, the days of its term within the period, out of `daysInYear`.
    public var days: Int?
    public var daysInYear: Int
    /// The cost in the entitlement's own currency.
    public var amount: Double
    /// The rate that converted it, where it is in another currency than the estate's.
    public var rate: ExchangeRate?
    /// The cost in the estate's currency; nil where no rate converts it.
    public var cost: Double?
    /// Whether it is in force on the position's day (else its cost is charged to `(not in force)`).
    public var inForce: Bool

    public var recurring: Bool { costPeriod != .once }
}

/// Each department's share of license costs in a period, by what its devices and people consume in the position:
/// the rows, the detail behind them, each entitlement's cost, and what was left uncharged and why.
public struct ChargebackReport: Sendable, Equatable {
    public var period: ChargebackPeriod
    /// The day of the position whose allocations split the costs, and of the exchange rates.
    public var positionDay: Day
    public var currency: String?
    /// Whether every department was folded into its top-level ancestor.
    public var rollup: Bool
    /// The rates that converted costs in other currencies, by currency.
    public var rates: [ExchangeRate]
    /// The departments (by id), then `(no department)`, `(unused)`, and `(not in force)` where anything is.
    public var rows: [ChargebackRow]
    /// The sum of every entitlement's cost in the period: what the rows add up to.
    public var total: ChargebackRow
    /// Payer by product by entitlement, in the order of the rows.
    public var details: [ChargebackDetail]
    /// Every entitlement charged in the period, by id.
    public var costs: [ChargebackCost]
    /// One-off purchases without a start (their day of purchase), which no period can be charged: listed with what
    /// they cost, so that nothing disappears silently.
    public var undated: [ChargebackCost]
    /// Costs in a currency no rate converts, left out of the rows.
    public var unconverted: [ChargebackCost]

    /// What the undated one-off purchases cost in all, in the estate's currency (those without a rate left out).
    public var undatedTotal: Double { undated.reduce(0) { $0 + ($1.cost ?? 0) } }
}
