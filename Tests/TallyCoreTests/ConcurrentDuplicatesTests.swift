import Testing

@testable import TallyCore

/// Spec 6.3: sessions of a product whose key (user and host; user; host) is equal and whose intervals overlap or
/// touch are one license, `max(count)` from the earliest start to the latest end; grouped first, then clipped.
@Suite("Concurrent licenses as license servers count them: duplicates grouped")
struct ConcurrentDuplicatesTests {
    func pool(
        _ sessions: [(user: String?, host: String?, start: String, end: String?, count: Int)],
        duplicates: License.Duplicates? = nil, windowDays: Int = 90
    ) throws -> Consumer? {
        let result = try Reconciler.reconcile(
            estate(
                products: [
                    product("m", License(metric: .concurrent, windowDays: windowDays, duplicates: duplicates))
                ],
                usage: sessions.map {
                    UsageSession(
                        product: "m", user: $0.user, host: $0.host, start: .at($0.start), end: $0.end.map(Instant.at),
                        count: $0.count)
                }))
        return result.consumers.first { $0.key == "pool" }
    }

    /// Ann opens MATLAB three times on pc1 between 09:00 and 12:00 (09-11, 10-12, 11:30-11:45), Bob once on pc2
    /// (10-11), Ann once on pc2 (10:30-10:45).
    /// By hand, sessions: 4 open at 10:30 (ann x2 on pc1, bob, ann on pc2).
    /// userHost (the default): ann@pc1 is one license from 09:00 to 12:00; at 10:30 that, bob@pc2 and ann@pc2: 3.
    /// user: ann's four sessions overlap into one license 09:00-12:00; with bob: 2.
    /// host: pc1 one license, pc2 one license (bob and ann overlap on it): 2.
    /// none: every session counts: 4.
    static let morning: [(user: String?, host: String?, start: String, end: String?, count: Int)] = [
        ("ann", "pc1", "2026-11-02T09:00:00Z", "2026-11-02T11:00:00Z", 1),
        ("ann", "pc1", "2026-11-02T10:00:00Z", "2026-11-02T12:00:00Z", 1),
        ("ann", "pc1", "2026-11-02T11:30:00Z", "2026-11-02T11:45:00Z", 1),
        ("bob", "pc2", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", 1),
        ("ann", "pc2", "2026-11-02T10:30:00Z", "2026-11-02T10:45:00Z", 1),
    ]

    @Test("each rule groups its own key: userHost 3, user 2, host 2, none 4")
    func rules() throws {
        #expect(try pool(Self.morning)?.units == 3)
        #expect(try pool(Self.morning, duplicates: .userHost)?.units == 3)
        #expect(try pool(Self.morning, duplicates: .user)?.units == 2)
        #expect(try pool(Self.morning, duplicates: .host)?.units == 2)
        #expect(try pool(Self.morning, duplicates: .separate)?.units == 4)
    }

    /// A group holds the largest count of its sessions, not their sum: 2 and 3 licenses held by one user on one
    /// host at once are 3; touching sessions (one ends as the next starts) are one group too, so a third session
    /// at 11:00-12:00 does not make the group hold more.
    @Test("a group holds max(count), and sessions that touch belong to it")
    func maxCountAndTouching() throws {
        let sessions: [(user: String?, host: String?, start: String, end: String?, count: Int)] = [
            ("ann", "pc1", "2026-11-02T09:00:00Z", "2026-11-02T11:00:00Z", 2),
            ("ann", "pc1", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", 3),
            ("ann", "pc1", "2026-11-02T11:00:00Z", "2026-11-02T12:00:00Z", 1),
            ("bob", "pc1", "2026-11-02T11:30:00Z", "2026-11-02T12:30:00Z", 1),
        ]
        // ann@pc1 is one group 09:00-12:00 holding 3; bob overlaps it from 11:30: 4.
        #expect(try pool(sessions)?.units == 4)
        // Counted one by one, 2 + 3 are out from 10:00 to 11:00: 5.
        #expect(try pool(sessions, duplicates: .separate)?.units == 5)
    }

    /// Sessions are grouped before the window clips them: a group that starts before the window still counts once
    /// inside it. A missing host is a value like any other: two sessions of ann without a host are one license, one
    /// with a host is another.
    @Test("grouping comes before the window, and a missing user or host is a value of its own")
    func groupedBeforeClippingAndMissingValues() throws {
        let sessions: [(user: String?, host: String?, start: String, end: String?, count: Int)] = [
            ("ann", nil, "2026-08-30T09:00:00Z", "2026-08-31T10:00:00Z", 1),
            ("ann", nil, "2026-08-31T09:00:00Z", "2026-08-31T12:00:00Z", 1),
            ("ann", "pc1", "2026-08-31T09:30:00Z", "2026-08-31T10:00:00Z", 1),
        ]
        #expect(try pool(sessions)?.units == 2)
        // An open session (no end) holds the group open to the end of time.
        let open: [(user: String?, host: String?, start: String, end: String?, count: Int)] = [
            ("ann", "pc1", "2026-11-01T09:00:00Z", nil, 1),
            ("ann", "pc1", "2026-11-20T09:00:00Z", "2026-11-20T10:00:00Z", 1),
        ]
        #expect(try pool(open)?.units == 1)
    }

    @Test("the why names the rule and how many sessions were open at the busiest moment")
    func why() throws {
        let consumer = try #require(try pool(Self.morning))
        #expect(consumer.why.contains("overlapping sessions of one user on one host count as one license"))
        #expect(consumer.why.contains("duplicates: userHost"))
        #expect(consumer.why.contains("4 sessions at the busiest moment"))
        let counted = try #require(try pool(Self.morning, duplicates: .separate))
        #expect(!counted.why.contains("duplicates"))
    }

    @Test("the usage figures give both the licenses and the sessions at their peak, with the rule")
    func usageFigures() throws {
        var estate = Estate(asOf: testDay)
        estate.products = [Product(id: "m", license: License(metric: .concurrent))]
        estate.usage = Self.morning.map {
            UsageSession(
                product: "m", user: $0.user, host: $0.host, start: .at($0.start), end: $0.end.map(Instant.at),
                count: $0.count)
        }
        let figures = try #require(
            UsageReport(estate, from: .at("2026-11-02T00:00:00Z"), to: .at("2026-11-03T00:00:00Z")).figures.first)
        #expect(figures.peak == 3 && figures.sessionPeak == 4 && figures.duplicates == .userHost)
        // License-hours: ann@pc1 3 h, bob 1 h, ann@pc2 15 min.
        #expect(figures.hours == 4.25)
    }
}
