import Foundation
import TallyCore

/// The day a log line falls on, worked out from the dated lines and from the clock wrapping at midnight.
///
/// Until the first dated line, days are counted from a placeholder day 0 and instants are wall-clock seconds from
/// it; `date(_:)` then says by how many days to move what was read so far.
struct FlexLMClock {
    let timeZone: TimeZone
    /// The current day, in days since 1970-01-01 once `dated`, from the placeholder day before.
    private(set) var day: Int64 = 0
    /// Whether a dated line has been read.
    private(set) var dated = false
    /// Seconds since midnight of the previous timed line, -1 before the first.
    private(set) var lastSecond = -1
    /// The local day whose UTC offset is cached, and that offset (nil where it changes during the day).
    private var cachedDay = Int64.min
    private var cachedOffset: Int64?

    /// A step back of more than this is midnight; a smaller one is the daemons' lines interleaving or a clock
    /// change such as the end of daylight saving.
    static let midnightStep = 2 * 3600

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// Moves to the time of the next line, to the next day where the clock went back past midnight.
    mutating func advance(to second: Int) {
        if lastSecond - second > Self.midnightStep { day += 1 }
        lastSecond = second
    }

    /// Sets the day of the current line from a dated line; returns the days to add to what was read before the
    /// first dated line, or nil once the log was dated already.
    mutating func date(_ newDay: Day) -> Int64? {
        let target = Int64(newDay.daysSinceEpoch)
        defer {
            day = target
            dated = true
        }
        return dated ? nil : target - day
    }

    /// The instant of a time on the current day: UTC once dated, wall-clock seconds from day 0 before.
    mutating func instant(_ second: Int) -> Instant {
        instant(second, onDay: day)
    }

    /// The instant of a time on a given day (a second of -1, before any line, is the day's start).
    mutating func instant(_ second: Int, onDay day: Int64) -> Instant {
        let wall = day * 86_400 + Int64(max(0, second))
        return Instant(secondsSinceEpoch: dated ? utc(fromWall: wall) : wall)
    }

    /// Turns a wall-clock time in `timeZone` (seconds as if it were UTC) into UTC seconds.
    mutating func utc(fromWall wall: Int64) -> Int64 {
        let wallDay = wall >= 0 ? wall / 86_400 : (wall - 86_399) / 86_400
        if wallDay != cachedDay {
            // One lookup per day: a log's lines run in order, and offsets change at most once a day.
            cachedDay = wallDay
            let atMidnight = timeZone.offset(atWallClock: wallDay * 86_400)
            cachedOffset = atMidnight == timeZone.offset(atWallClock: wallDay * 86_400 + 86_399) ? atMidnight : nil
        }
        return wall - (cachedOffset ?? timeZone.offset(atWallClock: wall))
    }
}
