/// One checkout (or queued request) line of `lmstat -a`, read from the right because user names may hold spaces:
///
///     user host display (v31.0) (host1/28000 5226), start Fri 10/20 16:40, 5 licenses  (linger: 885098 / 1340160)
///     user host display 2017.06 (v2017.06) (host1/1999 15480) queued for 1 license
struct LmstatCheckoutLine {
    var user: String
    var host: String
    var display: String?
    var version: String?
    var serverHandle: String
    var start: (month: Int, day: Int, secondOfDay: Int)?
    var linger: Int?
    var count = 1
    var queued = false

    /// Reads a trimmed line, or returns nil when it is not a checkout line.
    init?(_ line: Substring) {
        guard let (versionRange, handleRange) = Self.anchors(in: line) else { return nil }
        let versionText = line.index(versionRange.lowerBound, offsetBy: 2)..<line.index(before: versionRange.upperBound)
        version = String(line[versionText])
        let handleText = line.index(after: handleRange.lowerBound)..<line.index(before: handleRange.upperBound)
        serverHandle = String(line[handleText])

        var words = StatusText.words(line[..<versionRange.lowerBound])
        let rest = line[handleRange.upperBound...]
        if rest.contains("queued for") {
            queued = true
            count = StatusText.number(after: "queued for ", in: rest) ?? 1
            // A queued request repeats the version it waits for after the display.
            if words.count > 3, let last = words.last, last.first?.isNumber == true { words.removeLast() }
        } else {
            guard let startRange = rest.range(of: "start ") else { return nil }
            let when = StatusText.words(rest[startRange.upperBound...]).map { $0.hasSuffix(",") ? $0.dropLast() : $0 }
            if when.count >= 3, let date = StatusText.monthAndDay(when[1]), let time = StatusText.timeOfDay(when[2]) {
                start = (date.month, date.day, time)
            }
            if let licenses = Self.licenseCount(in: rest) { count = licenses }
            linger = StatusText.number(after: "linger: ", in: rest)
        }
        switch words.count {
        case 0:
            return nil
        case 1:
            // A blank user name leaves only the host.
            user = ""
            host = String(words[0])
        case 2:
            user = String(words[0])
            host = String(words[1])
        default:
            // The host and display are single words; whatever is left of them is the user's name.
            user = words.dropLast(2).joined(separator: " ")
            host = String(words[words.count - 2])
            display = String(words[words.count - 1])
        }
    }

    /// The `(vX)` and `(server/port handle)` groups: the first `(v…)` directly followed by a group holding a `/`.
    private static func anchors(in line: Substring) -> (Range<Substring.Index>, Range<Substring.Index>)? {
        var searchFrom = line.startIndex
        while let open = line[searchFrom...].range(of: "(v") {
            searchFrom = open.upperBound
            guard let close = line[open.upperBound...].firstIndex(of: ")") else { return nil }
            let afterVersion = line.index(after: close)
            let tail = line[afterVersion...]
            guard tail.hasPrefix(" ("), let handleClose = tail.firstIndex(of: ")") else { continue }
            let handleOpen = line.index(after: afterVersion)
            guard line[handleOpen..<handleClose].contains("/") else { continue }
            return (open.lowerBound..<afterVersion, handleOpen..<line.index(after: handleClose))
        }
        return nil
    }

    /// `, 16 licenses` (or `, 1 license`) after the start time.
    private static func licenseCount(in text: Substring) -> Int? {
        for part in text.split(separator: ",").dropFirst() {
            let words = StatusText.words(part)
            if words.count >= 2, words[1].hasPrefix("license"), let count = StatusText.number(words[0]) {
                return count
            }
        }
        return nil
    }
}
