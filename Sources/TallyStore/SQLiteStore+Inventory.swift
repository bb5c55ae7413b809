import GRDB
import TallyCore
import TallyFormats

extension SQLiteStore {
    public func importInventory(
        _ reported: [InventoryDevice], source: String, catalog: some SoftwareCatalog, origin: ImportSource,
        dryRun: Bool
    ) throws(StoreError) -> InventorySummary {
        try importing(dryRun: dryRun) { (db: Database) throws -> InventorySummary in
            var summary = InventorySummary()
            let day = origin.at.day
            var estate = try Self.loadEstate(db, asOf: day)
            try db.execute(
                sql: """
                    INSERT INTO import_batch (source, digest, at, actor, mode, inserted, updated, unchanged, removed)
                    VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0)
                    """,
                arguments: [origin.name, origin.digest, origin.at.description, origin.actor, "inventory:" + source])
            let batch = db.lastInsertedRowID
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
            try db.execute(
                sql: "UPDATE import_batch SET inserted = ?, updated = ?, unchanged = ?, removed = ? WHERE id = ?",
                arguments: [
                    summary.devicesAdded + summary.softwareAdded, summary.devicesUpdated,
                    summary.devicesUnchanged + summary.softwareSeen, summary.softwareRemoved, batch,
                ])
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
