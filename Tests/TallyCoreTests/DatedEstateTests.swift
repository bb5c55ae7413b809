import Testing

@testable import TallyCore

/// Spec 6.1: a position on a date uses the estate as it was that day. Installations count from `installed` until
/// `removed`; devices and people until `retired`, whatever `active` says.
@Suite("The estate on a date: installed, removed, retired")
struct DatedEstateTests {
    /// Four devices, each with the product, on 2026-11-29:
    /// - a: installed 2026-11-01, counts;
    /// - b: installed 2026-11-30, the day after asOf, does not count yet;
    /// - c: removed 2026-11-29, the first day it is gone, does not count (removed is exclusive);
    /// - d: no dates, counts always.
    /// By hand: demand 2 (a, d). On 2026-11-30 b counts too and c still does not: 3.
    @Test("an installation counts from its installed day until its removed day")
    func installationDates() throws {
        let devices = ["a", "b", "c", "d"].map { Device(id: .init($0)) }
        var items = devices.map { install($0.id, "p") }
        items[0].installed = .on("2026-11-01")
        items[1].installed = .on("2026-11-30")
        items[2].installed = .on("2026-01-01")
        items[2].removed = .on("2026-11-29")
        let today = try Reconciler.reconcile(estate(devices: devices, products: [product("p")], installations: items))
        #expect(units(today, "p") == ["device:a": 1, "device:d": 1])
        let tomorrow = try Reconciler.reconcile(
            estate(devices: devices, products: [product("p")], installations: items, asOf: .on("2026-11-30")))
        #expect(units(tomorrow, "p") == ["device:a": 1, "device:b": 1, "device:d": 1])
        let earlier = try Reconciler.reconcile(
            estate(devices: devices, products: [product("p")], installations: items, asOf: .on("2026-06-01")))
        #expect(units(earlier, "p") == ["device:c": 1, "device:d": 1])
    }

    /// `retired` decides whatever `active` says: a device retired tomorrow still counts today although inactive;
    /// an active-flagged device retired yesterday does not. Without a date, `active: false` retired it before any
    /// date. People the same, under `user`.
    @Test("devices and people count until their retired day; without one, while active")
    func retiredDates() throws {
        let devices = [
            Device(id: "a", active: false, retired: .on("2026-11-30")),
            Device(id: "b", active: true, retired: .on("2026-11-29")),
            Device(id: "c", active: false),
            Device(id: "d"),
        ]
        let result = try Reconciler.reconcile(
            estate(devices: devices, products: [product("p")], installations: devices.map { install($0.id, "p") }))
        #expect(units(result, "p") == ["device:a": 1, "device:d": 1])

        let people = [Person(id: "ann", active: false, retired: .on("2026-12-01")), Person(id: "bob", active: false)]
        let named = try Reconciler.reconcile(
            estate(
                people: people, products: [product("u", License(metric: .user))],
                assignments: people.map { Assignment(product: "u", assignee: .person($0.id)) }))
        #expect(units(named, "u") == ["person:ann": 1])
    }

    @Test("a removal before the installation is an error that names the field")
    func removedBeforeInstalled() {
        var item = install("a", "p")
        item.installed = .on("2026-11-02")
        item.removed = .on("2026-11-01")
        expectError(
            "installations[0].removed",
            in: estate(devices: [Device(id: "a")], products: [product("p")], installations: [item]))
    }

    /// The demo's Revit users (named users) had it installed over the last few years: on 2025-01-01 only those
    /// installed by then count. By hand from the demo's own records: the people whose Revit was installed on or
    /// before that day and whose device and person were not yet retired.
    @Test("the demo on a past date counts only what was installed by then (Revit on 2025-01-01)")
    func demoRevitInThePast() throws {
        let demo = DemoEstate.make(asOf: testDay)
        var past = demo
        past.asOf = .on("2025-01-01")
        let devices = Dictionary(uniqueKeysWithValues: demo.devices.map { ($0.id, $0) })
        let people = Dictionary(uniqueKeysWithValues: demo.people.map { ($0.id, $0) })
        func holders(on day: Day) -> Set<Person.ID> {
            Set(
                demo.installations.filter { $0.product == "revit" && $0.isInstalled(on: day) }.compactMap { item in
                    guard let device = devices[item.device], device.counts(on: day), let user = device.user,
                        people[user]?.counts(on: day) == true
                    else { return nil }
                    return user
                })
        }
        let now = try #require(position(try Reconciler.reconcile(demo), "revit"))
        let then = try #require(position(try Reconciler.reconcile(past), "revit"))
        #expect(now.demand == holders(on: testDay).count)
        #expect(then.demand == holders(on: .on("2025-01-01")).count)
        // The figures the first review found: 14 today, of which 6 were installed after 2025-01-01.
        #expect(now.demand == 14 && then.demand == 8)
        // The demo's leavers were retired on a date: before it, their devices count again.
        let leaver = try #require(demo.devices.first { !$0.active && $0.retired != nil })
        #expect(leaver.counts(on: leaver.retired?.adding(days: -1) ?? testDay))
        #expect(!leaver.counts(on: testDay))
    }
}
