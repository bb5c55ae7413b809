import TallyCore

/// The pieces of a FlexNet log line, read straight from the bytes: no strings are made here.
enum FlexLMBytes {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// The feature, user and host of an `OUT:`, `IN:`, `DENIED:` or `UNSUPPORTED:` line, and the note in the
    /// line's closing parentheses (`3 licenses`, `SHUTDOWN`, a denial's reason).
    struct Party {
        var feature: Range<Int>
        var user: Range<Int>
        var host: Range<Int>
        var note: Range<Int>?
    }

    static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    static func skipBlanks(_ b: Bytes, _ i: Int, _ end: Int) -> Int {
        var i = i
        while i < end, isBlank(b[i]) { i += 1 }
        return i
    }

    /// Where trailing blanks before `end` begin.
    static func trimEnd(_ b: Bytes, _ start: Int, _ end: Int) -> Int {
        var end = end
        while end > start, isBlank(b[end - 1]) { end -= 1 }
        return end
    }

    /// Whether the bytes at `i` start with `prefix`.
    static func hasPrefix(_ b: Bytes, _ i: Int, _ end: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard end - i >= count else { return false }
        let text = prefix.utf8Start
        for k in 0..<count where b[i + k] != text[k] { return false }
        return true
    }

    /// Where `needle` first occurs in `i..<end`, or nil.
    static func find(_ b: Bytes, _ i: Int, _ end: Int, _ needle: StaticString) -> Int? {
        var at = i
        while at < end {
            if hasPrefix(b, at, end, needle) { return at }
            at += 1
        }
        return nil
    }

    /// Reads a number of up to `maxDigits` digits at `i`: the value and where it ends.
    static func number(_ b: Bytes, _ i: Int, _ end: Int, maxDigits: Int) -> (value: Int, next: Int)? {
        var value = 0, at = i
        while at < end, at - i < maxDigits, isDigit(b[at]) {
            value = value * 10 + Int(b[at] - UInt8(ascii: "0"))
            at += 1
        }
        return at > i ? (value, at) : nil
    }

    /// Reads `H:MM:SS` (hours of one or two digits) at `i`, followed by a blank: seconds since midnight.
    static func clock(_ b: Bytes, _ i: Int, _ end: Int) -> (second: Int, next: Int)? {
        guard let hour = number(b, i, end, maxDigits: 2), hour.next < end, b[hour.next] == UInt8(ascii: ":"),
            hour.next + 6 <= end, b[hour.next + 3] == UInt8(ascii: ":"),
            isDigit(b[hour.next + 1]), isDigit(b[hour.next + 2]), isDigit(b[hour.next + 4]), isDigit(b[hour.next + 5])
        else { return nil }
        let next = hour.next + 6
        guard next == end || isBlank(b[next]) else { return nil }
        let zero = Int(UInt8(ascii: "0"))
        let minute = (Int(b[hour.next + 1]) - zero) * 10 + Int(b[hour.next + 2]) - zero
        let second = (Int(b[hour.next + 4]) - zero) * 10 + Int(b[hour.next + 5]) - zero
        guard hour.value < 24, minute < 60, second < 61 else { return nil }
        return (hour.value * 3600 + minute * 60 + min(second, 59), next)
    }

    /// Where the `)` closing a daemon name `(MLM)` that opens at `i` is, or nil where `i` opens no name.
    static func daemonEnd(_ b: Bytes, _ i: Int, _ end: Int) -> Int? {
        guard i < end, b[i] == UInt8(ascii: "(") else { return nil }
        var at = i + 1
        while at < end, at - i <= 40 {
            if b[at] == UInt8(ascii: ")") { return at > i + 1 ? at : nil }
            if isBlank(b[at]) { return nil }
            at += 1
        }
        return nil
    }

    /// Reads `M/D/YYYY` at `i`.
    static func slashDate(_ b: Bytes, _ i: Int, _ end: Int) -> Day? {
        guard let month = number(b, i, end, maxDigits: 2), month.next < end, b[month.next] == UInt8(ascii: "/"),
            let day = number(b, month.next + 1, end, maxDigits: 2), day.next < end, b[day.next] == UInt8(ascii: "/"),
            let year = number(b, day.next + 1, end, maxDigits: 4), year.next - day.next == 5
        else { return nil }
        return Day(year: year.value, month: month.value, day: day.value)
    }

    /// Reads `Thu Jun 09 2022 …` at `i`, as in `Server's System Date and Time:`.
    static func systemDate(_ b: Bytes, _ i: Int, _ end: Int) -> Day? {
        var at = i
        while at < end, !isBlank(b[at]) { at += 1 }
        at = skipBlanks(b, at, end)
        guard end - at >= 3 else { return nil }
        let names: [StaticString] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ]
        guard
            let month = names.firstIndex(where: { name in
                (0..<3).allSatisfy { b[at + $0] | 0x20 == name.utf8Start[$0] }
            })
        else { return nil }
        while at < end, !isBlank(b[at]) { at += 1 }
        guard let day = number(b, skipBlanks(b, at, end), end, maxDigits: 2),
            let year = number(b, skipBlanks(b, day.next, end), end, maxDigits: 4)
        else { return nil }
        return Day(year: year.value, month: month + 1, day: day.value)
    }

    /// The date in the last parentheses of lmgrd's `… started on HOST (IBM PC) (6/9/2022)`, or nil.
    static func startDate(_ b: Bytes, _ i: Int, _ end: Int) -> Day? {
        let last = trimEnd(b, i, end)
        guard last > i, b[last - 1] == UInt8(ascii: ")"), find(b, i, last, "started on") != nil else { return nil }
        var open = last - 1
        while open > i, b[open] != UInt8(ascii: "(") { open -= 1 }
        return slashDate(b, open + 1, last - 1)
    }

    /// Where the parenthesis matching the `)` at `close` opens, or nil.
    static func openingParenthesis(_ b: Bytes, _ start: Int, _ close: Int) -> Int? {
        var depth = 0, at = close
        while at >= start {
            if b[at] == UInt8(ascii: ")") { depth += 1 }
            if b[at] == UInt8(ascii: "("), depth > 0 {
                depth -= 1
                if depth == 0 { return at }
            }
            at -= 1
        }
        return nil
    }

    /// Reads `"feature" [(key)] user@host  [(note)]` from `i`; the user is everything up to the last `@`.
    static func party(_ b: Bytes, _ i: Int, _ end: Int) -> Party? {
        var at = skipBlanks(b, i, end)
        guard at < end else { return nil }
        let feature: Range<Int>
        if b[at] == UInt8(ascii: "\"") {
            var close = at + 1
            while close < end, b[close] != UInt8(ascii: "\"") { close += 1 }
            guard close < end else { return nil }
            feature = (at + 1)..<close
            at = close + 1
        } else {
            let start = at
            while at < end, !isBlank(b[at]) { at += 1 }
            feature = start..<at
        }
        guard !feature.isEmpty else { return nil }
        at = skipBlanks(b, at, end)
        var last = trimEnd(b, at, end)
        var note: Range<Int>?
        if last > at, b[last - 1] == UInt8(ascii: ")"), let open = openingParenthesis(b, at, last - 1), open > at {
            note = (open + 1)..<(last - 1)
            last = trimEnd(b, at, open)
        }
        // UNSUPPORTED lines name the license key before the user: `"MATLAB" (BF04C1B183DD400E147F) user@host`.
        if at < last, b[at] == UInt8(ascii: "(") {
            var close = at
            while close < last, b[close] != UInt8(ascii: ")") { close += 1 }
            guard close < last else { return nil }
            at = skipBlanks(b, close + 1, last)
        }
        var sign = last - 1
        while sign >= at, b[sign] != UInt8(ascii: "@") { sign -= 1 }
        guard sign >= at else { return nil }
        let userEnd = trimEnd(b, at, sign)
        let hostStart = skipBlanks(b, sign + 1, last)
        guard userEnd > at, last > hostStart else { return nil }
        return Party(feature: feature, user: at..<userEnd, host: hostStart..<last, note: note)
    }

    /// The number of licenses in a note such as `3 licenses`, or nil.
    static func licenseCount(_ b: Bytes, _ note: Range<Int>) -> Int? {
        guard let count = number(b, note.lowerBound, note.upperBound, maxDigits: 9) else { return nil }
        let word = skipBlanks(b, count.next, note.upperBound)
        guard word > count.next, hasPrefix(b, word, note.upperBound, "license") else { return nil }
        return count.value
    }
}
