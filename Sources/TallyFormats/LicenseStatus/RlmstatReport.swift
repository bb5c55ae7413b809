import TallyCore

/// Reads the output of Reprise RLM `rlmutil rlmstat -a` into a `LicenseStatusReport`.
public enum RlmstatReport {
    /// Parses one rlmstat report; `at` is when it was taken, used to infer checkout years where the report
    /// shows no date of its own.
    ///
    /// Lines it does not understand are counted in `skippedLines`. When rlmutil says it could not reach the
    /// server, that is an error, not an empty report: a license manager must not read a failed query as
    /// "nobody uses anything", which would end every open checkout and show the seats idle.
    public static func parse(_ bytes: [UInt8], at: Instant? = nil) throws(FormatError) -> LicenseStatusReport {
        var reader = RlmstatReader(at: at)
        let lines = StatusText.lines(TextEncoding.utf8(bytes))
        for (index, line) in lines.enumerated() {
            try reader.read(line, number: index + 1)
            if let problem = reader.takeProblem() { throw .line(number: index + 1, reason: problem) }
        }
        guard reader.recognised else {
            let first = lines.firstIndex(where: { !StatusText.trimmed($0).isEmpty }).map { $0 + 1 } ?? 1
            throw .line(
                number: first,
                reason: "this is not rlmutil rlmstat output: expected a line such as \"rlm status on HOST (port N)\" "
                    + "or \"ISV license pool status on …\"; save the output of `rlmutil rlmstat -a` and import that")
        }
        return reader.report
    }
}

/// The state of one pass over an rlmstat report.
struct RlmstatReader {
    /// The problem the last line raised, if any, cleared once taken.
    mutating func takeProblem() -> String? {
        defer { problem = nil }
        return problem
    }

    private enum Section {
        case preamble, isvTable, pools, usage
    }

    private(set) var report = LicenseStatusReport()
    private let at: Instant?
    /// Why the report cannot be used as it is, found on the line being read.
    private var problem: String?
    private var section = Section.preamble
    /// True once a line that only rlmutil writes has been seen.
    private(set) var recognised = false
    /// The ISV of the current pool or usage section, and its server as `host/port`.
    private var vendor: String?
    private var server: String?
    /// The pool whose `count:` line comes next.
    private var pendingPool: (feature: String, version: String)?

    init(at: Instant?) {
        self.at = at
    }

    mutating func read(_ raw: Substring, number: Int) throws(FormatError) {
        let line = StatusText.trimmed(raw)
        guard !line.isEmpty else { return }
        if line.hasPrefix("Error connecting to") || line.hasPrefix("Connection attempted to host") {
            throw .line(
                number: number,
                reason: "rlmutil could not reach the license server (\(line)); no usage was recorded: "
                    + "check the server address and port, run `rlmutil rlmstat -a` again and import its output")
        }
        if readHeading(line) || readStatistics(line) { return }
        switch section {
        case .isvTable:
            if readISV(line) { return }
        case .pools, .preamble:
            // Pools may come first: some saved reports begin at the first pool, without their heading.
            if readPool(line) { return }
        case .usage:
            if readCheckout(line) { return }
        }
        report.skippedLines += 1
    }

    // MARK: - Headings

    /// Lines that open a section or name a server; true when the line was one.
    private mutating func readHeading(_ line: Substring) -> Bool {
        let words = StatusText.words(line)
        if line.hasPrefix("rlmutil v") || line.hasPrefix("Setting license file path") {
            recognised = true
        } else if line.hasPrefix("Copyright") || line.allSatisfy({ $0 == "-" }) {
            // Banner and section rules.
        } else if line.hasPrefix("--------- ISV servers") {
            recognised = true
            section = .isvTable
        } else if words.count >= 4, words[0] == "rlm", words[1] == "status", words[2] == "on" {
            // `rlm status on licserv.com (port 35015), up 99d 11:08:25`
            recognised = true
            let (host, port) = Self.hostAndPort(words)
            let up = line.range(of: ", up ").map { String(line[line.index($0.lowerBound, offsetBy: 2)...]) }
            report.servers.append(
                LicenseServerState(name: port.map { "\($0)@\(host)" } ?? host, up: true, detail: up))
        } else if let at = line.range(of: " license pool status on ") {
            recognised = true
            enter(.pools, vendor: line[..<at.lowerBound], words: words)
        } else if let at = line.range(of: " license usage status on ") {
            recognised = true
            enter(.usage, vendor: line[..<at.lowerBound], words: words)
        } else if line.contains(" ISV server status on ") {
            // Repeats what the ISV table said, with the server's uptime.
            recognised = true
        } else if words.count >= 2, report.vendorDaemons.contains(where: { $0.name == words[0] }),
            ["software", "comm", "Debug", "Report"].contains(words[1])
        {
            // An ISV's version and log file names.
        } else if line.hasPrefix("rlm software version") || line.hasPrefix("rlm comm version") {
            // The server's versions.
        } else {
            return false
        }
        return true
    }

    private mutating func enter(_ section: Section, vendor: Substring, words: [Substring]) {
        self.section = section
        self.vendor = String(vendor)
        let (host, port) = Self.hostAndPort(words)
        server = port.map { "\(host)/\($0)" } ?? host
        pendingPool = nil
    }

    /// The host after `on` and the port in `(port N)`.
    private static func hostAndPort(_ words: [Substring]) -> (String, Int?) {
        guard let on = words.firstIndex(of: "on"), on + 1 < words.count else { return ("", nil) }
        var port: Int?
        if on + 3 < words.count, words[on + 2] == "(port" {
            port = StatusText.number(words[on + 3].prefix(while: { $0.isNumber }))
        }
        return (String(words[on + 1]), port)
    }

    /// The statistics block: known lines with nothing to keep, except the time the report was taken.
    private mutating func readStatistics(_ line: Substring) -> Bool {
        if line.hasPrefix("Recent Statistics (") {
            // `Recent Statistics (00:16:08), init time: Wed Nov  3 12:32:30 2021`: the figures cover the time
            // since `init time`, so the report was taken that long after it.
            if report.reportedAt == nil, let time = Self.reportTime(line) {
                if Limits.instants.contains(time) {
                    report.reportedAt = time
                } else if at == nil, problem == nil {
                    problem = "the report's time \(time) is not from 1970 to 2099; give the report's time with --at"
                }
            }
            return true
        }
        let known = [
            "Startup time:", "Todays Statistics", "Messages:", "Connections:", "Checkouts:", "Denials:",
            "Removals:", "Recent Stats",
        ]
        if known.contains(where: { line.hasPrefix($0) }) { return true }
        // The row of durations under `Recent Stats  Todays Stats  Total Stats`.
        return StatusText.words(line).allSatisfy { word in word.allSatisfy { $0.isNumber || $0 == ":" || $0 == "d" } }
    }

    private static func reportTime(_ line: Substring) -> Instant? {
        guard let open = line.firstIndex(of: "("), let close = line.firstIndex(of: ")"), open < close,
            let span = StatusText.timeOfDay(line[line.index(after: open)..<close]),
            let initAt = line.range(of: "init time:")
        else { return nil }
        // `Wed Nov  3 12:32:30 2021`
        let words = StatusText.words(line[initAt.upperBound...])
        guard words.count == 5, let month = StatusText.month(words[1]), let day = StatusText.number(words[2]),
            let time = StatusText.timeOfDay(words[3]), let year = StatusText.number(words[4]),
            let start = StatusText.instant(year: year, month: month, day: day, secondOfDay: time)
        else { return nil }
        return Instant(secondsSinceEpoch: start.secondsSinceEpoch + Int64(span))
    }

    // MARK: - ISV servers

    /// `Name  Port Running Restarts` then `csci  63133  Yes  0`.
    private mutating func readISV(_ line: Substring) -> Bool {
        let words = StatusText.words(line)
        if words.first == "Name" { return true }
        guard words.count == 4, let port = StatusText.number(words[1]) else { return false }
        let running = words[2].lowercased() == "yes"
        report.vendorDaemons.append(
            .init(name: String(words[0]), up: running, detail: "port \(port), restarts \(words[3])"))
        return true
    }

    // MARK: - Pools

    /// `converge_super v3.0`, then `count: 1000, # reservations: 0, inuse: 93, exp: 31-jan-2022`, then
    /// `obsolete: 0, min_remove: 120, total checkouts: 169`.
    private mutating func readPool(_ line: Substring) -> Bool {
        let words = StatusText.words(line)
        if words.count == 2, words[1].hasPrefix("v") {
            pendingPool = (String(words[0]), String(words[1].dropFirst()))
            return true
        }
        if line.hasPrefix("obsolete:") { return true }
        guard line.hasPrefix("count:"), let (feature, version) = pendingPool else { return false }
        pendingPool = nil
        var fields: [Substring: Substring] = [:]
        for part in line.split(separator: ",") {
            let pair = part.split(separator: ":", maxSplits: 1)
            guard pair.count == 2 else { continue }
            fields[StatusText.trimmed(pair[0])] = StatusText.trimmed(pair[1])
        }
        guard let issued = fields["count"].flatMap(StatusText.number),
            let used = fields["inuse"].flatMap(StatusText.number)
        else { return false }
        let reserved = fields["# reservations"].flatMap(StatusText.number) ?? 0
        report.pools.append(
            LicensePool(
                vendor: vendor, feature: feature, version: version, issued: issued, inUse: used,
                expires: fields["exp"].flatMap(StatusText.expiry), reserved: reserved))
        report.reservations += reserved
        // RLM prints one pool per license line; the feature's totals are their sum.
        if let index = report.features.firstIndex(where: { $0.vendor == vendor && $0.feature == feature }) {
            report.features[index].issued = (report.features[index].issued ?? 0) + issued
            report.features[index].inUse = (report.features[index].inUse ?? 0) + used
        } else {
            report.features.append(.init(vendor: vendor, feature: feature, issued: issued, inUse: used))
        }
        return true
    }

    // MARK: - Checkouts

    /// `converge_super v3.0: asdj13@myserver.example.com 29/0 at 11/01 09:01  (handle: 15a)`.
    private mutating func readCheckout(_ line: Substring) -> Bool {
        guard let colon = line.range(of: ": ") else { return false }
        let product = StatusText.words(line[..<colon.lowerBound])
        let words = StatusText.words(line[colon.upperBound...])
        guard product.count == 2, words.count >= 4, let at = words[0].lastIndex(of: "@"),
            let count = words[1].split(separator: "/").first.flatMap(StatusText.number), words[2] == "at"
        else { return false }
        var start: Instant?
        if words.count >= 5, let date = StatusText.monthAndDay(words[3]), let time = StatusText.timeOfDay(words[4]) {
            start = StatusText.instant(
                month: date.month, day: date.day, secondOfDay: time, before: report.reportedAt ?? self.at)
        }
        var handle: String?
        if let mark = line.range(of: "(handle: ") {
            let value = line[mark.upperBound...].prefix(while: { $0 != ")" })
            handle = server.map { "\($0) \(value)" } ?? String(value)
        }
        let version = product[1].hasPrefix("v") ? product[1].dropFirst() : product[1]
        report.checkouts.append(
            StatusCheckout(
                vendor: vendor, feature: String(product[0]), user: String(words[0][..<at]),
                host: String(words[0][words[0].index(after: at)...]), display: nil, version: String(version),
                serverHandle: handle, start: start, linger: nil, count: count))
        return true
    }
}
