import GRDB
import TallyCore
import TallyFormats

extension SQLiteStore {
    public func importInventory(
        _ reported: [InventoryDevice], source: String, catalog: Normalizer, origin: ImportSource,
        dryRun: Bool
    ) throws(StoreError) -> InventorySummary {
        try importing(dryRun: dryRun) { (db: Database) throws -> InventorySummary in
            var summary = InventorySummary()
            let day = origin.at.day
            var estate = try Self.loadEstate(db, asOf: day)
            let batch = try Self.openBatch(origin, mode: "inventory:" + source, in: db)
            summary.batch = dryRun ? nil : batch

            let recognised = try Self.recognise(reported, in: &estate, day: day)
            summary.devicesAdded = recognised.added.count
            summary.devicesUpdated = recognised.updated.count
            summary.devicesUnchanged = recognised.software.count - recognised.added.count - recognised.updated.count
            var titles = try TitleTable(db)
            // Each device's titles, once each, with the earliest install day any row gives.
            var sightings: [(device: Device.ID, titles: [Int64: Day?])] = []
            for (device, software) in recognised.software {
                var seen: [Int64: Day?] = [:]
                for item in software {
                    let id = try titles.id(of: item, catalog: catalog, in: db)
                    seen[id] = [seen[id] ?? nil, item.installed].compactMap { $0 }.min()
                }
                sightings.append((device, seen))
            }
            (summary.titlesRecognized, summary.titlesIgnored, summary.titlesUnrecognized) = titles.added
            let sighted = try Self.replaceSightings(
                sightings, source: source, titles: titles, day: day, batch: batch, in: db)
            (summary.softwareAdded, summary.softwareSeen, summary.softwareRemoved) =
                (sighted.added, sighted.seen, sighted.removed)

            let devices = recognised.software.map(\.device)
            let evidence = try sighted.evidence + Self.storedEvidence(of: devices, excluding: source, in: db)
            summary.productsAdded = try Self.addProducts(
                Set(evidence.map(\.product)), to: &estate, catalog: catalog, in: db)
            summary.installations = try Self.rederive(devices, from: evidence, in: &estate, batch: batch, in: db)
            let context = ImportContext(day: day, estate: estate)
            for device in estate.devices where recognised.added.contains(device.id) {
                try EstateTables.devices.insert(device, in: db, context: context)
            }
            for device in estate.devices where recognised.updated.contains(device.id) {
                try EstateTables.devices.update(device, id: device.id.rawValue, in: db, context: context)
            }
            try Self.check(estate)
            try Self.closeBatch(
                batch,
                counts: ImportCounts(
                    inserted: summary.devicesAdded + summary.softwareAdded, updated: summary.devicesUpdated,
                    unchanged: summary.devicesUnchanged + summary.softwareSeen, removed: summary.softwareRemoved),
                in: db)
            try AuditTrail.append(
                AuditTrail.Change(
                    entity: "import", id: String(batch), action: "inventory:" + source, before: nil,
                    after: "{\"source\": \"\(Self.escaped(origin.name))\", \"digest\": \"\(origin.digest)\", "
                        + "\"devicesAdded\": \(summary.devicesAdded), \"devicesUpdated\": \(summary.devicesUpdated), "
                        + "\"softwareAdded\": \(summary.softwareAdded), \"softwareSeen\": \(summary.softwareSeen), "
                        + "\"softwareRemoved\": \(summary.softwareRemoved), "
                        + "\"installations\": \(summary.installations)}"),
                actor: origin.actor, at: origin.at, in: db)
            return summary
        }
    }

    public func fetchSightings(device: Device.ID) throws(StoreError) -> [SoftwareSighting] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT r.source, t.publisher, t.name, t.version, t.outcome, t.product, t.clean_version, t.rule,
                        r.installed, r.first_seen, r.last_seen, r.removed
                    FROM raw_software r JOIN software_title t ON t.id = r.title WHERE r.device = ?
                    ORDER BY r.removed IS NOT NULL, r.removed DESC, t.name, t.version, r.source
                    """, arguments: [device.rawValue]
            ).map { row in
                let publisher: String = row[1], version: String = row[3]
                return SoftwareSighting(
                    source: row[0], publisher: publisher.isEmpty ? nil : publisher, name: row[2],
                    version: version.isEmpty ? nil : version, outcome: row[4],
                    product: (row[5] as String?).map { Product.ID($0) },
                    cleanVersion: row[6], rule: row[7], installed: try Column.day(row, 8),
                    firstSeen: try Column.day(row, 9) ?? Day(daysSinceEpoch: 0),
                    lastSeen: try Column.day(row, 10) ?? Day(daysSinceEpoch: 0), removed: try Column.day(row, 11))
            }
        }
    }

    /// The devices of a report matched to the estate's (added where new, their details updated), with the software
    /// each was seen with.
    static func recognise(
        _ reported: [InventoryDevice], in estate: inout Estate, day: Day
    ) throws -> (
        software: [(device: Device.ID, software: [RawSoftware])], added: Set<Device.ID>, updated: Set<Device.ID>
    ) {
        var matcher = DeviceMatcher(devices: estate.devices)
        var index = [Device.ID: Int](uniqueKeysWithValues: estate.devices.enumerated().map { ($1.id, $0) })
        var people: [String: Person.ID] = [:]
        for person in estate.people where person.active {
            people[person.id.rawValue.lowercased()] = people[person.id.rawValue.lowercased()] ?? person.id
            if let login = person.login?.lowercased() { people[login] = person.id }
        }
        var software: [(device: Device.ID, software: [RawSoftware])] = []
        var order: [Device.ID: Int] = [:]
        var added = Set<Device.ID>(), updated = Set<Device.ID>()
        var original: [Device.ID: Device] = [:]
        for (position, device) in reported.enumerated() {
            guard device.name?.isEmpty == false || DeviceMatcher.meaningfulSerial(device.serial) != nil else {
                throw StoreError.refused(
                    "device \(position + 1) of the file has neither a name nor a serial number; "
                        + "name it with --device")
            }
            let id: Device.ID
            if let known = matcher.match(serial: device.serial, name: device.name) {
                id = known
            } else {
                id = matcher.newID(name: device.name, serial: device.serial)
                estate.devices.append(Device(id: id, hostname: device.name, lastSeen: nil))
                index[id] = estate.devices.count - 1
                added.insert(id)
            }
            let at = index[id] ?? 0
            let before = estate.devices[at]
            if !added.contains(id), original[id] == nil { original[id] = before }
            var after = before
            after.hostname = device.name ?? before.hostname
            after.serial = device.serial ?? before.serial
            after.os = device.os ?? before.os
            after.kind = device.kind ?? before.kind
            if after.kind == .physical { after.host = nil }
            after.processors = device.processors ?? before.processors
            after.coresPerProcessor = device.coresPerProcessor ?? before.coresPerProcessor
            after.vcpus = device.vcpus ?? before.vcpus
            after.processorModel = device.processorModel ?? before.processorModel
            if let user = device.lastUser.map(Self.login), let person = people[user] { after.user = person }
            let seen = device.seenAt?.day ?? day
            after.lastSeen = max(before.lastSeen ?? seen, seen)
            estate.devices[at] = after
            matcher.remember(after)
            if let slot = order[id] {
                software[slot].software += device.software
            } else {
                order[id] = software.count
                software.append((id, device.software))
            }
        }
        // Hosts once every device of the report is known: a VM may come before its host.
        for device in reported where device.kind == .virtual {
            guard let host = device.host, let hostID = matcher.match(serial: nil, name: host),
                let vm = matcher.match(serial: device.serial, name: device.name), hostID != vm,
                let hostAt = index[hostID], estate.devices[hostAt].kind == .physical, let at = index[vm]
            else { continue }
            estate.devices[at].host = hostID
        }
        for (device, before) in original where index[device].map({ estate.devices[$0] }) != before {
            updated.insert(device)
        }
        return (software, added, updated)
    }

    /// `DOMAIN\\login` or `login@domain` as the login.
    private static func login(_ user: String) -> String {
        var name = Substring(user)
        if let slash = name.lastIndex(of: "\\") { name = name[name.index(after: slash)...] }
        if let at = name.firstIndex(of: "@") { name = name[..<at] }
        return name.lowercased()
    }
}
