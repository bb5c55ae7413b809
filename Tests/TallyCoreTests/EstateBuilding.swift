import Testing

@testable import TallyCore

/// Small helpers that keep estates in tests short enough to read as the rule they check.
extension Day {
    static func on(_ text: String) -> Day {
        guard let day = Day(text) else { fatalError("bad test date \(text)") }
        return day
    }
}

extension Instant {
    static func at(_ text: String) -> Instant {
        guard let instant = Instant(text) else { fatalError("bad test instant \(text)") }
        return instant
    }
}

let testDay = Day.on("2026-11-29")

func estate(
    departments: [Department] = [], people: [Person] = [], devices: [Device] = [], products: [Product],
    installations: [Installation] = [], usage: [UsageSession] = [], assignments: [Assignment] = [],
    entitlements: [Entitlement] = [], asOf: Day = testDay
) -> Estate {
    Estate(
        asOf: asOf, currency: "EUR", departments: departments, people: people, devices: devices,
        products: products, installations: installations, usage: usage, assignments: assignments,
        entitlements: entitlements)
}

func install(_ device: Device.ID, _ product: Product.ID, _ version: String? = nil) -> Installation {
    Installation(device: device, product: product, version: version.map(Version.init))
}

func product(
    _ id: Product.ID, _ license: License = License(), price: Double? = nil, components: [Product.ID] = []
)
    -> Product
{
    Product(id: id, publisher: "Acme", name: id.rawValue, license: license, unitPrice: price, components: components)
}

/// Units per consumer key of one product.
func units(_ result: Reconciliation, _ product: Product.ID) -> [String: Int] {
    Dictionary(uniqueKeysWithValues: result.consumers.filter { $0.product == product }.map { ($0.key, $0.units) })
}

func position(_ result: Reconciliation, _ product: Product.ID) -> Position? {
    result.positions.first { $0.product == product }
}

func expectError(_ path: String, in estate: Estate, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        _ = try Reconciler.reconcile(estate)
        Issue.record("expected an error at \(path)", sourceLocation: sourceLocation)
    } catch {
        #expect(error.path == path, "\(error.description)", sourceLocation: sourceLocation)
    }
}
