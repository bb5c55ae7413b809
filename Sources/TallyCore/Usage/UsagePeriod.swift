/// A length of calendar time that usage figures are given per, in UTC: a day, an ISO week (from Monday) or a month.
public enum UsagePeriod: String, CaseIterable, Sendable {
    case day, week, month

    /// The first day of the period that holds `day`.
    public func start(of day: Day) -> Day {
        switch self {
        case .day:
            return day
        case .week:
            // 1970-01-01 was a Thursday: Monday is 3 days before it.
            let sinceMonday = (Int(day.daysSinceEpoch) + 3) % 7
            return day.adding(days: -(sinceMonday < 0 ? sinceMonday + 7 : sinceMonday))
        case .month:
            let parts = day.parts
            return Day(year: parts.year, month: parts.month, day: 1) ?? day
        }
    }

    /// The first day of the period after the one that starts on `start`.
    public func next(after start: Day) -> Day {
        switch self {
        case .day:
            return start.adding(days: 1)
        case .week:
            return start.adding(days: 7)
        case .month:
            let parts = start.parts
            let (year, month) = parts.month == 12 ? (parts.year + 1, 1) : (parts.year, parts.month + 1)
            return Day(year: year, month: month, day: 1) ?? start.adding(days: 31)
        }
    }
}
