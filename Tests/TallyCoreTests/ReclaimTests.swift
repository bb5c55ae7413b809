import Testing

@testable import TallyCore

/// What can be taken back, worked by hand on a small estate (the day: 2026-11-29; 90 days: since 2026-08-31).
@Suite("Reclaiming unused licenses")
struct ReclaimTests {
    /// AutoCAD (device metric, 100 EUR a unit, 3 owned) on six devices: d1 used last week, d2 last used in June, d3
    /// with no evidence of use, d4 last used 2026-08-01, d5 whose user Ann left on 2026-09-30, d6 not seen since May.
    /// Ann is also assigned Office (user metric). MATLAB is a concurrent pool: its installations free nothing.
    func sample() -> Estate {
        var devices = (1...6).map { Device(id: .init("d\($0)"), lastSeen: .on("2026-11-25")) }
        devices[4].user = "ann"
        devices[5].lastSeen = .on("2026-05-01")
        let used: [String?] = ["2026-11-20", "2026-06-01", nil, "2026-08-01", "2026-11-01", "2026-11-01"]
        var installations = devices.indices.map { i in
            Installation(
                device: devices[i].id, product: "autocad", lastUsed: used[i].map(Day.on), lastSeen: .on("2026-11-25"))
        }
        installations.append(Installation(device: "d2", product: "matlab", lastUsed: .on("2026-01-01")))
        return estate(
            people: [Person(id: "ann", active: false, retired: .on("2026-09-30"))], devices: devices,
            products: [
                product("autocad", price: 100), product("office", License(metric: .user)),
                product("matlab", License(metric: .concurrent)),
            ],
            installations: installations, assignments: [Assignment(product: "office", assignee: .person("ann"))],
            entitlements: [Entitlement(id: "E1", product: "autocad", quantity: 3)])
    }

    func report(_ estate: Estate, marks: [ReclaimMark] = [], product: Product.ID? = nil) throws -> ReclaimReport {
        try Reclaimer.report(
            estate, position: try Reconciler.reconcile(estate), unusedDays: 90, product: product, marks: marks)
    }

    @Test("unused, unseen and left-behind installations are lines, each freeing a unit worth its price")
    func lines() throws {
        let result = try report(sample())
        #expect(result.since == .on("2026-08-31"))
        let autocad = result.lines.filter { $0.product == "autocad" }
        #expect(autocad.map(\.device) == ["d2", "d4", "d5", "d6"])
        #expect(autocad.map(\.reason) == [.unused, .unused, .userLeft, .deviceNotSeen])
        #expect(
            autocad.map(\.detail) == [
                "last used 2026-06-01", "last used 2026-08-01", "ann left on 2026-09-30",
                "device not seen since 2026-05-01",
            ])
        #expect(autocad.map(\.freed) == [1, 1, 1, 1])
        #expect(autocad.map(\.value) == [100, 100, 100, 100])
        // Demand 6 with 3 owned: shortfall 3; once the four are reclaimed, 2 are needed and 1 is spare.
        #expect(
            result.effects.first { $0.product == "autocad" }?.sentence == "autocad: shortfall 3 -> 0, surplus 0 -> 1")
        #expect(result.totalValue == 400)
    }

    @Test("an assignment held by someone who left is a line that frees nothing the position still counts")
    func assignment() throws {
        let office = try #require(try report(sample()).lines.first { $0.product == "office" })
        #expect(office.device == nil && office.person == "ann" && office.reason == .userLeft)
        #expect(office.detail == "assigned to ann left on 2026-09-30")
        #expect(office.freed == 0)
    }

    @Test("an installation with no evidence of use is a line only where the product's use is tracked")
    func tracked() throws {
        var estate = sample()
        #expect(try report(estate).lines.contains { $0.device == "d3" } == false)
        estate.products.append(product("acrobat"))
        estate.installations.append(Installation(device: "d3", product: "acrobat", installed: .on("2025-01-01")))
        estate.usage.append(UsageSession(product: "acrobat", user: "someone", start: .at("2026-11-02T09:00:00Z")))
        let line = try #require(try report(estate, product: "acrobat").lines.first)
        #expect(line.detail == "no use recorded since 2026-08-31 (installed 2025-01-01)")
        // A session by the device's host is evidence of use.
        estate.usage.append(UsageSession(product: "acrobat", host: "d3", start: .at("2026-11-10T09:00:00Z")))
        #expect(try report(estate, product: "acrobat").lines.isEmpty)
    }

    @Test("what was taken back is left out until inventory sees it again, when it is flagged")
    func marks() throws {
        let marks = [
            ReclaimMark(device: "d4", product: "autocad", day: .on("2026-11-26"), actor: "lm"),
            ReclaimMark(device: "d2", product: "autocad", day: .on("2026-10-01"), actor: "lm"),
        ]
        let result = try report(sample(), marks: marks)
        #expect(result.lines.filter { $0.product == "autocad" }.map(\.device) == ["d2", "d5", "d6"])
        #expect(result.taken.map(\.mark.device) == ["d2", "d4"])
        #expect(result.taken.map(\.seenAgain) == [.on("2026-11-25"), nil])
        #expect(result.effects.first { $0.product == "autocad" }?.sentence == "autocad: shortfall 3 -> 0")
    }

    @Test("one product only, when asked")
    func oneProduct() throws {
        #expect(Set(try report(sample(), product: "office").lines.map(\.product)) == ["office"])
    }
}
