import Testing

@testable import TallyCore

@Suite("A bad estate is rejected with the path of the problem")
struct EstateErrorTests {
    @Test("every kind of reference names its path and the missing id")
    func references() {
        let p = [product("p")]
        expectError(
            "installations[0].product",
            in: estate(
                devices: [Device(id: "a")], products: p,
                installations: [install("a", "nope")]))
        expectError("devices[0].user", in: estate(devices: [Device(id: "a", user: "ghost")], products: p))
        expectError("devices[0].department", in: estate(devices: [Device(id: "a", department: "x")], products: p))
        expectError("people[0].department", in: estate(people: [Person(id: "a", department: "x")], products: p))
        expectError("departments[0].parent", in: estate(departments: [Department(id: "a", parent: "x")], products: p))
        expectError(
            "entitlements[0].product",
            in: estate(
                products: p,
                entitlements: [
                    Entitlement(id: "e", product: "x", quantity: 1)
                ]))
        expectError(
            "entitlements[0].covers[1]",
            in: estate(
                products: p,
                entitlements: [
                    Entitlement(id: "e", product: "p", quantity: 1, covers: ["p", "x"])
                ]))
        expectError(
            "entitlements[0].scope.department",
            in: estate(
                products: p,
                entitlements: [
                    Entitlement(id: "e", product: "p", quantity: 1, scope: "x")
                ]))
        expectError(
            "usage[0].product",
            in: estate(
                products: p,
                usage: [
                    UsageSession(product: "x", user: "u", start: .at("2026-01-01T00:00:00Z"))
                ]))
        expectError(
            "assignments[0].person",
            in: estate(
                products: p,
                assignments: [
                    Assignment(product: "p", assignee: .person("x"))
                ]))
        expectError("products[0].components[0]", in: estate(products: [product("s", components: ["x"])]))
    }

    @Test("the message says what is missing and what to do")
    func message() throws {
        do {
            _ = try Reconciler.reconcile(
                estate(
                    devices: [Device(id: "a")], products: [product("p")],
                    installations: [install("a", "p"), install("zz", "p")]))
            Issue.record("accepted a bad reference")
        } catch {
            #expect(error.description.hasPrefix("installations[1].device: no device \"zz\""))
        }
    }

    @Test("ids are unique per collection")
    func duplicates() {
        expectError("devices[1].id", in: estate(devices: [Device(id: "a"), Device(id: "a")], products: [product("p")]))
        expectError(
            "entitlements[1].id",
            in: estate(
                products: [product("p")],
                entitlements: [
                    Entitlement(id: "e", product: "p", quantity: 1), Entitlement(id: "e", product: "p", quantity: 1),
                ]))
    }

    @Test("an entitlement covers only products of its own metric")
    func coversMetric() {
        expectError(
            "entitlements[0].covers[0]",
            in: estate(
                products: [product("p"), product("u", License(metric: .user))],
                entitlements: [Entitlement(id: "e", product: "p", quantity: 1, covers: ["u"])]))
    }

    @Test("a product is a component of at most one suite, and suites do not nest")
    func suites() {
        expectError(
            "products[1].components[0]",
            in: estate(products: [
                product("s1", components: ["c"]), product("s2", components: ["c"]), product("c"),
            ]))
        expectError(
            "products[0].components[0]",
            in: estate(products: [
                product("outer", components: ["inner"]), product("inner", components: ["c"]), product("c"),
            ]))
    }

    @Test("values out of range: a quantity is needed unless unlimited, terms run forwards, departments do not loop")
    func values() {
        expectError(
            "entitlements[0].quantity",
            in: estate(
                products: [product("p")],
                entitlements: [
                    Entitlement(id: "e", product: "p", quantity: nil)
                ]))
        expectError(
            "entitlements[0].quantity",
            in: estate(
                products: [product("p")],
                entitlements: [
                    Entitlement(id: "e", product: "p", quantity: -1)
                ]))
        expectError(
            "entitlements[0].end",
            in: estate(
                products: [product("p")],
                entitlements: [
                    Entitlement(
                        id: "e", product: "p", quantity: 1, start: Day.on("2026-02-01"), end: Day.on("2026-01-01"))
                ]))
        expectError(
            "departments[0].parent",
            in: estate(
                departments: [
                    Department(id: "a", parent: "b"),
                    Department(id: "b", parent: "a"),
                ],
                products: [product("p")]))
        expectError(
            "usage[0].end",
            in: estate(
                products: [product("p")],
                usage: [
                    UsageSession(product: "p", start: .at("2026-01-02T00:00:00Z"), end: .at("2026-01-01T00:00:00Z"))
                ]))
        expectError(
            "products[0].license.devicesPerUser",
            in: estate(products: [
                product("p", License(metric: .user, devicesPerUser: 0))
            ]))
    }

    @Test("hardware counts and quantities beyond any real machine or contract are refused before they can overflow")
    func limits() {
        expectError(
            "devices[0].processors", in: estate(devices: [Device(id: "a", processors: 0)], products: [product("p")]))
        expectError(
            "devices[0].coresPerProcessor",
            in: estate(
                devices: [Device(id: "a", coresPerProcessor: Int.max / 2)], products: [product("p")]))
        expectError(
            "entitlements[0].quantity",
            in: estate(
                products: [product("p")],
                entitlements: [
                    Entitlement(id: "e", product: "p", quantity: Int.max)
                ]))
        expectError(
            "products[0].license.windowDays",
            in: estate(products: [
                product("p", License(metric: .concurrent, windowDays: Int.max))
            ]))
        expectError(
            "products[0].license.coreFactor",
            in: estate(products: [
                product("p", License(metric: .core, coreFactor: .value(.infinity)))
            ]))
    }
}
