/// The stretch of time a chargeback bills: a calendar year (`2026`) or a month (`2026-11`).
public struct ChargebackPeriod: Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    /// The month (1-12); nil for the whole year.
    public let month: Int?

    /// A year, or a month of it; nil where the parts name no real period.
    public init?(year: Int, month: Int? = nil) {
        guard (1...9999).contains(year), month.map({ (1...12).contains($0) }) ?? true else { return nil }
        self.year = year
        self.month = month
    }

    /// Reads `YYYY` or `YYYY-MM`, or returns nil.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts[0].count == 4, parts[0].allSatisfy(\.isASCII),
            let year = Int(parts[0])
        else { return nil }
        guard parts.count == 2 else {
            self.init(year: year)
            return
        }
        guard parts[1].count == 2, parts[1].allSatisfy(\.isASCII), let month = Int(parts[1]) else { return nil }
        self.init(year: year, month: month)
    }

    /// The whole year that holds `day`.
    public init(yearOf day: Day) {
        year = day.parts.year
        month = nil
    }

    /// The first day of the period.
    public var first: Day {
        // The parts were checked when the period was made: the first of a month of years 1-9999 always exists.
        Day(year: year, month: month ?? 1, day: 1) ?? Day(daysSinceEpoch: 0)
    }

    /// The last day of the period, inclusive.
    public var last: Day {
        let month = month ?? 12
        return Day(year: year, month: month, day: Day.daysIn(month: month, year: year)) ?? first
    }

    /// How many days the period has.
    public var days: Int { first.days(until: last) + 1 }

    /// How many days the year of the period has (365, or 366 in a leap year): what an annual cost is spread over.
    public var daysInYear: Int { Day.daysIn(month: 2, year: year) == 29 ? 366 : 365 }

    /// Whether `day` falls within the period.
    public func contains(_ day: Day) -> Bool { first <= day && day <= last }

    /// How many days of a term (`start` to `end` inclusive, nil ends open) fall within the period; 0 where none.
    public func days(from start: Day?, through end: Day?) -> Int {
        let from = max(start ?? first, first)
        let through = min(end ?? last, last)
        return from <= through ? from.days(until: through) + 1 : 0
    }

    /// `2026` or `2026-11`.
    public var description: String {
        let digits = String(year)
        let padded = String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        guard let month else { return padded }
        return padded + (month < 10 ? "-0" : "-") + String(month)
    }
}
