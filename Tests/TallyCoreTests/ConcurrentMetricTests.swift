import Testing

@testable import TallyCore

@Suite("Demand under the concurrent metric: peak use inside the window")
struct ConcurrentMetricTests {
    /// The pool's units for sessions of different users (so that no two are one license).
    func pool(_ sessions: [(String, String?, Int)], windowDays: Int = 90) throws -> Int? {
        let result = try Reconciler.reconcile(
            estate(
                products: [product("m", License(metric: .concurrent, windowDays: windowDays))],
                usage: sessions.enumerated().map { index, session in
                    UsageSession(
                        product: "m", user: "u\(index)", start: .at(session.0), end: session.1.map(Instant.at),
                        count: session.2)
                }))
        return units(result, "m")["pool"]
    }

    @Test("the default window is 90 days: 2026-08-31T00:00Z up to 2026-11-30T00:00Z for asOf 2026-11-29")
    func defaultWindow() {
        let window = Demand.window(for: License(metric: .concurrent), asOf: testDay)
        #expect(window.lowerBound == .at("2026-08-31T00:00:00Z"))
        #expect(window.upperBound == .at("2026-11-30T00:00:00Z"))
    }

    @Test("sessions are half-open: one ending as another starts does not overlap it")
    func halfOpen() throws {
        #expect(
            try pool([
                ("2026-11-01T09:00:00Z", "2026-11-01T10:00:00Z", 1),
                ("2026-11-01T10:00:00Z", "2026-11-01T11:00:00Z", 1),
            ]) == 1)
        #expect(
            try pool([
                ("2026-11-01T09:00:00Z", "2026-11-01T10:00:01Z", 1),
                ("2026-11-01T10:00:00Z", "2026-11-01T11:00:00Z", 1),
            ]) == 2)
    }

    @Test("count is the licenses one checkout holds")
    func counts() throws {
        #expect(
            try pool([
                ("2026-11-01T09:00:00Z", "2026-11-01T10:00:00Z", 4),
                ("2026-11-01T09:30:00Z", "2026-11-01T10:30:00Z", 2),
            ]) == 6)
    }

    @Test("sessions are clipped to the window: before its start or from its end they do not count")
    func clipping() throws {
        #expect(try pool([("2026-08-30T09:00:00Z", "2026-08-31T00:00:00Z", 5)]) == nil)
        #expect(try pool([("2026-08-30T09:00:00Z", "2026-08-31T00:00:01Z", 5)]) == 5)
        #expect(try pool([("2026-11-30T00:00:00Z", "2026-11-30T02:00:00Z", 5)]) == nil)
        #expect(try pool([("2026-11-29T23:59:59Z", "2026-11-30T02:00:00Z", 5)]) == 5)
    }

    @Test("a session without an end runs to the end of the window")
    func openSession() throws {
        #expect(try pool([("2026-11-01T09:00:00Z", nil, 1), ("2026-11-29T23:00:00Z", "2026-11-29T23:30:00Z", 1)]) == 2)
    }

    @Test("a shorter window leaves older peaks out")
    func windowDays() throws {
        let sessions = [
            ("2026-11-10T09:00:00Z", "2026-11-10T10:00:00Z", 3) as (String, String?, Int),
            ("2026-11-25T09:00:00Z", "2026-11-25T10:00:00Z", 1),
        ]
        #expect(try pool(sessions, windowDays: 30) == 3)
        #expect(try pool(sessions, windowDays: 5) == 1)
        #expect(try pool(sessions, windowDays: 0) == nil)
    }

    @Test("installations and assignments do not make concurrent demand")
    func onlyUsage() throws {
        let result = try Reconciler.reconcile(
            estate(
                devices: [Device(id: "a")], products: [product("m", License(metric: .concurrent))],
                installations: [install("a", "m")], assignments: [Assignment(product: "m", assignee: .device("a"))]))
        #expect(units(result, "m").isEmpty)
        #expect(result.positions.isEmpty)
    }
}
