import TallyCore

/// Small readers shared by the license-status parsers: lines, words, numbers, and the dates these tools print.
enum StatusText {
    /// The lines of a report, without line endings (LF or CRLF) or a UTF-8 byte-order mark.
    static func lines(_ bytes: [UInt8]) -> [Substring] {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        // Split on bytes: as Swift characters, CRLF is one grapheme and would not match a bare LF.
        return body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            let content = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
            // Decoding repairs invalid UTF-8: anonymised display names in real reports hold stray bytes.
            return String(decoding: content, as: UTF8.self)[...]
        }
    }

    /// The line without leading and trailing spaces or tabs.
    static func trimmed(_ text: Substring) -> Substring {
        var text = text
        while let first = text.first, first == " " || first == "\t" || first == "\r" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text = text.dropLast() }
        return text
    }

    /// The words of a line, split on runs of spaces and tabs.
    static func words(_ text: Substring) -> [Substring] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" })
    }

    /// A non-negative decimal number, or nil.
    static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 18, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    /// The number that follows `label` in `text` (`Total of 144 licenses` after `Total of `), or nil.
    static func number(after label: String, in text: Substring) -> Int? {
        guard let range = text.range(of: label) else { return nil }
        let digits = text[range.upperBound...].prefix(while: { $0.isASCII && $0.isNumber })
        return number(digits)
    }

    /// A license expiry such as `31-dec-2018`, or nil for a permanent license (`permanent`, `1-jan-0`, `0`)
    /// or an expiry that cannot be read.
    static func expiry(_ text: Substring) -> Day? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let day = number(parts[0]), let year = number(parts[2]),
            let month = month(parts[1])
        else { return nil }
        // FlexNet and RLM write year 0 for licenses that never expire.
        guard year >= 1000 else { return nil }
        return Day(year: year, month: month, day: day)
    }

    /// The month number of an English month abbreviation (`jan`, `Dec`), or nil.
    static func month(_ text: Substring) -> Int? {
        let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard let index = names.firstIndex(of: text.prefix(3).lowercased()) else { return nil }
        return index + 1
    }

    /// Reads `H:MM` (or `HH:MM:SS`) into seconds since midnight, or nil.
    static func timeOfDay(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, let hour = number(parts[0]), let minute = number(parts[1]),
            hour < 24, minute < 60
        else { return nil }
        var second = 0
        if parts.count == 3 {
            guard let value = number(parts[2]), value < 61 else { return nil }
            second = value
        }
        return hour * 3600 + minute * 60 + second
    }

    /// Reads `M/D` into its parts, or nil.
    static func monthAndDay(_ text: Substring) -> (month: Int, day: Int)? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let month = number(parts[0]), let day = number(parts[1]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        return (month, day)
    }

    /// The instant of a wall-clock time printed without a year (`10/20 16:40`), in the latest year that puts it
    /// at or before `reference`; nil without a reference.
    ///
    /// A day of slack is allowed because the report's date comes from the machine running the tool and the
    /// start from the license server: a few minutes of clock skew must not move a checkout back a whole year.
    static func instant(month: Int, day: Int, secondOfDay: Int, before reference: Instant?) -> Instant? {
        guard let reference else { return nil }
        let latest = reference.secondsSinceEpoch + 86_400
        let year = reference.day.parts.year
        // Eight years back reaches a 29 February from any reference year.
        for candidate in stride(from: year, through: year - 8, by: -1) {
            guard let date = Day(year: candidate, month: month, day: day) else { continue }
            let seconds = date.start.secondsSinceEpoch + Int64(secondOfDay)
            if seconds <= latest { return Instant(secondsSinceEpoch: seconds) }
        }
        return nil
    }

    /// The instant of a full date and wall-clock time, read as UTC, or nil where the parts name no real moment.
    static func instant(year: Int, month: Int, day: Int, secondOfDay: Int) -> Instant? {
        guard let date = Day(year: year, month: month, day: day) else { return nil }
        return Instant(secondsSinceEpoch: date.start.secondsSinceEpoch + Int64(secondOfDay))
    }

    /// A text from a file, quoted in a message: at most 60 characters, so that a line of megabytes is never echoed.
    static func shortened(_ text: some StringProtocol) -> String {
        text.count <= 60 ? String(text) : String(text.prefix(57)) + "..."
    }
}
