import Testing

@testable import TallyCore

@Suite("The position: supply, surplus, exposure and status")
struct PositionTests {
    func reconcile(_ entitlements: [Entitlement], installed: Int, price: Double? = nil) throws -> Position? {
        let devices = (0..<installed).map { Device(id: .init("d\($0)")) }
        let result = try Reconciler.reconcile(
            estate(
                devices: devices, products: [product("p", price: price)],
                installations: devices.map { install($0.id, "p") }, entitlements: entitlements))
        return position(result, "p")
    }

    @Test("exposure is shortfall times the product's unit price first")
    func unitPrice() throws {
        let p = try #require(
            try reconcile(
                [Entitlement(id: "e", product: "p", quantity: 1, unitCost: 10)],
                installed: 3, price: 99.99))
        #expect(p.shortfall == 2)
        #expect(p.exposure == 199.98)
    }

    @Test("else the cost of the own active entitlement with the latest start; open starts are earliest")
    func latestStart() throws {
        let p = try reconcile(
            [
                Entitlement(id: "a", product: "p", quantity: 1, unitCost: 10),
                Entitlement(id: "b", product: "p", quantity: 0, start: Day.on("2024-01-01"), unitCost: 30),
                Entitlement(id: "c", product: "p", quantity: 0, start: Day.on("2025-01-01"), unitCost: 20),
            ], installed: 2)
        #expect(p?.exposure == 20)
    }

    @Test("among equal starts, the highest cost")
    func equalStarts() throws {
        let p = try reconcile(
            [
                Entitlement(id: "a", product: "p", quantity: 0, unitCost: 10),
                Entitlement(id: "b", product: "p", quantity: 0, unitCost: 15),
            ], installed: 1)
        #expect(p?.exposure == 15)
    }

    @Test("with no price known, exposure is unknown, never 0")
    func unknownPrice() throws {
        let p = try #require(try reconcile([], installed: 2))
        #expect(p.exposure == nil)
        #expect(p.supply == 0)
        #expect(p.status == .under)
    }

    @Test("surplus and its value count unused units of the product's own limited entitlements")
    func surplus() throws {
        let p = try #require(
            try reconcile(
                [
                    Entitlement(id: "a", product: "p", quantity: 5, unitCost: 12.5),
                    Entitlement(id: "b", product: "p", quantity: nil, unlimited: true),
                ],
                installed: 0))
        #expect(p.surplus == 5)
        #expect(p.surplusValue == 62.5)
        #expect(p.status == .over)
        #expect(p.supply == nil)
    }

    @Test("exactly licensed is compliant; a product with neither demand nor active entitlements has no position")
    func statusAndPresence() throws {
        #expect(try reconcile([Entitlement(id: "a", product: "p", quantity: 2)], installed: 2)?.status == .compliant)
        #expect(
            try reconcile(
                [Entitlement(id: "a", product: "p", quantity: 2, end: Day.on("2020-01-01"))],
                installed: 0) == nil)
    }

    @Test("inactive entitlements are listed as inactive, unused 0")
    func inactiveUse() throws {
        let result = try Reconciler.reconcile(
            estate(
                products: [product("p")],
                entitlements: [
                    Entitlement(
                        id: "old", product: "p", quantity: 3,
                        end: Day.on("2020-01-01"))
                ]))
        #expect(
            result.entitlements == [
                EntitlementUse(
                    id: "old", product: "p", active: false, quantity: 3, used: 0,
                    unused: 0)
            ])
    }

    @Test("totals add known exposures and count the products in shortfall without a price")
    func totals() throws {
        let result = try Reconciler.reconcile(
            estate(
                devices: [Device(id: "a")], products: [product("p", price: 10.005), product("q")],
                installations: [install("a", "p"), install("a", "q")]))
        #expect(result.totals.exposure == 10.01)
        #expect(result.totals.unpricedShortfalls == 1)
    }
}
