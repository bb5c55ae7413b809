import Testing

@testable import TallyCore

@Suite("Demand under the device and user metrics")
struct DeviceAndUserMetricTests {
    @Test("a device counts once however many installations it has, and retired devices not at all")
    func deviceCountsOnce() throws {
        let result = try Reconciler.reconcile(
            estate(
                devices: [Device(id: "a"), Device(id: "b", active: false)], products: [product("p")],
                installations: [install("a", "p", "1"), install("a", "p", "2"), install("b", "p", "1")]))
        #expect(units(result, "p") == ["device:a": 1])
    }

    @Test("an assigned device without an installation is a consumer; an assignment to a person is ignored")
    func deviceAssignments() throws {
        let result = try Reconciler.reconcile(
            estate(
                people: [Person(id: "ann")], devices: [Device(id: "a"), Device(id: "b")], products: [product("p")],
                installations: [install("a", "p")],
                assignments: [
                    Assignment(product: "p", assignee: .device("b")),
                    Assignment(product: "p", assignee: .device("a")),
                    Assignment(product: "p", assignee: .person("ann")),
                ]))
        #expect(units(result, "p") == ["device:a": 1, "device:b": 1])
    }

    @Test("a user counts once for all their devices, or ceil(devices / devicesPerUser)")
    func userDevices() throws {
        let people = [Person(id: "ann"), Person(id: "bob")]
        let devices = (1...5).map { Device(id: .init("d\($0)"), user: $0 <= 4 ? "ann" : "bob") }
        let installs = devices.map { install($0.id, "p") } + devices.map { install($0.id, "q") }
        let result = try Reconciler.reconcile(
            estate(
                people: people, devices: devices,
                products: [
                    product("p", License(metric: .user)), product("q", License(metric: .user, devicesPerUser: 3)),
                ],
                installations: installs))
        #expect(units(result, "p") == ["person:ann": 1, "person:bob": 1])
        #expect(units(result, "q") == ["person:ann": 2, "person:bob": 1])
    }

    @Test("a device whose user is missing or inactive counts on its own, in its user's department if it has none")
    func userlessDevices() throws {
        let result = try Reconciler.reconcile(
            estate(
                departments: [Department(id: "eng")],
                people: [Person(id: "gone", department: "eng", active: false)],
                devices: [Device(id: "a"), Device(id: "b", user: "gone")],
                products: [product("p", License(metric: .user))],
                installations: [install("a", "p"), install("b", "p")],
                entitlements: [Entitlement(id: "eng", product: "p", quantity: 5, scope: "eng")]))
        #expect(units(result, "p") == ["device:a": 1, "device:b": 1])
        let b = try #require(result.consumers.first { $0.key == "device:b" })
        #expect(b.department == "eng")
        #expect(position(result, "p")?.covered == 1)
    }

    @Test("usage matches a login first, then an id; unmatched logins count; inactive people do not")
    func usageMatching() throws {
        let result = try Reconciler.reconcile(
            estate(
                people: [
                    Person(id: "ann", login: "a.smith"), Person(id: "a.smith2"), Person(id: "left", active: false),
                ],
                products: [product("p", License(metric: .user))],
                usage: [
                    UsageSession(product: "p", user: "a.smith", start: .at("2026-01-01T00:00:00Z")),
                    UsageSession(product: "p", user: "a.smith2", start: .at("2026-01-01T00:00:00Z")),
                    UsageSession(product: "p", user: "left", start: .at("2026-01-01T00:00:00Z")),
                    UsageSession(product: "p", user: "visitor", start: .at("2026-01-01T00:00:00Z")),
                    UsageSession(product: "p", user: "visitor", start: .at("2026-02-01T00:00:00Z")),
                ]))
        #expect(units(result, "p") == ["person:ann": 1, "person:a.smith2": 1, "login:visitor": 1])
    }

    @Test("a device assignment counts for the device's active user, else the device; it adds no device to a person")
    func userAssignments() throws {
        let result = try Reconciler.reconcile(
            estate(
                people: [Person(id: "ann"), Person(id: "bob")],
                devices: [Device(id: "a1", user: "ann"), Device(id: "a2", user: "ann"), Device(id: "kiosk")],
                products: [product("p", License(metric: .user, devicesPerUser: 1))],
                installations: [install("a1", "p")],
                assignments: [
                    Assignment(product: "p", assignee: .device("a2")),
                    Assignment(product: "p", assignee: .device("kiosk")),
                    Assignment(product: "p", assignee: .person("bob")),
                ]))
        #expect(units(result, "p") == ["person:ann": 1, "person:bob": 1, "device:kiosk": 1])
    }

    @Test("consumers are sorted by product, then key in code point order")
    func consumerOrder() throws {
        let result = try Reconciler.reconcile(
            estate(
                people: [Person(id: "zed"), Person(id: "amy")],
                devices: [Device(id: "m"), Device(id: "B"), Device(id: "a", user: "zed")],
                products: [product("z"), product("y", License(metric: .user))],
                installations: [
                    install("m", "z"), install("B", "z"), install("a", "z"), install("a", "y"),
                    install("m", "y"),
                ],
                usage: [
                    UsageSession(product: "y", user: "amy", start: .at("2026-01-01T00:00:00Z")),
                    UsageSession(product: "y", user: "ghost", start: .at("2026-01-01T00:00:00Z")),
                ]))
        #expect(
            result.consumers.map { "\($0.product) \($0.key)" } == [
                "y device:m", "y login:ghost", "y person:amy", "y person:zed", "z device:B", "z device:a", "z device:m",
            ])
    }
}
