/// Reads osquery results of the software tables `programs` (Windows), `deb_packages`, `rpm_packages` and `apps`
/// (macOS), and the device tables `system_info` and `os_version`.
///
/// Two forms are read, told apart by their first character:
/// - `osqueryi --json` output: a JSON list of row objects (or several lists, one per statement). It does not say
///   which machine it came from, so the report has one device, named `device` (nil when not given).
/// - the osqueryd results log (`osqueryd.results.log`, or what a log shipper forwards): one JSON object per line,
///   with `hostIdentifier`, the query `name`, `unixTime`/`calendarTime`, and the rows as a `snapshot` list, as
///   `columns` with an `action` of `added` or `removed` (event format), or as `diffResults` (batch format).
///   Each host is a device; for each host and query the latest snapshot replaces the rows before it, `added` adds a
///   row and `removed` takes it away, in order of time. Lines that are not query results are left out with a
///   warning; a line that is not JSON is an error naming it.
///
/// Which table a row comes from is decided by its columns, as `OsqueryTable` describes. Rows of other tables are
/// left out with one warning per query (or per set of columns).
public enum OsqueryResults {
    /// Parses osqueryi output or an osqueryd results log; `device` names the machine of osqueryi output.
    public static func parse(_ bytes: [UInt8], device: String? = nil) throws(FormatError) -> InventoryReport {
        let bytes = TextEncoding.utf8(bytes)
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        guard start < bytes.count else {
            throw .line(
                number: 1, reason: "the file is empty; save the output of osqueryi --json or osqueryd's results log")
        }
        switch bytes[start] {
        case UInt8(ascii: "["):
            return try readLists(bytes, device: device)
        case UInt8(ascii: "{"):
            var log = OsqueryLog()
            try log.read(bytes)
            return log.report()
        default:
            let line = bytes[..<start].filter { $0 == 0x0A }.count + 1
            throw .line(
                number: line,
                reason: "this is not osquery output: expected a JSON list of rows (osqueryi --json) or one JSON "
                    + "object per line (the osqueryd results log)")
        }
    }

    /// The `osqueryi --json` form: one list of rows per statement, all from one machine.
    private static func readLists(_ bytes: [UInt8], device name: String?) throws(FormatError) -> InventoryReport {
        var rows: [(location: String, row: [String: String])] = []
        try JSONReader.reading(bytes) { reader throws(FormatError) in
            var list = 1
            while true {
                let prefix = list == 1 ? "" : "list \(list) "
                try reader.readElements("\(prefix)(the whole file)") { reader, index throws(FormatError) in
                    let location = "\(prefix)[\(index)]"
                    rows.append((location, try reader.osqueryRow(location)))
                }
                reader.skipSpace()
                if reader.position >= reader.bytes.count { return }
                list += 1
            }
        }
        var device = OsqueryDevice(InventoryDevice(name: name))
        for (location, row) in rows { device.add(row, query: nil, location: location) }
        if !rows.isEmpty, device.recognised == 0 {
            throw .field(
                path: rows[0].location,
                reason: "these rows have the columns \(OsqueryDevice.columns(rows[0].row)), which are not from "
                    + "\(OsqueryTable.softwareTables); run for example osqueryi --json \"SELECT * FROM programs\"")
        }
        var report = InventoryReport(devices: [device.device], skipped: device.skipped, invalid: device.invalid)
        report.checkHardware { _ in "system_info" }
        return report
    }
}

/// One machine's rows, turned into software and device details as they arrive.
struct OsqueryDevice {
    var device: InventoryDevice
    var skipped: [InventoryWarning] = []
    var invalid: [InventoryWarning] = []
    /// Rows placed in a table Tally reads.
    var recognised = 0
    /// Queries (or sets of columns) already warned about.
    private var warned: Set<String> = []

    init(_ device: InventoryDevice) {
        self.device = device
    }

    mutating func add(_ row: [String: String], query: String?, location: String) {
        guard let table = OsqueryTable.of(row, query: query) else {
            let key = query ?? Self.columns(row)
            if warned.insert(key).inserted {
                let what = query.map { "the query \"\($0)\"" } ?? "rows with the columns \(Self.columns(row))"
                skipped.append(
                    .init(
                        location: location,
                        reason: "\(what) is not from \(OsqueryTable.softwareTables); its rows are left out"))
            }
            return
        }
        recognised += 1
        switch table.read(row) {
        case .software(let software):
            device.software.append(software)
        case .skipped(let reason):
            skipped.append(.init(location: location, reason: reason))
        case .invalid(let reason):
            invalid.append(.init(location: location, reason: reason))
        case .device:
            table.describe(row, into: &device)
        }
    }

    /// A row's columns, sorted, for messages.
    static func columns(_ row: [String: String]) -> String {
        row.keys.sorted().joined(separator: ", ")
    }
}

extension JSONReader {
    /// One osquery row: column names to values, all as text (`--logger_numerics` writes numbers as numbers).
    mutating func osqueryRow(_ path: @autoclosure () -> String) throws(FormatError) -> [String: String] {
        var row: [String: String] = [:]
        // The path is built only for an error: a fleet's log has millions of rows.
        try readMembers(path()) { reader, key throws(FormatError) in
            row[key] = try reader.looseText(path() + "." + key) ?? ""
        }
        return row
    }
}
