import TallyCore
import TallyFormats
import TallyStore

extension SQLTransaction {
    func titles() throws -> [StoredTitle] {
        try TitleRow.fetchAll(db, sql: "SELECT \(TitleRow.columns) FROM software_title ORDER BY id").map(\.title)
    }

    func currentSightings(source: String) throws -> [Device.ID: [Int64: CurrentSighting]] {
        var stored: [Device.ID: [Int64: CurrentSighting]] = [:]
        try db.forEachRow(
            sql:
                "SELECT device, title, id, installed, first_seen FROM raw_software WHERE source = ? AND removed IS NULL",
            arguments: [source]
        ) { row in
            stored[Device.ID(row[0] as String), default: [:]][row[1]] = CurrentSighting(
                id: row[2], installed: try Column.day(row, 3), firstSeen: try Column.day(row, 4) ?? Self.epoch)
        }
        return stored
    }

    func evidence(on devices: [Device.ID], excluding excluded: String?) throws -> [Evidence] {
        try EvidenceRow.fetchAll(
            db,
            sql: """
                SELECT \(EvidenceRow.columns)
                FROM raw_software r JOIN software_title t ON t.id = r.title
                WHERE r.device IN (\(db.dialect.jsonTexts)) AND t.outcome = 'product'
                    AND (r.removed IS NOT NULL OR r.source IS DISTINCT FROM ?)
                """, arguments: [Self.jsonList(devices.map(\.rawValue)), excluded]
        ).map(\.evidence)
    }

    func devicesWithEvidence() throws -> [Device.ID] {
        try String.fetchAll(db, sql: "SELECT DISTINCT device FROM raw_software").map { Device.ID($0) }
    }

    func sightings(on device: Device.ID) throws -> [SoftwareSighting] {
        try SightingRow.fetchAll(
            db,
            sql: """
                SELECT \(SightingRow.columns)
                FROM raw_software r JOIN software_title t ON t.id = r.title WHERE r.device = ?
                ORDER BY r.removed IS NOT NULL, r.removed DESC, t.name, t.version, r.source
                """, arguments: [device.rawValue]
        ).map(\.sighting)
    }

    func unrecognized(limit: Int) throws -> [UnrecognizedTitle] {
        try SQLRow.fetchAll(
            db,
            sql: """
                SELECT t.publisher, t.name, count(DISTINCT t.version),
                    count(DISTINCT CASE WHEN t.version <> '' AND substr(t.version, 1, 1) NOT BETWEEN '0' AND '9'
                        THEN t.version END),
                    count(DISTINCT r.device) AS devices
                FROM raw_software r JOIN software_title t ON t.id = r.title
                WHERE r.removed IS NULL AND t.outcome = 'unrecognized'
                GROUP BY t.publisher, t.name ORDER BY devices DESC, t.name, t.publisher LIMIT ?
                """, arguments: [limit]
        ).map { row in
            let publisher: String = row[0]
            return UnrecognizedTitle(
                publisher: publisher.isEmpty ? nil : publisher, name: row[1], versions: row[2],
                unnumberedVersions: row[3], devices: row[4])
        }
    }

    func ownCatalog() throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'catalog'")
    }

    func insertTitle(_ title: TitleKey, outcome: TitleOutcome) throws -> Int64 {
        try Self.insertedID(
            db,
            sql: """
                INSERT INTO software_title (publisher, name, version, outcome, product, clean_version, rule)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                title.publisher, title.name, title.version, outcome.kind, outcome.product, outcome.version,
                outcome.rule,
            ])
    }

    func updateTitle(_ id: Int64, outcome: TitleOutcome) throws {
        try db.execute(
            sql: "UPDATE software_title SET outcome = ?, product = ?, clean_version = ?, rule = ? WHERE id = ?",
            arguments: [outcome.kind, outcome.product, outcome.version, outcome.rule, id])
    }

    func removeSightings(_ ids: [Int64], on day: Day, batch: Int64) throws {
        let remove = try db.prepare(sql: "UPDATE raw_software SET removed = ?, batch = ? WHERE id = ?")
        for id in ids { try remove.execute(arguments: [day.description, batch, id]) }
    }

    func touchSightings(device: Device.ID, source: String, on day: Day, batch: Int64) throws {
        try db.execute(
            sql: "UPDATE raw_software SET last_seen = ?, batch = ? WHERE device = ? AND source = ? AND removed IS NULL",
            arguments: [day.description, batch, device.rawValue, source])
    }

    func insertSightings(_ sightings: [NewSighting], batch: Int64) throws {
        let columns = ["device", "source", "title", "installed", "first_seen", "last_seen", "removed", "batch"]
        try db.bulkInsert(into: "raw_software", columns: columns) { add in
            for item in sightings {
                try add([
                    item.device.rawValue.sqlValue, item.source.sqlValue, item.title.sqlValue,
                    Column.day(item.installed), item.day.description.sqlValue, item.day.description.sqlValue, .null,
                    batch.sqlValue,
                ])
            }
        }
    }

    func replaceDerivedInstallations(
        of devices: [Device.ID], with installations: [DerivedInstallation], batch: Int64
    ) throws {
        try db.execute(
            sql: """
                DELETE FROM installation WHERE source LIKE 'inventory:%' AND device IN (\(db.dialect.jsonTexts))
                """, arguments: [Self.jsonList(devices.map(\.rawValue))])
        let columns = [
            "device", "product", "version", "installed", "last_used", "last_seen", "source", "first_seen", "batch",
            "removed",
        ]
        try db.bulkInsert(into: "installation", columns: columns) { add in
            for item in installations {
                let installation = item.installation
                try add([
                    installation.device.rawValue.sqlValue, installation.product.rawValue.sqlValue,
                    Column.text(installation.version?.text), Column.day(installation.installed), .null,
                    Column.day(installation.lastSeen), Column.text(installation.source),
                    item.firstSeen.description.sqlValue, batch.sqlValue, Column.day(installation.removed),
                ])
            }
        }
    }

    func saveOwnCatalog(_ document: String) throws {
        try db.execute(
            sql:
                "INSERT INTO setting (key, value) VALUES ('catalog', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            arguments: [document])
    }

    static let epoch = Day(daysSinceEpoch: 0)
}
