import Testing

@testable import TallyCore

@Suite("Usage figures: peak, average, hours, users and denials per product and period")
struct UsageReportTests {
    let from = Instant.at("2026-11-02T00:00:00Z")
    let to = Instant.at("2026-11-04T00:00:00Z")

    func usage(_ sessions: [(String, String, String?, Int)], denials: [String] = []) -> Estate {
        var estate = Estate(asOf: testDay)
        estate.products = [Product(id: "cad", license: License(metric: .concurrent))]
        estate.usage = sessions.map {
            UsageSession(product: "cad", user: $0.0, start: .at($0.1), end: $0.2.map(Instant.at), count: $0.3)
        }
        estate.denials = denials.map { Denial(product: "cad", user: "zed", at: .at($0)) }
        estate.entitlements = [
            Entitlement(id: "e1", product: "cad", quantity: 3),
            Entitlement(id: "e2", product: "cad", quantity: 2, end: Day("2026-11-01")),
        ]
        return estate
    }

    @Test("over a stretch: the peak and when, time-weighted average, license-hours, users, denials, owned")
    func wholeStretch() throws {
        let estate = usage(
            [
                ("ann", "2026-11-02T09:00:00Z", "2026-11-02T17:00:00Z", 1),  // 8 h
                ("bob", "2026-11-02T10:00:00Z", "2026-11-02T12:00:00Z", 2),  // 2 h x 2
                ("ann", "2026-11-03T09:00:00Z", "2026-11-03T10:00:00Z", 1),  // 1 h
            ], denials: ["2026-11-02T11:00:00Z", "2026-11-05T11:00:00Z"])
        let figures = try #require(UsageReport(estate, from: from, to: to).figures.first)
        #expect(figures.peak == 3 && figures.peakAt == .at("2026-11-02T10:00:00Z"))
        #expect(figures.hours == 13)
        #expect(abs(figures.average - 13.0 / 48.0) < 1e-9)
        #expect(figures.sessions == 3 && figures.users == 2)
        #expect(figures.denials == 1)
        #expect(figures.owned == 3)
    }

    @Test("sessions are clipped to the stretch, an open one runs to its end, and ends count before starts")
    func clippingAndOpenSessions() throws {
        let estate = usage([
            ("ann", "2026-11-01T20:00:00Z", "2026-11-02T02:00:00Z", 1),  // 2 h inside
            ("bob", "2026-11-02T02:00:00Z", nil, 1),  // open: 46 h inside
        ])
        let figures = try #require(UsageReport(estate, from: from, to: to).figures.first)
        #expect(figures.peak == 1)
        #expect(figures.peakAt == .at("2026-11-02T00:00:00Z"))
        #expect(figures.hours == 48)
    }

    @Test("per day: each day's own peak and hours; a session across midnight counts on both days")
    func perDay() {
        let estate = usage([
            ("ann", "2026-11-02T22:00:00Z", "2026-11-03T02:00:00Z", 1),
            ("bob", "2026-11-03T01:00:00Z", "2026-11-03T03:00:00Z", 1),
        ])
        let days = UsageReport(estate, from: from, to: to, by: .day).figures
        #expect(days.map(\.from) == [.at("2026-11-02T00:00:00Z"), .at("2026-11-03T00:00:00Z")])
        #expect(days.map(\.peak) == [1, 2])
        #expect(days.map(\.hours) == [2, 4])
        #expect(days.map(\.sessions) == [1, 2])
        #expect(days.map(\.users) == [1, 2])
        #expect(UsageReport.dailyPeaks(estate, product: "cad", from: from, to: to) == [1, 2])
    }

    @Test("weeks start on Monday and months on the first, in UTC")
    func periods() {
        // 2026-11-04 is a Wednesday.
        #expect(UsagePeriod.week.start(of: Day("2026-11-04")!) == Day("2026-11-02"))
        #expect(UsagePeriod.week.start(of: Day("2026-11-02")!) == Day("2026-11-02"))
        #expect(UsagePeriod.week.start(of: Day("2026-11-08")!) == Day("2026-11-02"))
        #expect(UsagePeriod.week.start(of: Day("1969-12-31")!) == Day("1969-12-29"))
        #expect(UsagePeriod.month.start(of: Day("2026-11-29")!) == Day("2026-11-01"))
        #expect(UsagePeriod.month.next(after: Day("2026-12-01")!) == Day("2027-01-01"))
        let boundaries = UsageReport.boundaries(
            from: .at("2026-10-15T00:00:00Z"), to: .at("2027-01-10T00:00:00Z"), by: .month)
        #expect(
            boundaries == [
                .at("2026-10-15T00:00:00Z"), .at("2026-11-01T00:00:00Z"), .at("2026-12-01T00:00:00Z"),
                .at("2027-01-01T00:00:00Z"), .at("2027-01-10T00:00:00Z"),
            ])
    }

    @Test("a long series agrees with the whole stretch: the highest period peak is the peak, hours add up")
    func seriesAgreesWithWhole() throws {
        var generator = SeededGenerator(seed: 7)
        var sessions: [(String, String, String?, Int)] = []
        for i in 0..<400 {
            let start = from.secondsSinceEpoch + Int64.random(in: 0..<(2 * 86_400), using: &generator)
            let length = Int64.random(in: 60..<(20 * 3600), using: &generator)
            sessions.append(
                (
                    "u\(i % 37)", Instant(secondsSinceEpoch: start).description,
                    Instant(secondsSinceEpoch: start + length).description, Int.random(in: 1...3, using: &generator)
                ))
        }
        let estate = usage(sessions)
        let whole = try #require(UsageReport(estate, from: from, to: to).figures.first)
        let hourly = UsageReport(estate, from: from, to: to, by: .day).figures
        #expect(hourly.map(\.peak).max() == whole.peak)
        #expect(abs(hourly.map(\.hours).reduce(0, +) - whole.hours) < 1e-6)
        #expect(hourly.map(\.sessionPeak).max() == whole.sessionPeak)
        // Brute force: the level of sessions at every start; a user's overlapping sessions are one license.
        let clipped = estate.usage.map { (max($0.start, from), min($0.end ?? to, to), $0.count) }
        let brute = clipped.map { probe in
            clipped.filter { $0.0 <= probe.0 && probe.0 < $0.1 }.reduce(0) { $0 + $1.2 }
        }.max()
        #expect(brute == whole.sessionPeak)
        #expect(whole.peak < whole.sessionPeak && whole.duplicates == .userHost)
    }

    @Test("denials group by product and reason, most refused users first")
    func denialGroups() {
        var estate = usage([])
        estate.denials = [
            Denial(product: "cad", user: "ann", host: "h1", at: .at("2026-11-02T10:00:00Z"), reason: "max users"),
            Denial(product: "cad", user: "bob", host: "h2", at: .at("2026-11-02T11:00:00Z"), reason: "max users"),
            Denial(product: "cad", user: "bob", host: "h2", at: .at("2026-11-03T11:00:00Z"), reason: "max users"),
            Denial(product: "cad", user: "cy", host: "h3", at: .at("2026-11-03T12:00:00Z"), reason: "expired"),
            Denial(product: "cad", user: "cy", host: "h3", at: .at("2026-11-09T12:00:00Z"), reason: "expired"),
        ]
        let groups = DenialGroup.groups(estate, from: from, to: to)
        #expect(groups.map(\.reason) == ["max users", "expired"])
        #expect(groups[0].count == 3 && groups[0].hosts == 2)
        #expect(groups[0].users.map(\.user) == ["bob", "ann"] && groups[0].users.map(\.count) == [2, 1])
        #expect(groups[0].first == .at("2026-11-02T10:00:00Z") && groups[0].last == .at("2026-11-03T11:00:00Z"))
        #expect(groups[1].count == 1)
    }
}
