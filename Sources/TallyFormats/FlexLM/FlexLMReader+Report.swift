import TallyCore

extension FlexLMReader {
    /// The kind of an unknown message: its first word without a closing `:`, `SLOG` for `(@MLM-SLOG@)`.
    mutating func countKind(_ b: Bytes, _ at: Int, _ end: Int) {
        var stop = at
        while stop < end, stop - at < 40, !FlexLMBytes.isBlank(b[stop]) { stop += 1 }
        let word = at..<stop
        if word.count == runKind.count, zip(word, runKind).allSatisfy({ b[$0.0] == $0.1 }) {
            runLength += 1
            return
        }
        flushRun()
        runKind = Array(b[word])
        runLength = 1
    }

    /// Counts a line of a kind named by the reader itself.
    mutating func count(_ kind: String) {
        ignored[kind, default: 0] += 1
    }

    mutating func flushRun() {
        guard runLength > 0 else { return }
        var word = runKind[...]
        if word.last == UInt8(ascii: ":") { word = word.dropLast() }
        let text = String(decoding: word, as: UTF8.self)
        let kind = text.isEmpty ? "(empty)" : text.hasPrefix("(@") && text.hasSuffix("SLOG@)") ? "SLOG" : text
        ignored[kind, default: 0] += runLength
        runLength = 0
    }

    /// What was read, or why the file cannot be read as a FlexNet log.
    func report() throws(FormatError) -> FlexLMLogReport {
        let example = "a time and a daemon name, such as '9:05:12 (MLM) OUT: \"MATLAB\" user@host'"
        guard recognisedLines > 0 else {
            guard let line = firstTextLine else {
                throw .line(number: 1, reason: "the file is empty; a FlexNet debug log has lines with " + example)
            }
            throw .line(number: line, reason: "this is not a FlexNet debug log: expected " + example)
        }
        if let bad = badDate {
            throw .line(
                number: bad.line,
                reason: "\"\(StatusText.shortened(bad.text))\" is not a date from 1970 to 2099 that Tally can read "
                    + "(M/D/YYYY); the times after it could not be dated: correct the line or the server's clock")
        }
        if let line = firstUndatedEvent, !clock.dated {
            throw .line(
                number: line,
                reason: "this time has no date: the log has no 'TIMESTAMP M/D/YYYY' line, no lmgrd "
                    + "'started on … (M/D/YYYY)' line and no 'Server's System Date and Time:' line; "
                    + "give the whole log, from lmgrd's start or with its TIMESTAMP lines")
        }
        var first: Instant?, last: Instant?
        func see(_ instant: Instant) {
            if first.map({ instant < $0 }) ?? true { first = instant }
            if last.map({ instant > $0 }) ?? true { last = instant }
        }
        for checkout in checkouts {
            see(checkout.start)
            if let end = checkout.end { see(end) }
        }
        for denial in denials { see(denial.at) }
        return FlexLMLogReport(
            vendor: vendors.count == 1 ? vendors.first : nil, checkouts: checkouts, denials: denials,
            restarts: restarts, ignoredLines: ignored, firstEvent: first, lastEvent: last, clockJumps: clockJumps)
    }
}
