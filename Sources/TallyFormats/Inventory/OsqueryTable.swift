import TallyCore

/// The osquery tables Tally reads, and how a row is told to come from one of them.
///
/// osquery results do not name their table, only their columns (and, in the daemon log, the name the
/// configuration gave the query). A row is placed by the first rule it meets:
///
/// 1. `apps` (macOS) when it has `bundle_identifier`, `bundle_short_version` or `bundle_name`;
/// 2. `rpm_packages` when it has `install_time`, `package_group` or `sha1`, or both `release` and `vendor`;
/// 3. `deb_packages` when it has `maintainer`, `admindir` or `revision`;
/// 4. `programs` (Windows) when it has `publisher`, `identifying_number`, `install_location` or
///    `uninstall_string`;
/// 5. `system_info` when it has `cpu_brand` or `hardware_serial`; `os_version` when it has `platform` and `major`;
/// 6. otherwise, in the daemon log, the table whose name the query name contains (`pack_inventory_rpm_packages`);
/// 7. otherwise the row is from a table Tally does not read.
///
/// So `SELECT * FROM programs` is always recognised, and so is any narrower query that keeps one of those columns.
enum OsqueryTable: String, CaseIterable {
    case apps, rpmPackages = "rpm_packages", debPackages = "deb_packages", programs
    case systemInfo = "system_info", osVersion = "os_version"

    /// The software tables, named as osquery names them, for messages.
    static let softwareTables = "programs, deb_packages, rpm_packages or apps"

    /// The table a row comes from, by its columns and then by the query's name.
    static func of(_ row: [String: String], query: String? = nil) -> OsqueryTable? {
        func has(_ columns: String...) -> Bool { columns.contains { row[$0] != nil } }
        if has("bundle_identifier", "bundle_short_version", "bundle_name") { return .apps }
        if has("install_time", "package_group", "sha1") || row["release"] != nil && row["vendor"] != nil {
            return .rpmPackages
        }
        if has("maintainer", "admindir", "revision") { return .debPackages }
        if has("publisher", "identifying_number", "install_location", "uninstall_string") { return .programs }
        if has("cpu_brand", "hardware_serial") { return .systemInfo }
        if row["platform"] != nil && row["major"] != nil { return .osVersion }
        guard let query = query?.lowercased() else { return nil }
        return allCases.first { query.contains($0.rawValue) }
    }

    /// What one row of a table says.
    enum Reading {
        /// Installed software.
        case software(RawSoftware)
        /// Not installed software, for this reason.
        case skipped(String)
        /// A row that cannot be read as it is, for this reason.
        case invalid(String)
        /// A row about the device itself (`system_info`, `os_version`).
        case device
    }

    /// What a row of this table says.
    func read(_ row: [String: String]) -> Reading {
        func value(_ column: String) -> String? { InventoryText.nonEmpty(row[column]) }
        switch self {
        case .programs:
            guard let name = value("name") else { return .invalid("the program has no name") }
            var installed: Day?
            if let date = value("install_date") {
                // Windows writes `20191219`; some installers write `12/19/2019`.
                guard let day = CellValue.day(date) else {
                    return .invalid("install_date \"\(InventoryText.quoted(date))\" of \"\(name)\" is not a date")
                }
                installed = day
            }
            return .software(
                RawSoftware(
                    publisher: value("publisher"), name: name, version: value("version"), installed: installed,
                    origin: rawValue))
        case .debPackages:
            guard let name = value("name") else { return .invalid("the package has no name") }
            // dpkg keeps removed packages whose configuration files remain (`deinstall ok config-files`).
            if let status = value("status"), !status.hasSuffix(" installed") {
                return .skipped("\"\(name)\" is not installed (status \"\(status)\")")
            }
            return .software(
                RawSoftware(
                    publisher: value("maintainer").map(Self.withoutEmail), name: name, version: value("version"),
                    origin: rawValue))
        case .rpmPackages:
            guard let name = value("name") else { return .invalid("the package has no name") }
            // `version-release`, as rpm -q and other inventories print it.
            let version = [value("version"), value("release")].compactMap { $0 }.joined(separator: "-")
            var installed: Day?
            if let time = value("install_time") {
                guard let seconds = Int64(time), Limits.instants.contains(Instant(secondsSinceEpoch: seconds)) else {
                    return .invalid(
                        "install_time \"\(InventoryText.quoted(time))\" of \"\(name)\" is not a time from 1970 to 2099")
                }
                installed = Instant(secondsSinceEpoch: seconds).day
            }
            return .software(
                RawSoftware(
                    publisher: value("vendor"), name: name, version: version.nilIfEmpty, installed: installed,
                    origin: rawValue))
        case .apps:
            let bundleName = value("bundle_name") ?? value("display_name")
            let fileName = value("name").map { $0.hasSuffix(".app") ? String($0.dropLast(4)) : $0 }
            guard let name = bundleName ?? fileName else { return .invalid("the application has no name") }
            return .software(
                RawSoftware(
                    name: name, version: value("bundle_short_version") ?? value("bundle_version"), origin: rawValue))
        case .systemInfo, .osVersion:
            return .device
        }
    }

    /// What a `system_info` or `os_version` row says about the device.
    func describe(_ row: [String: String], into device: inout InventoryDevice) {
        func value(_ column: String) -> String? { InventoryText.nonEmpty(row[column]) }
        switch self {
        case .systemInfo:
            device.name = device.name ?? value("hostname") ?? value("computer_name")
            device.uuid = value("uuid") ?? device.uuid
            device.serial = value("hardware_serial") ?? device.serial
            device.processorModel = value("cpu_brand") ?? device.processorModel
            if let sockets = value("cpu_sockets").flatMap({ Int($0) }), sockets > 0 {
                device.processors = sockets
                if let cores = value("cpu_physical_cores").flatMap({ Int($0) }), cores % sockets == 0 {
                    device.coresPerProcessor = cores / sockets
                }
            }
        case .osVersion:
            device.os = [value("name"), value("version")].compactMap { $0 }.joined(separator: " ").nilIfEmpty
        default:
            break
        }
    }

    /// `Ubuntu Developers <ubuntu-devel@lists.ubuntu.com>` without the address.
    static func withoutEmail(_ maintainer: String) -> String {
        guard let open = maintainer.firstIndex(of: "<") else { return maintainer }
        return InventoryText.nonEmpty(maintainer[..<open]) ?? maintainer
    }
}
