import TallyCore

/// Reads the JSON inventory that the GLPI agent sends (`glpi-inventory --json`, the `inventory_format` schema):
/// one device and the software on it.
///
/// Taken from `content`: the device from `hardware` (name, uuid, `vmsystem`: `Physical` is physical, any other
/// value virtual), `bios.ssn` (serial), `operatingsystem.full_name`, `cpus` (one entry per socket: their number,
/// `core`, `name`), `hardware.lastloggeduser` or else the first of `users`, and `accesslog.logdate` (when the
/// inventory ran); the software from `softwares`. `virtualmachines` lists guests of this machine, not the machine
/// itself, and is left alone. Unknown keys are ignored: the schema grows with every agent release.
public enum GLPIInventory {
    /// Parses one inventory.
    ///
    /// Windows updates (`system_category` `update`, `security_update` or `hotfix`, or a `release_type` of an
    /// update) are not products and are left out, each with a warning. So are entries Windows hides from Programs
    /// and Features (`system_category` `system_component`), unless `keepSystemComponents` is set: then they are
    /// kept and marked `systemComponent`. Software without a name is left out with a warning.
    public static func parse(
        _ bytes: [UInt8], keepSystemComponents: Bool = false
    ) throws(FormatError)
        -> InventoryReport
    {
        if let first = bytes.first(where: { $0 > 0x20 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }),
            first == UInt8(ascii: "<")
        {
            throw .line(
                number: 1,
                reason: "this is the agent's XML inventory; Tally reads its JSON inventory: run "
                    + "`glpi-inventory --json` and import that file")
        }
        return try JSONReader.reading(TextEncoding.utf8(bytes)) { reader throws(FormatError) in
            guard try reader.peekKind() == .object else {
                throw reader.syntax("a GLPI inventory is one JSON object; this file starts with something else")
            }
            var content = GLPIContent(keepSystemComponents: keepSystemComponents)
            var sawContent = false
            try reader.readMembers("") { reader, key throws(FormatError) in
                if key == "content" {
                    sawContent = true
                    try content.read(&reader)
                } else {
                    try reader.skipValue()
                }
            }
            try reader.expectEnd()
            guard sawContent else {
                throw .field(
                    path: "content",
                    reason: "missing: a GLPI inventory holds the machine under \"content\"; export it with "
                        + "`glpi-inventory --json`")
            }
            return content.finished()
        }
    }
}

/// What `content` says, gathered member by member: the members come in any order, and some are read together
/// (the time of the inventory is in `accesslog`, its zone in `operatingsystem`).
struct GLPIContent {
    let keepSystemComponents: Bool
    var device = InventoryDevice()
    var report = InventoryReport()
    var fqdn: String?
    var osName: String?
    var osVersion: String?
    var zoneOffset: String?
    var logDate: String?
    var firstUser: String?
    var vmsystem: String?
    var cpus: [(cores: Int?, name: String?)] = []

    init(keepSystemComponents: Bool) {
        self.keepSystemComponents = keepSystemComponents
    }

    mutating func read(_ reader: inout JSONReader) throws(FormatError) {
        try reader.readMembers("content") { reader, key throws(FormatError) in
            switch key {
            case "hardware": try readHardware(&reader)
            case "bios": try readBIOS(&reader)
            case "operatingsystem": try readOperatingSystem(&reader)
            case "cpus": try readCPUs(&reader)
            case "users": try readUsers(&reader)
            case "accesslog":
                try reader.readMembers("content.accesslog") { reader, key throws(FormatError) in
                    if key == "logdate" {
                        logDate = try reader.looseText("content.accesslog.logdate")
                    } else {
                        try reader.skipValue()
                    }
                }
            case "softwares":
                try reader.readElements("content.softwares") { reader, index throws(FormatError) in
                    try readSoftware(&reader, path: "content.softwares[\(index)]")
                }
            default: try reader.skipValue()
            }
        }
    }

    /// The report once the whole of `content` has been read.
    func finished() -> InventoryReport {
        var device = self.device
        var report = self.report
        device.name = device.name ?? fqdn
        device.os = device.os ?? [osName, osVersion].compactMap { $0 }.joined(separator: " ").nilIfEmpty
        device.lastUser = device.lastUser ?? firstUser
        if let vmsystem {
            device.kind = vmsystem.lowercased() == "physical" ? .physical : .virtual
        }
        if !cpus.isEmpty {
            device.processors = cpus.count
            device.coresPerProcessor = cpus[0].cores
            device.processorModel = cpus[0].name
            if device.kind == .virtual {
                // Summed without trapping: a damaged count is refused below, not overflowed.
                device.vcpus = cpus.reduce(0) { Limits.add($0, $1.cores ?? 1) ?? Limits.totalUnits }
            }
        }
        if let logDate {
            device.seenAt = Self.instant(logDate, zone: zoneOffset)
            if device.seenAt == nil {
                report.invalid.append(
                    .init(
                        location: "content.accesslog.logdate",
                        reason: "\"\(InventoryText.quoted(logDate))\" is not a date and time"))
            }
        }
        report.devices = [device]
        report.checkHardware { _ in "content.cpus" }
        return report
    }

    // MARK: - Sections

    private mutating func readHardware(_ reader: inout JSONReader) throws(FormatError) {
        try reader.readMembers("content.hardware") { reader, key throws(FormatError) in
            let path = "content.hardware.\(key)"
            switch key {
            case "name": device.name = try reader.looseText(path)
            case "uuid": device.uuid = try reader.looseText(path)
            case "vmsystem": vmsystem = try reader.looseText(path)
            case "lastloggeduser": device.lastUser = try reader.looseText(path)
            default: try reader.skipValue()
            }
        }
    }

    private mutating func readBIOS(_ reader: inout JSONReader) throws(FormatError) {
        try reader.readMembers("content.bios") { reader, key throws(FormatError) in
            if key == "ssn" { device.serial = try reader.looseText("content.bios.ssn") } else { try reader.skipValue() }
        }
    }

    private mutating func readOperatingSystem(_ reader: inout JSONReader) throws(FormatError) {
        try reader.readMembers("content.operatingsystem") { reader, key throws(FormatError) in
            let path = "content.operatingsystem.\(key)"
            switch key {
            case "full_name": device.os = try reader.looseText(path)
            case "name": osName = try reader.looseText(path)
            case "version": osVersion = try reader.looseText(path)
            case "fqdn": fqdn = try reader.looseText(path)
            case "timezone":
                try reader.readMembers(path) { reader, key throws(FormatError) in
                    if key == "offset" {
                        zoneOffset = try reader.looseText("\(path).offset")
                    } else {
                        try reader.skipValue()
                    }
                }
            default: try reader.skipValue()
            }
        }
    }

    private mutating func readCPUs(_ reader: inout JSONReader) throws(FormatError) {
        try reader.readElements("content.cpus") { reader, index throws(FormatError) in
            var core: Int?, coreCount: Int?, name: String?
            try reader.readMembers("content.cpus[\(index)]") { reader, key throws(FormatError) in
                let path = "content.cpus[\(index)].\(key)"
                switch key {
                case "core": core = try reader.looseCount(path)
                case "corecount": coreCount = try reader.looseCount(path)
                case "name": name = try reader.looseText(path)
                default: try reader.skipValue()
                }
            }
            cpus.append((core ?? coreCount, name))
        }
    }

    private mutating func readUsers(_ reader: inout JSONReader) throws(FormatError) {
        try reader.readElements("content.users") { reader, index throws(FormatError) in
            var login: String?, domain: String?
            try reader.readMembers("content.users[\(index)]") { reader, key throws(FormatError) in
                switch key {
                case "login": login = try reader.looseText("content.users[\(index)].login")
                case "domain": domain = try reader.looseText("content.users[\(index)].domain")
                default: try reader.skipValue()
                }
            }
            if firstUser == nil, let login { firstUser = domain.map { "\($0)\\\(login)" } ?? login }
        }
    }

    private mutating func readSoftware(_ reader: inout JSONReader, path: String) throws(FormatError) {
        var name: String?, version: String?, publisher: String?, date: String?, category: String?, release: String?
        try reader.readMembers(path) { reader, key throws(FormatError) in
            let field = "\(path).\(key)"
            switch key {
            case "name": name = try reader.looseText(field)
            case "version": version = try reader.looseText(field)
            case "publisher": publisher = try reader.looseText(field)
            // `installdate` is the name older agents used before the JSON format renamed it.
            case "install_date", "installdate": date = try reader.looseText(field)
            case "system_category": category = try reader.looseText(field)?.lowercased()
            case "release_type": release = try reader.looseText(field)
            default: try reader.skipValue()
            }
        }
        guard let name else {
            report.invalid.append(.init(location: path, reason: "the software has no name"))
            return
        }
        if ["update", "security_update", "hotfix"].contains(category)
            || ProgramsAndFeatures.isUpdate(releaseType: release)
        {
            report.skipped.append(.init(location: path, reason: "\"\(name)\" is a Windows update, not a product"))
            return
        }
        let hidden = category == "system_component"
        if hidden && !keepSystemComponents {
            report.skipped.append(.init(location: path, reason: ProgramsAndFeatures.hiddenReason(name)))
            return
        }
        var installed: Day?
        if let date {
            // The agent writes `YYYY-MM-DD`; agents before the JSON format wrote `DD/MM/YYYY`.
            installed = CellValue.day(date, order: .dayFirst)
            if installed == nil {
                report.invalid.append(
                    .init(location: "\(path).install_date", reason: "\"\(InventoryText.quoted(date))\" is not a date"))
                return
            }
        }
        device.software.append(
            RawSoftware(
                publisher: publisher, name: name, version: version, installed: installed, origin: "glpi",
                systemComponent: hidden))
    }

    /// `2018-10-11 04:55:07` in the machine's zone (`+0200`), or with a zone of its own.
    static func instant(_ text: String, zone: String?) -> Instant? {
        var text = text
        let characters = Array(text)
        // The schema allows a zone with seconds (`+02:00:00`), which no zone has.
        if characters.count == 28, characters[19] == "+" || characters[19] == "-", characters[25] == ":" {
            text = String(characters.dropLast(3))
        }
        if let exact = Instant(text) { return exact }
        guard let local = CellValue.instant(text) else { return nil }
        guard let zone, zone.count == 5, let sign = zone.first, sign == "+" || sign == "-",
            let hours = Int(zone.dropFirst().prefix(2)), let minutes = Int(zone.suffix(2))
        else { return local }
        let offset = Int64((hours * 3600 + minutes * 60) * (sign == "+" ? 1 : -1))
        return Instant(secondsSinceEpoch: local.secondsSinceEpoch - offset)
    }
}
