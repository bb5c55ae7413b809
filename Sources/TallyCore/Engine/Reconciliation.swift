/// The Effective License Position of an estate: per product, per entitlement and per consumer.
public struct Reconciliation: Sendable {
    public let asOf: Day
    public let currency: String?
    /// One per product with demand or an active entitlement of its own, sorted by product id.
    public let positions: [Position]
    /// Every entitlement, active or not, sorted by id.
    public let entitlements: [EntitlementUse]
    /// Every consumer, sorted by product then key.
    public let consumers: ConsumerList
    /// The exchange rates that converted entitlements priced in other currencies, by currency; empty where none did.
    public var rates: [ExchangeRate] = []

    /// The estate the position was computed from (without the installations of a store, which were read as a table).
    public var estate: Estate { consumers.storage.estate.estate }

    /// The totals at the foot of the report.
    public var totals: Totals {
        Totals(
            exposure: Money.cents(positions.reduce(0) { $0 + ($1.exposure ?? 0) }),
            surplusValue: Money.cents(positions.reduce(0) { $0 + $1.surplusValue }),
            unpricedShortfalls: positions.filter { $0.exposure == nil && $0.shortfall > 0 }.count)
    }
}

/// Whether a product is short, has units to spare, or is exactly licensed.
public enum ComplianceStatus: String, Sendable, CaseIterable {
    case under, over, compliant
}

/// The position of one product: what it needs, what covers it, and what the gap costs.
public struct Position: Sendable, Equatable {
    public let product: Product.ID
    public let publisher: String?
    public let name: String?
    public let metric: License.Metric
    public let demand: Int
    public let covered: Int
    public var shortfall: Int { demand - covered }
    /// Units of the product's own active entitlements; nil where any of them is unlimited.
    public let supply: Int?
    /// Units of the product's own limited entitlements left unused.
    public let surplus: Int
    /// The price of one unit used for exposure; nil where none is known.
    public let price: Double?
    /// `shortfall * price`, in cents: 0 where nothing is short, price or not; nil where something is short and the
    /// price is unknown.
    public var exposure: Double? {
        guard shortfall > 0 else { return 0 }
        return price.map { Money.cents(Double(shortfall) * $0) }
    }
    public let surplusValue: Double
    /// What holds for every consumer of the product, told once here rather than in each consumer's why: the
    /// entitlements not active on the day (`E7 cannot: expired 2026-06-30`), or that none covers it; nil when nothing
    /// does.
    public var why: String? = nil
    public var status: ComplianceStatus {
        shortfall > 0 ? .under : (surplus > 0 ? .over : .compliant)
    }
}

/// How much of one entitlement the position uses.
public struct EntitlementUse: Sendable, Equatable {
    public let id: Entitlement.ID
    public let product: Product.ID
    public let active: Bool
    /// nil for an unlimited entitlement.
    public let quantity: Int?
    public let used: Int
    /// Units left; 0 for inactive and unlimited entitlements, which add nothing to surplus.
    public let unused: Int
}

/// The sums over all positions.
public struct Totals: Sendable, Equatable {
    /// The sum of known exposures.
    public let exposure: Double
    public let surplusValue: Double
    /// Products in shortfall whose price is unknown, so that their exposure is missing from the sum.
    public let unpricedShortfalls: Int
}

/// Money rounded the way the position reports it.
public enum Money {
    /// Rounds to cents.
    public static func cents(_ value: Double) -> Double {
        (value * 100).rounded() / 100
    }
}
