/// A moment in time, to the second, in UTC: the start or end of a usage session, the time of a denial.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let secondsSinceEpoch: Int64

    /// An instant from its seconds since 1970-01-01T00:00:00Z.
    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    /// Reads ISO 8601 with a zone (`2026-11-02T09:00:00Z`, `2026-11-02T10:00:00.250+01:00`), or returns nil.
    /// Fractions of a second are dropped: licenses are counted to the second.
    public init?(_ text: some StringProtocol) {
        let b = Array(text.utf8)
        guard b.count >= 20, let day = Day(String(decoding: b[0..<10], as: UTF8.self)),
            b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let hour = Day.digits(b[11..<13]), let minute = Day.digits(b[14..<16]),
            let second = Day.digits(b[17..<19]), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        if b[index] == UInt8(ascii: ".") {
            index += 1
            let digitsStart = index
            while index < b.count, b[index] >= UInt8(ascii: "0"), b[index] <= UInt8(ascii: "9") { index += 1 }
            guard index > digitsStart else { return nil }
        }
        guard index < b.count else { return nil }
        var offset = 0
        switch b[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == b.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = b[index] == UInt8(ascii: "+") ? 1 : -1
            let zone = Array(b[(index + 1)...])
            let hours: Int?, minutes: Int?
            if zone.count == 5, zone[2] == UInt8(ascii: ":") {
                hours = Day.digits(zone[0..<2]); minutes = Day.digits(zone[3..<5])
            } else if zone.count == 4 {
                hours = Day.digits(zone[0..<2]); minutes = Day.digits(zone[2..<4])
            } else if zone.count == 2 {
                hours = Day.digits(zone[0..<2]); minutes = 0
            } else {
                return nil
            }
            guard let hours, let minutes, hours < 24, minutes < 60 else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        default:
            return nil
        }
        let seconds = Int64(day.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.secondsSinceEpoch = seconds - Int64(offset)
    }

    /// The UTC day this instant falls on.
    public var day: Day {
        let days = secondsSinceEpoch >= 0 ? secondsSinceEpoch / 86_400 : (secondsSinceEpoch - 86_399) / 86_400
        return Day(daysSinceEpoch: Int32(days))
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var description: String {
        let day = self.day
        let second = Int(secondsSinceEpoch - Int64(day.daysSinceEpoch) * 86_400)
        return day.description + "T" + Day.pad(second / 3600, 2) + ":" + Day.pad(second / 60 % 60, 2) + ":"
            + Day.pad(second % 60, 2) + "Z"
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }
}
