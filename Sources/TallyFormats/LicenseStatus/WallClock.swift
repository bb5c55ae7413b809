import Foundation
import TallyCore

extension TimeZone {
    /// The zone's offset from UTC at a wall-clock time given as seconds since 1970 read as UTC (in a skipped or
    /// repeated hour, one of the two nearby).
    func offset(atWallClock wall: Int64) -> Int64 {
        let guess = secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall)))
        return Int64(secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall - Int64(guess)))))
    }

    /// The wall clock of this zone at a moment, read as UTC: what a server in this zone prints for it.
    public func wallClock(of instant: Instant) -> Instant {
        let offset = secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant.secondsSinceEpoch)))
        return Instant(secondsSinceEpoch: instant.secondsSinceEpoch + Int64(offset))
    }

    /// The moment a wall-clock time in this zone, read as UTC, stands for.
    public func instant(ofWallClock wall: Instant) -> Instant {
        Instant(secondsSinceEpoch: wall.secondsSinceEpoch - offset(atWallClock: wall.secondsSinceEpoch))
    }
}
