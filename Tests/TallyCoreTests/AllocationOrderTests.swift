import Testing

@testable import TallyCore

/// Spec 6.2 and section 4: among allocations that cover the most units, an entitlement serves its own product first,
/// consumers holding an assignment come before those that do not, and unlimited rights serve before limited ones.
@Suite("The order of the allocation: assignments first, unlimited rights first")
struct AllocationOrderTests {
    /// Three devices with the product installed, one license, assigned by name to the last device in key order.
    ///
    /// By hand: demand 3 (one per device), supply 1, so 1 is covered and 2 are short whatever the allocation.
    /// Without the rule, key order would give the license to device:a. The assignment is the license: device:c
    /// holds it, a and b are short.
    @Test("under device, the assigned device gets the license, not the first in key order")
    func assignedDeviceFirst() throws {
        let result = try Reconciler.reconcile(
            estate(
                devices: ["a", "b", "c"].map { Device(id: .init($0)) }, products: [product("p")],
                installations: [install("a", "p"), install("b", "p"), install("c", "p")],
                assignments: [Assignment(product: "p", assignee: .device("c"))],
                entitlements: [Entitlement(id: "e", product: "p", quantity: 1)]))
        let consumers = Dictionary(uniqueKeysWithValues: result.consumers.map { ($0.key, $0) })
        #expect(consumers["device:c"]?.shortfall == 0)
        #expect(consumers["device:a"]?.shortfall == 1 && consumers["device:b"]?.shortfall == 1)
        #expect(consumers["device:c"]?.why.contains("assigned the product") == true)
        #expect(consumers["device:a"]?.why.contains("assigned") == false)
    }

    /// Ann and Bob use the product; Cy is assigned it through his device; two licenses.
    ///
    /// By hand: demand 3 people, supply 2, shortfall 1. Cy (assigned via device d3, whose user he is) must be
    /// covered; of Ann and Bob, key order covers Ann. Bob is the one short.
    @Test("under user, a person assigned through their device is covered before people without an assignment")
    func assignedPersonFirst() throws {
        let people = ["ann", "bob", "cy"].map { Person(id: .init($0)) }
        let devices = [Device(id: "d1", user: "ann"), Device(id: "d2", user: "bob"), Device(id: "d3", user: "cy")]
        let result = try Reconciler.reconcile(
            estate(
                people: people, devices: devices, products: [product("p", License(metric: .user))],
                installations: [install("d1", "p"), install("d2", "p"), install("d3", "p")],
                assignments: [Assignment(product: "p", assignee: .device("d3"))],
                entitlements: [Entitlement(id: "e", product: "p", quantity: 2)]))
        let short = result.consumers.filter { $0.shortfall > 0 }.map(\.key)
        #expect(short == ["person:bob"])
        #expect(position(result, "p")?.shortfall == 1)
    }

    /// An assignment orders the allocation, it does not widen an entitlement: a scoped license cannot reach an
    /// assigned person outside its scope, and the unassigned person in scope keeps it.
    @Test("an assignment never lets an entitlement cover what its scope or version excludes")
    func assignmentRespectsScope() throws {
        let result = try Reconciler.reconcile(
            estate(
                departments: [Department(id: "eng"), Department(id: "fin")],
                people: [Person(id: "ann", department: "eng"), Person(id: "bob", department: "fin")],
                products: [product("p", License(metric: .user))],
                assignments: [
                    Assignment(product: "p", assignee: .person("ann")),
                    Assignment(product: "p", assignee: .person("bob")),
                ],
                entitlements: [Entitlement(id: "e", product: "p", quantity: 1, scope: "eng")]))
        #expect(result.consumers.filter { $0.shortfall > 0 }.map(\.key) == ["person:bob"])
    }

    /// The demo names its Visual Studio subscribers: every person assigned the product must be among the covered,
    /// and the shortfall falls on people who installed it without an assignment.
    @Test("the demo: every person assigned Visual Studio is covered; only unassigned users are short")
    func demoVisualStudio() throws {
        let demo = DemoEstate.make(asOf: testDay)
        let result = try Reconciler.reconcile(demo)
        let assigned = Set(
            demo.assignments.filter { $0.product == "visual-studio" }.compactMap { item -> String? in
                guard case .person(let person) = item.assignee else { return nil }
                return "person:\(person)"
            })
        let consumers = result.consumers.filter { $0.product == "visual-studio" }
        let short = consumers.filter { $0.shortfall > 0 }.map(\.key)
        #expect(!short.isEmpty && short.allSatisfy { !assigned.contains($0) })
        #expect(assigned.allSatisfy { key in consumers.contains { $0.key == key && $0.shortfall == 0 } })
        // The four the first review found short are assigned and now covered.
        for person in ["E10143", "E10155", "E10164", "E10168"] {
            #expect(assigned.contains("person:\(person)"))
        }
    }

    /// Scenario 10 by hand: Snagit is installed on 3 devices; E-2019 holds 2 limited licenses (50 each), SITE is
    /// unlimited. The site license covers all 3, so E-2019's 2 licenses are surplus worth 2 x 50 = 100: what can be
    /// dropped at renewal. Supply is null (an unlimited right), exposure 0.
    @Test("an unlimited right serves every consumer it can; the purchase it makes redundant is surplus")
    func unlimitedFirst() throws {
        let devices = ["ws-1", "ws-2", "ws-3"].map { Device(id: .init($0)) }
        let result = try Reconciler.reconcile(
            estate(
                devices: devices, products: [product("snagit")],
                installations: devices.map { install($0.id, "snagit", "2024") },
                entitlements: [
                    Entitlement(id: "E-2019", product: "snagit", quantity: 2, start: .on("2019-03-01"), unitCost: 50),
                    Entitlement(
                        id: "SITE", product: "snagit", quantity: nil, start: .on("2025-01-01"), end: .on("2027-12-31"),
                        unlimited: true),
                ]))
        let snagit = try #require(position(result, "snagit"))
        #expect(snagit.covered == 3 && snagit.surplus == 2 && snagit.surplusValue == 100)
        #expect(snagit.supply == nil && snagit.exposure == 0 && snagit.status == .over)
        #expect(result.entitlements.map(\.used) == [0, 3])
        #expect(result.consumers.allSatisfy { $0.why.contains("SITE gives 1 (unlimited, used first)") })
    }

    /// Limited licenses still serve what the unlimited right cannot reach: here the site license is scoped to
    /// engineering, so finance's device takes one of the two limited licenses and one is surplus.
    @Test("limited entitlements serve only the consumers an unlimited right cannot cover")
    func limitedServeTheRest() throws {
        let result = try Reconciler.reconcile(
            estate(
                departments: [Department(id: "eng"), Department(id: "fin")],
                devices: [Device(id: "a", department: "eng"), Device(id: "b", department: "fin")],
                products: [product("p")], installations: [install("a", "p"), install("b", "p")],
                entitlements: [
                    Entitlement(id: "bought", product: "p", quantity: 2, unitCost: 10),
                    Entitlement(id: "site", product: "p", quantity: nil, unlimited: true, scope: "eng"),
                ]))
        let consumers = Dictionary(uniqueKeysWithValues: result.consumers.map { ($0.key, $0.allocated) })
        #expect(consumers["device:a"] == [Allocation(entitlement: "site", units: 1)])
        #expect(consumers["device:b"] == [Allocation(entitlement: "bought", units: 1)])
        #expect(position(result, "p")?.surplus == 1 && position(result, "p")?.surplusValue == 10)
    }

    /// Nothing is short, and nothing says what a license costs: nothing is exposed, so exposure is 0, not unknown.
    @Test("where the shortfall is 0 the exposure is 0, even with no known price")
    func noShortfallNoExposure() throws {
        let result = try Reconciler.reconcile(
            estate(
                devices: [Device(id: "a")], products: [product("p")], installations: [install("a", "p")],
                entitlements: [Entitlement(id: "e", product: "p", quantity: 1)]))
        #expect(position(result, "p")?.exposure == 0)
        let short = try Reconciler.reconcile(
            estate(devices: [Device(id: "a")], products: [product("p")], installations: [install("a", "p")]))
        #expect(position(short, "p")?.exposure == nil)
        #expect(short.totals.unpricedShortfalls == 1)
    }
}
