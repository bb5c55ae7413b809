import Testing

@testable import TallyCore

@Suite("What covers a consumer: use rights, terms, scopes, suites and the allocation")
struct CoverageTests {
    let devices = [Device(id: "a"), Device(id: "b"), Device(id: "c")]

    func covered(
        _ installations: [Installation], _ entitlements: [Entitlement], products: [Product]? = nil
    ) throws -> Int {
        let result = try Reconciler.reconcile(
            estate(
                devices: devices, products: products ?? [product("p")], installations: installations,
                entitlements: entitlements))
        return result.positions.reduce(0) { $0 + $1.covered }
    }

    @Test("an entitlement without a version covers every version, and installations without one")
    func unversioned() throws {
        #expect(
            try covered(
                [install("a", "p", "1"), install("b", "p")],
                [Entitlement(id: "e", product: "p", quantity: 5)]) == 2)
    }

    @Test("a version covers exactly that version, compared by dotted parts")
    func exactVersion() throws {
        let e = Entitlement(id: "e", product: "p", quantity: 5, version: Version("16.0"))
        #expect(
            try covered([install("a", "p", "16"), install("b", "p", "16.0.0"), install("c", "p", "16.1")], [e]) == 2)
    }

    @Test("downgrade rights cover every earlier version, and no later one")
    func downgrade() throws {
        let e = Entitlement(id: "e", product: "p", quantity: 5, version: Version("2022"), downgrade: true)
        #expect(
            try covered(
                [install("a", "p", "2019"), install("b", "p", "2021.1"), install("c", "p", "2023")],
                [e]) == 2)
    }

    @Test("an installation without a version is covered only by entitlements without one")
    func missingVersion() throws {
        let e = Entitlement(id: "e", product: "p", quantity: 5, version: Version("9"), downgrade: true)
        #expect(try covered([install("a", "p")], [e]) == 0)
    }

    @Test("a consumer with several installations needs an entitlement that covers all of them")
    func allInstallations() throws {
        let old = Entitlement(id: "old", product: "p", quantity: 5, version: Version("1.0"))
        let new = Entitlement(id: "new", product: "p", quantity: 5, version: Version("2.0"))
        #expect(try covered([install("a", "p", "1.0"), install("a", "p", "2.0")], [old, new]) == 0)
        let both = Entitlement(id: "both", product: "p", quantity: 1, version: Version("2.0"), downgrade: true)
        #expect(try covered([install("a", "p", "1.0"), install("a", "p", "2.0")], [old, both]) == 1)
    }

    @Test("entitlements count only between their start and end, both inclusive")
    func terms() throws {
        let installs = [install("a", "p"), install("b", "p"), install("c", "p")]
        #expect(
            try covered(
                installs,
                [
                    Entitlement(id: "ends-today", product: "p", quantity: 1, end: testDay),
                    Entitlement(id: "starts-today", product: "p", quantity: 1, start: testDay),
                    Entitlement(id: "ended", product: "p", quantity: 5, end: testDay.adding(days: -1)),
                    Entitlement(id: "future", product: "p", quantity: 5, start: testDay.adding(days: 1)),
                ]) == 2)
    }

    @Test("unlimited entitlements cover everyone, and make supply unknown")
    func unlimited() throws {
        let result = try Reconciler.reconcile(
            estate(
                devices: devices, products: [product("p")],
                installations: [install("a", "p"), install("b", "p")],
                entitlements: [
                    Entitlement(id: "site", product: "p", quantity: nil, unlimited: true, unitCost: 9),
                    Entitlement(id: "few", product: "p", quantity: 1, unitCost: 5),
                ]))
        let p = try #require(position(result, "p"))
        #expect(p.covered == 2)
        #expect(p.supply == nil)
        #expect(result.entitlements.first { $0.id == "site" }?.quantity == nil)
    }

    @Test("a scope covers the department and the departments below it, nothing else")
    func scopes() throws {
        let result = try Reconciler.reconcile(
            estate(
                departments: [Department(id: "eng"), Department(id: "web", parent: "eng"), Department(id: "hr")],
                devices: [
                    Device(id: "a", department: "eng"), Device(id: "b", department: "web"),
                    Device(id: "c", department: "hr"), Device(id: "d"),
                ],
                products: [product("p")],
                installations: [install("a", "p"), install("b", "p"), install("c", "p"), install("d", "p")],
                entitlements: [Entitlement(id: "e", product: "p", quantity: 10, scope: "eng")]))
        #expect(result.consumers.filter { $0.shortfall == 0 }.map(\.key) == ["device:a", "device:b"])
    }

    @Test("covers extends an entitlement to other products, which it serves after its own")
    func coversOwnFirst() throws {
        let result = try Reconciler.reconcile(
            estate(
                devices: devices, products: [product("pro"), product("std")],
                installations: [install("a", "std"), install("b", "pro"), install("c", "std")],
                entitlements: [Entitlement(id: "pro", product: "pro", quantity: 2, covers: ["std"])]))
        #expect(position(result, "pro")?.covered == 1)
        #expect(position(result, "std")?.covered == 1)
        #expect(position(result, "pro")?.surplus == 0)
    }

    @Test("a suite's components count as the suite, on one consumer per device, with no position of their own")
    func suites() throws {
        let result = try Reconciler.reconcile(
            estate(
                devices: devices,
                products: [product("office", components: ["word", "excel"]), product("word"), product("excel")],
                installations: [
                    install("a", "word", "2021"), install("a", "excel", "2021"), install("b", "excel", "2019"),
                ],
                entitlements: [Entitlement(id: "o", product: "office", quantity: 5, version: Version("2021"))]))
        #expect(result.positions.map(\.product) == ["office"])
        #expect(units(result, "office") == ["device:a": 1, "device:b": 1])
        #expect(position(result, "office")?.covered == 1)
    }

    @Test("the allocation finds the assignment that covers the most, where first-fit would not")
    func needsFlow() throws {
        let broad = Entitlement(id: "A-broad", product: "p", quantity: 2, version: Version("2.0"), downgrade: true)
        let narrow = Entitlement(id: "B-old", product: "p", quantity: 1, version: Version("1.0"))
        #expect(
            try covered(
                [install("a", "p", "1.0"), install("b", "p", "2.0"), install("c", "p", "1.5")],
                [broad, narrow]) == 3)
    }

    @Test("ties draw on open-ended terms before dated ones, so surplus shows on what ends soonest")
    func tieRule() throws {
        let result = try Reconciler.reconcile(
            estate(
                devices: devices, products: [product("p")], installations: [install("a", "p")],
                entitlements: [
                    Entitlement(id: "sub", product: "p", quantity: 1, end: testDay.adding(days: 30)),
                    Entitlement(id: "perpetual", product: "p", quantity: 1),
                ]))
        #expect(result.entitlements.first { $0.id == "perpetual" }?.used == 1)
        #expect(result.entitlements.first { $0.id == "sub" }?.unused == 1)
    }

    @Test("a consumer's units may come from several entitlements")
    func splitUnits() throws {
        let result = try Reconciler.reconcile(
            estate(
                devices: [Device(id: "s", processors: 2, coresPerProcessor: 8)],
                products: [product("p", License(metric: .core))],
                installations: [install("s", "p")],
                entitlements: [
                    Entitlement(id: "e1", product: "p", quantity: 10), Entitlement(id: "e2", product: "p", quantity: 4),
                ]))
        let consumer = try #require(result.consumers.first)
        #expect(consumer.units == 16)
        #expect(consumer.allocated.reduce(0) { $0 + $1.units } == 14)
        #expect(consumer.shortfall == 2)
        #expect(consumer.why.contains("short 2"))
    }

    @Test("why names the arithmetic and each entitlement that could not cover it; what holds for all, the position")
    func why() throws {
        let result = try Reconciler.reconcile(
            estate(
                departments: [Department(id: "fin"), Department(id: "hr")],
                devices: [Device(id: "a", department: "hr")], products: [product("p")],
                installations: [install("a", "p", "2023")],
                entitlements: [
                    Entitlement(id: "scoped", product: "p", quantity: 1, scope: "fin"),
                    Entitlement(id: "old", product: "p", quantity: 1, version: Version("2022"), downgrade: true),
                    Entitlement(id: "expired", product: "p", quantity: 1, end: Day.on("2025-12-31")),
                ]))
        let why = try #require(result.consumers.first?.why)
        #expect(why.hasPrefix("device: 1 per device = 1"))
        #expect(why.contains("scoped cannot: out of scope"))
        #expect(why.contains("old cannot: version not covered"))
        // What holds for every consumer of the product is told once, on its position.
        #expect(!why.contains("expired"))
        #expect(result.positions.first?.why == "expired cannot: expired 2025-12-31")
    }
}
