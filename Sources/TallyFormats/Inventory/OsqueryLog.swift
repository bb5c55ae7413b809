import TallyCore

/// The osqueryd results log: one JSON object per line, each a snapshot, an event or a batch of differences of one
/// scheduled query on one host.
struct OsqueryLog {
    /// One line of the log.
    struct Entry {
        var line: Int
        var host: String
        var query: String
        var time: Int64?
        var decorations: [String: String] = [:]
        /// Set for a snapshot: the rows replace the query's rows.
        var snapshot: [[String: String]]?
        var added: [[String: String]] = []
        var removed: [[String: String]] = []
    }

    /// The rows a host's query has at a point of the log, each with the order and line it arrived in.
    private struct QueryState {
        var rows: [[String: String]: (order: Int, line: Int)] = [:]
        var firstLine: Int
    }

    private var entries: [Entry] = []
    private var skipped: [InventoryWarning] = []

    /// Reads every line; an empty line is passed over, a line that is not JSON is an error naming it.
    mutating func read(_ bytes: [UInt8]) throws(FormatError) {
        var lineStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var number = 1
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let range = lineStart..<lineEnd
            if bytes[range].contains(where: { $0 > 0x20 }) {
                if let entry = try Self.entry(bytes, range: range, line: number) {
                    entries.append(entry)
                } else {
                    skipped.append(
                        .init(
                            location: "line \(number)",
                            reason: "not a query result (no snapshot, columns or diffResults); left out"))
                }
            }
            lineStart = lineEnd + 1
            number += 1
        }
    }

    /// The devices and their software once every line has been read.
    func report() -> InventoryReport {
        // Entries are applied in order of time; lines without a time keep their place after the line before.
        var timed: [(time: Int64, entry: Entry)] = []
        var last: Int64 = .min
        for entry in entries {
            last = entry.time ?? last
            timed.append((last, entry))
        }
        let ordered = timed.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element.entry)

        var hosts: [String] = []
        var details: [String: (decorations: [String: String], seen: Int64?)] = [:]
        var states: [String: [String: QueryState]] = [:]
        var counter = 0
        for entry in ordered {
            if details[entry.host] == nil { hosts.append(entry.host) }
            var detail = details[entry.host] ?? ([:], nil)
            detail.decorations.merge(entry.decorations) { _, new in new }
            if let time = entry.time { detail.seen = max(detail.seen ?? time, time) }
            details[entry.host] = detail

            var state = states[entry.host, default: [:]][entry.query] ?? QueryState(firstLine: entry.line)
            state.firstLine = min(state.firstLine, entry.line)
            if entry.snapshot != nil { state.rows = [:] }
            for row in (entry.snapshot ?? []) + entry.added where state.rows[row] == nil {
                state.rows[row] = (counter, entry.line)
                counter += 1
            }
            for row in entry.removed { state.rows[row] = nil }
            states[entry.host, default: [:]][entry.query] = state
        }

        var report = InventoryReport(skipped: skipped)
        // Hosts in the order the file first names them.
        let firstLine = Dictionary(entries.map { ($0.host, $0.line) }, uniquingKeysWith: min)
        for host in hosts.sorted(by: { firstLine[$0, default: 0] < firstLine[$1, default: 0] }) {
            let detail = details[host] ?? ([:], nil)
            var device = OsqueryDevice(Self.device(host: host, decorations: detail.decorations))
            device.device.seenAt = detail.seen.map { Instant(secondsSinceEpoch: $0) }
            let queries = (states[host] ?? [:]).sorted { $0.value.firstLine < $1.value.firstLine }
            for (query, state) in queries {
                for (row, arrival) in state.rows.sorted(by: { $0.value.order < $1.value.order }) {
                    device.add(row, query: query, location: "line \(arrival.line)")
                }
            }
            report.devices.append(device.device)
            report.skipped += device.skipped
            report.invalid += device.invalid
        }
        report.skipped = Self.byLine(report.skipped)
        report.checkHardware { _ in "system_info" }
        report.invalid = Self.byLine(report.invalid)
        return report
    }

    /// Warnings in the order of their lines (`line 12`).
    private static func byLine(_ warnings: [InventoryWarning]) -> [InventoryWarning] {
        func number(_ warning: InventoryWarning) -> Int { Int(warning.location.dropFirst(5)) ?? 0 }
        return warnings.enumerated().sorted { (number($0.element), $0.offset) < (number($1.element), $1.offset) }
            .map(\.element)
    }

    /// The device named by a host identifier and the decorations osqueryd adds to every line.
    ///
    /// osqueryd identifies a host by its host name unless configured to use its UUID; a `hostname` decoration
    /// names it either way.
    static func device(host: String, decorations: [String: String]) -> InventoryDevice {
        let isUUID = host.count == 36 && host.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12]
        var device = InventoryDevice()
        device.name =
            InventoryText.nonEmpty(decorations["hostname"] ?? decorations["computer_name"])
            ?? (isUUID ? nil : InventoryText.nonEmpty(host))
        device.uuid = InventoryText.nonEmpty(decorations["host_uuid"] ?? decorations["uuid"]) ?? (isUUID ? host : nil)
        return device
    }

    // MARK: - One line

    /// The entry on one line; nil for a JSON object that is not a query result. Errors name the line.
    private static func entry(_ bytes: [UInt8], range: Range<Int>, line: Int) throws(FormatError) -> Entry? {
        do throws(FormatError) {
            return try JSONReader.reading(bytes, range: range) { reader throws(FormatError) in
                guard try reader.peekKind() == .object else {
                    throw reader.syntax("each line of a results log is one JSON object")
                }
                let entry = try readEntry(&reader, line: line)
                try reader.expectEnd()
                return entry
            }
        } catch {
            switch error {
            case .syntax(_, let column, let reason): throw .syntax(line: line, column: column, reason: reason)
            case .field(let path, let reason): throw .line(number: line, reason: "\(path): \(reason)")
            case .line: throw error
            }
        }
    }

    private static func readEntry(_ reader: inout JSONReader, line: Int) throws(FormatError) -> Entry? {
        var entry = Entry(line: line, host: "", query: "")
        var action: String?
        var columns: [String: String]?
        var calendarTime: String?
        var isResult = false
        try reader.readMembers("") { reader, key throws(FormatError) in
            switch key {
            case "hostIdentifier": entry.host = try reader.looseText(key) ?? ""
            case "name": entry.query = try reader.looseText(key) ?? ""
            case "unixTime": entry.time = try reader.looseText(key).flatMap { Int64($0) }
            case "calendarTime": calendarTime = try reader.looseText(key)
            case "action": action = try reader.looseText(key)
            case "decorations": entry.decorations = try reader.osqueryRow(key)
            case "columns":
                isResult = true
                columns = try reader.osqueryRow(key)
            case "snapshot":
                isResult = true
                entry.snapshot = try rows(&reader, key)
            case "diffResults":
                isResult = true
                try reader.readMembers(key) { reader, change throws(FormatError) in
                    switch change {
                    case "added": entry.added = try rows(&reader, "diffResults.added")
                    case "removed": entry.removed = try rows(&reader, "diffResults.removed")
                    default: try reader.skipValue()
                    }
                }
            default: try reader.skipValue()
            }
        }
        guard isResult else { return nil }
        if entry.time == nil, let calendarTime { entry.time = Self.calendarTime(calendarTime) }
        if let columns {
            if action == "removed" { entry.removed.append(columns) } else { entry.added.append(columns) }
        }
        return entry
    }

    private static func rows(_ reader: inout JSONReader, _ path: String) throws(FormatError) -> [[String: String]] {
        var rows: [[String: String]] = []
        try reader.readElements(path) { reader, index throws(FormatError) in
            rows.append(try reader.osqueryRow("\(path)[\(index)]"))
        }
        return rows
    }

    /// `Tue Sep 29 19:01:51 2020 UTC`, as osqueryd writes `calendarTime`.
    static func calendarTime(_ text: String) -> Int64? {
        let words = text.split(separator: " ")
        guard words.count >= 5, let month = StatusText.month(words[1]), let day = Int(words[2]),
            let second = StatusText.timeOfDay(words[3]), let year = Int(words[4]),
            let instant = StatusText.instant(year: year, month: month, day: day, secondOfDay: second)
        else { return nil }
        return instant.secondsSinceEpoch
    }
}
