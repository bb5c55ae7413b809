import Foundation
import TallyCore

/// One pass over a FlexNet debug log, line by line on the bytes; the rules are on `FlexLMLog`.
struct FlexLMReader {
    /// Which open sessions an `IN:` line may close.
    struct SessionKey: Hashable {
        var vendor: Int32
        var feature: Int32
        var user: Int32
        var host: Int32
    }

    typealias Bytes = FlexLMBytes.Bytes

    var clock: FlexLMClock
    var checkouts: [LicenseCheckout] = []
    var denials: [LicenseDenial] = []
    /// Open sessions by key, as indices into `checkouts`, oldest first.
    var open: [SessionKey: [Int]] = [:]
    var names = FlexLMNames()
    var restarts = 0
    var ignored: [String: Int] = [:]
    /// The kind of the latest run of ignored lines and its length: runs are long (SLOG), so they are counted
    /// before a string is made for them.
    var runKind: [UInt8] = []
    var runLength = 0
    /// How many lines have a time and a daemon name: none means the file is not a FlexNet log.
    var recognisedLines = 0
    var firstTextLine: Int?
    var firstUndatedEvent: Int?
    /// The daemon name of the latest line, as bytes and as the vendor (nil and -1 for lmgrd).
    var daemon: [UInt8] = []
    var vendor: String?
    var vendorID: Int32 = -1
    var vendors: Set<String> = []
    /// The first dated line whose date cannot be read or lies outside 1970-2099: the log cannot be dated.
    var badDate: (line: Int, text: String)?
    /// The day and second of the previous timed line, for where the clock jumps back.
    var previous: (day: Int64, second: Int) = (0, -1)
    /// Where the clock went back: the line, the last time before it and the time after.
    var clockJumps: [FlexLMLogReport.ClockJump] = []

    init(timeZone: TimeZone) {
        clock = FlexLMClock(timeZone: timeZone)
    }

    mutating func read(_ b: Bytes) {
        // Real logs hold about one checkout per 180 bytes; reserving spares copying a growing array.
        checkouts.reserveCapacity(b.count / 256)
        var start = b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
        var number = 0
        while start < b.count {
            number += 1
            let newline = Self.newline(b, from: start)
            var end = newline
            if end > start, b[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            readLine(b, start, end, number)
            start = newline + 1
        }
        flushRun()
    }

    static func newline(_ b: Bytes, from start: Int) -> Int {
        guard let base = b.baseAddress, let found = memchr(base + start, 0x0A, b.count - start) else { return b.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    mutating func readLine(_ b: Bytes, _ start: Int, _ end: Int, _ number: Int) {
        let first = FlexLMBytes.skipBlanks(b, start, end)
        guard first < end else { return }
        if firstTextLine == nil { firstTextLine = number }
        guard let time = FlexLMBytes.clock(b, first, end) else { return count("(no time)") }
        let nameStart = FlexLMBytes.skipBlanks(b, time.next, end)
        guard let nameEnd = FlexLMBytes.daemonEnd(b, nameStart, end) else { return count("(no daemon)") }
        setDaemon(b, (nameStart + 1)..<nameEnd)
        recognisedLines += 1
        previous = (clock.day, clock.lastSecond)
        clock.advance(to: time.second)
        let at = FlexLMBytes.skipBlanks(b, nameEnd + 1, end)
        if !readMessage(b, at, end, time.second, number) { countKind(b, at, end) }
    }

    /// Acts on a message it knows; false for any other.
    mutating func readMessage(_ b: Bytes, _ at: Int, _ end: Int, _ second: Int, _ number: Int) -> Bool {
        guard at < end else { return false }
        let lmgrd = vendor == nil
        switch b[at] {
        case UInt8(ascii: "O") where FlexLMBytes.hasPrefix(b, at, end, "OUT:"):
            checkOut(b, at + 4, end, second, number)
        case UInt8(ascii: "I") where FlexLMBytes.hasPrefix(b, at, end, "IN:"):
            checkIn(b, at + 3, end, second, number)
        case UInt8(ascii: "D") where FlexLMBytes.hasPrefix(b, at, end, "DENIED:"):
            deny(b, at + 7, end, second, number)
        case UInt8(ascii: "U") where FlexLMBytes.hasPrefix(b, at, end, "UNSUPPORTED:"):
            deny(b, at + 12, end, second, number)
        case UInt8(ascii: "T") where FlexLMBytes.hasPrefix(b, at, end, "TIMESTAMP"):
            let from = FlexLMBytes.skipBlanks(b, at + 9, end)
            date(FlexLMBytes.slashDate(b, from, end), b, from, end, second, number)
        case UInt8(ascii: "S") where FlexLMBytes.hasPrefix(b, at, end, "Server's System Date and Time:"):
            let from = FlexLMBytes.skipBlanks(b, at + 30, end)
            date(FlexLMBytes.systemDate(b, from, end), b, from, end, second, number)
        case UInt8(ascii: "S") where !lmgrd && FlexLMBytes.hasPrefix(b, at, end, "Server started on"):
            restarts += 1
            close(vendor: vendorID, second)
        case UInt8(ascii: "S") where !lmgrd && FlexLMBytes.hasPrefix(b, at, end, "Shutdown"):
            close(vendor: vendorID, second)
        case UInt8(ascii: "S") where lmgrd && FlexLMBytes.hasPrefix(b, at, end, "Started "):
            close(vendor: word(b, at + 8, end), second)
        case UInt8(ascii: "S") where lmgrd && FlexLMBytes.hasPrefix(b, at, end, "Shutting down "):
            close(vendor: word(b, at + 14, end), second)
        case UInt8(ascii: "R") where lmgrd && FlexLMBytes.hasPrefix(b, at, end, "REStarted "):
            close(vendor: word(b, at + 10, end), second)
        case UInt8(ascii: "E") where lmgrd && FlexLMBytes.hasPrefix(b, at, end, "EXITING"):
            close(vendor: nil, second)
        default:
            guard lmgrd else { return false }
            if let day = FlexLMBytes.startDate(b, at, end) {
                // lmgrd itself (re)started: whatever was out before is gone.
                close(vendor: nil, second)
                date(day, b, at, end, second, number)
            } else if let name = wordEnd(b, at, end), FlexLMBytes.hasPrefix(b, name, end, " exited") {
                close(vendor: names.id(b, at..<name), second)
            } else {
                return false
            }
        }
        return true
    }

    mutating func checkOut(_ b: Bytes, _ at: Int, _ end: Int, _ second: Int, _ number: Int) {
        guard let party = FlexLMBytes.party(b, at, end) else { return count("OUT (unreadable)") }
        noteEvent(number)
        let key = self.key(b, party)
        let licenses = party.note.flatMap { FlexLMBytes.licenseCount(b, $0) } ?? 1
        guard (1...Limits.checkoutCount).contains(licenses) else { return count("OUT (license count out of range)") }
        open[key, default: []].append(checkouts.count)
        checkouts.append(
            LicenseCheckout(
                vendor: vendor, feature: names.strings[Int(key.feature)], user: names.strings[Int(key.user)],
                host: names.strings[Int(key.host)], start: clock.instant(second), end: nil, count: licenses))
    }

    mutating func checkIn(_ b: Bytes, _ at: Int, _ end: Int, _ second: Int, _ number: Int) {
        guard let party = FlexLMBytes.party(b, at, end) else { return count("IN (unreadable)") }
        guard let slot = open.index(forKey: self.key(b, party)) else { return count("IN without OUT") }
        noteEvent(number)
        let oldest = open.values[slot].removeFirst()
        if open.values[slot].isEmpty { open.remove(at: slot) }
        // Daemons' lines interleave a little out of order: a check-in is never before its checkout.
        checkouts[oldest].end = max(checkouts[oldest].start, clock.instant(second))
    }

    mutating func deny(_ b: Bytes, _ at: Int, _ end: Int, _ second: Int, _ number: Int) {
        guard let party = FlexLMBytes.party(b, at, end) else { return count("DENIED (unreadable)") }
        noteEvent(number)
        let key = self.key(b, party)
        denials.append(
            LicenseDenial(
                vendor: vendor, feature: names.strings[Int(key.feature)], user: names.strings[Int(key.user)],
                host: names.strings[Int(key.host)], at: clock.instant(second),
                reason: party.note.map { Self.text(b, $0) } ?? ""))
    }

    /// Ends the open sessions of a vendor daemon (of all, where nil) at this time: it stopped or started again.
    mutating func close(vendor: Int32?, _ second: Int) {
        guard !open.isEmpty else { return }
        close(vendor: vendor, at: clock.instant(second))
    }

    /// Ends the open sessions of a vendor daemon (of all, where nil) at `now`, never before they started.
    mutating func close(vendor: Int32?, at now: Instant) {
        for (key, indices) in open where vendor == nil || key.vendor == vendor {
            for index in indices { checkouts[index].end = max(checkouts[index].start, now) }
            open[key] = nil
        }
    }

    /// Dates the current line from a dated line's date (nil: unreadable, which makes the log unusable); where the
    /// date puts the clock back (logs concatenated after a rotation, a reinstalled server, a corrected clock), the
    /// sessions open then end at the last time seen before it, as at a restart, and the jump is reported.
    mutating func date(_ day: Day?, _ b: Bytes, _ from: Int, _ end: Int, _ second: Int, _ number: Int) {
        guard let day, Limits.instants.contains(day.start) else {
            if badDate == nil { badDate = (number, Self.text(b, from..<FlexLMBytes.trimEnd(b, from, end))) }
            return
        }
        if clock.dated, Int64(day.daysSinceEpoch) < clock.day {
            let before = clock.instant(previous.second, onDay: previous.day)
            close(vendor: nil, at: before)
            date(day)
            clockJumps.append(.init(line: number, lastBefore: before, firstAfter: clock.instant(second)))
            return
        }
        date(day)
    }

    /// Dates the current line; the first time, moves what was read so far from the placeholder day.
    mutating func date(_ day: Day) {
        guard let shift = clock.date(day) else { return }
        let seconds = shift * 86_400
        for index in checkouts.indices {
            checkouts[index].start = moved(checkouts[index].start, by: seconds)
            checkouts[index].end = checkouts[index].end.map { moved($0, by: seconds) }
        }
        for index in denials.indices {
            denials[index].at = moved(denials[index].at, by: seconds)
        }
    }

    mutating func moved(_ wall: Instant, by seconds: Int64) -> Instant {
        Instant(secondsSinceEpoch: clock.utc(fromWall: wall.secondsSinceEpoch + seconds))
    }

    mutating func noteEvent(_ number: Int) {
        if !clock.dated, firstUndatedEvent == nil { firstUndatedEvent = number }
    }

    mutating func setDaemon(_ b: Bytes, _ name: Range<Int>) {
        // Most lines name the same daemon as the line before: compare bytes before making a string.
        if name.count == daemon.count, zip(name, daemon).allSatisfy({ b[$0.0] == $0.1 }) { return }
        daemon = Array(b[name])
        if name.count == 5, FlexLMBytes.hasPrefix(b, name.lowerBound, name.upperBound, "lmgrd") {
            vendor = nil
            vendorID = -1
        } else {
            vendorID = names.id(b, name)
            vendor = names.strings[Int(vendorID)]
            vendors.insert(names.strings[Int(vendorID)])
        }
    }

    mutating func key(_ b: Bytes, _ party: FlexLMBytes.Party) -> SessionKey {
        SessionKey(
            vendor: vendorID, feature: names.id(b, party.feature), user: names.id(b, party.user),
            host: names.id(b, party.host))
    }

    /// The number of the daemon named by the word at `at`, as in `Started MLM (pid 3860)`.
    mutating func word(_ b: Bytes, _ at: Int, _ end: Int) -> Int32? {
        guard let stop = wordEnd(b, at, end) else { return nil }
        return names.id(b, at..<stop)
    }

    func wordEnd(_ b: Bytes, _ at: Int, _ end: Int) -> Int? {
        var stop = at
        while stop < end, !FlexLMBytes.isBlank(b[stop]) { stop += 1 }
        return stop > at ? stop : nil
    }

    static func text(_ b: Bytes, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self)
    }
}
