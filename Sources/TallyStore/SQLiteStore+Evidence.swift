import GRDB
import TallyCore
import TallyFormats

/// The distinct raw titles the store holds, with what the catalog made of each, and new ones added as met.
struct TitleTable {
    struct Key: Hashable {
        var publisher: String
        var name: String
        var version: String
    }

    private var ids: [Key: Int64] = [:]
    private var insert: Statement
    /// Titles added: recognised as products, ignored, unrecognised.
    private(set) var added = (0, 0, 0)

    init(_ db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT id, publisher, name, version FROM software_title") {
            ids[Key(publisher: row[1], name: row[2], version: row[3])] = row[0]
        }
        insert = try db.makeStatement(
            sql: """
                INSERT INTO software_title (publisher, name, version, outcome, product, clean_version, rule)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
    }

    /// The title's id, adding it (read by the catalog) when it is new.
    mutating func id(of item: RawSoftware, catalog: some SoftwareCatalog, in db: Database) throws -> Int64 {
        let key = Key(publisher: item.publisher ?? "", name: item.name, version: item.version ?? "")
        if let id = ids[key] { return id }
        let outcome = TitleOutcome(catalog.recognise(publisher: item.publisher, name: item.name, version: item.version))
        switch outcome.kind {
        case "product": added.0 += 1
        case "ignored": added.1 += 1
        default: added.2 += 1
        }
        try insert.execute(
            arguments: [
                key.publisher, key.name, key.version, outcome.kind, outcome.product, outcome.version, outcome.rule,
            ])
        let id = db.lastInsertedRowID
        ids[key] = id
        return id
    }
}

/// What the catalog made of a title, as the store keeps it.
struct TitleOutcome: Equatable {
    var kind: String
    var product: String?
    var version: String?
    var rule: String?

    init(_ normalization: Normalization) {
        switch normalization {
        case .product(let id, let version):
            self.init(kind: "product", product: id.rawValue, version: version?.description, rule: nil)
        case .ignored(let rule):
            self.init(kind: "ignored", product: nil, version: nil, rule: rule.rawValue)
        case .unrecognized:
            self.init(kind: "unrecognized", product: nil, version: nil, rule: nil)
        }
    }

    init(kind: String, product: String?, version: String?, rule: String?) {
        self.kind = kind
        self.product = product
        self.version = version
        self.rule = rule
    }
}

extension SQLiteStore {
    /// Makes each device's sightings by `source` what it was seen with now: titles seen again get today as their
    /// last day, titles no longer seen are marked removed today (kept as history), new titles are added.
    /// Returns (added, seen again, removed).
    static func replaceSightings(
        _ sightings: [(device: Device.ID, titles: [Int64: Day?])], source: String, day: Day, batch: Int64,
        in db: Database
    ) throws -> (Int, Int, Int) {
        var stored: [String: [Int64: Int64]] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT device, title, id FROM raw_software WHERE source = ? AND removed IS NULL",
            arguments: [source])
        while let row = try rows.next() { stored[row[0], default: [:]][row[1]] = row[2] }
        let today = day.description
        let remove = try db.makeStatement(sql: "UPDATE raw_software SET removed = ?, batch = ? WHERE id = ?")
        let keep = try db.makeStatement(
            sql: "UPDATE raw_software SET last_seen = ?, batch = ? WHERE device = ? AND source = ? AND removed IS NULL")
        let insert = try BulkInsert(
            """
            INSERT INTO raw_software (device, source, title, installed, first_seen, last_seen, removed, batch)
            VALUES (?, ?, ?, ?, ?, ?, NULL, ?)
            """, in: db)
        var added = 0, seen = 0, removed = 0
        for (device, titles) in sightings {
            let before = stored[device.rawValue] ?? [:]
            for (title, row) in before where titles[title] == nil {
                try remove.execute(arguments: [today, batch, row])
                removed += 1
            }
            try keep.execute(arguments: [today, batch, device.rawValue, source])
            for (title, installed) in titles {
                if before[title] != nil {
                    seen += 1
                    continue
                }
                try insert.insert([
                    device.rawValue.databaseValue, source.databaseValue, title.databaseValue,
                    Column.day(installed), today.databaseValue, today.databaseValue, batch.databaseValue,
                ])
                added += 1
            }
        }
        return (added, seen, removed)
    }

    /// Adds to the store the products that the devices' recognised titles count for and that it lacks.
    static func addProducts(
        usedBy devices: [Device.ID], to estate: inout Estate, catalog: some SoftwareCatalog, in db: Database
    ) throws -> Int {
        try fillTouched(devices, in: db)
        let used = try String.fetchAll(
            db,
            sql: """
                SELECT DISTINCT t.product FROM raw_software r JOIN software_title t ON t.id = r.title
                WHERE r.removed IS NULL AND t.outcome = 'product' AND r.device IN (SELECT device FROM touched)
                """)
        let known = Set(estate.products.map(\.id.rawValue))
        var added = 0
        for id in used where !known.contains(id) {
            let product = catalog.product(Product.ID(id)) ?? Product(id: Product.ID(id))
            try EstateTables.products.insert(product, in: db, context: ImportContext(day: estate.asOf))
            estate.products.append(product)
            added += 1
        }
        return added
    }

    /// Derives the installations of `devices` afresh from every source's evidence: one per device, product and
    /// clean version (source `inventory:glpi+osquery`, the sources that saw it), installed on the earliest day any
    /// sighting says, seen last on the latest. They replace the devices' earlier derived installations, in the
    /// store and in `estate`.
    static func rederive(_ devices: [Device.ID], in estate: inout Estate, batch: Int64, in db: Database) throws -> Int {
        try fillTouched(devices, in: db)
        let touched = Set(devices)
        estate.installations.removeAll { touched.contains($0.device) && ($0.source?.hasPrefix("inventory:") ?? false) }
        try db.execute(
            sql: """
                DELETE FROM installation WHERE source LIKE 'inventory:%' AND device IN (SELECT device FROM touched)
                """)
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT r.device, t.product, t.clean_version, r.source, min(r.installed), max(r.last_seen),
                    min(r.first_seen)
                FROM raw_software r JOIN software_title t ON t.id = r.title
                WHERE r.removed IS NULL AND t.outcome = 'product' AND r.device IN (SELECT device FROM touched)
                GROUP BY r.device, t.product, t.clean_version, r.source
                ORDER BY r.device, t.product, t.clean_version, r.source
                """)
        let insert = try BulkInsert(
            """
            INSERT INTO installation (device, product, version, installed, last_used, last_seen, source, first_seen,
            batch) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?)
            """, in: db)
        var pending: (installation: Installation, firstSeen: String)?
        var count = 0
        func flush() throws {
            guard let (installation, firstSeen) = pending else { return }
            estate.installations.append(installation)
            try insert.insert([
                installation.device.rawValue.databaseValue, installation.product.rawValue.databaseValue,
                Column.text(installation.version?.description), Column.day(installation.installed),
                Column.day(installation.lastSeen), Column.text(installation.source), firstSeen.databaseValue,
                batch.databaseValue,
            ])
            count += 1
        }
        while let row = try rows.next() {
            let installation = Installation(
                device: Device.ID(row[0]), product: Product.ID(row[1]), version: (row[2] as String?).map(Version.init),
                installed: try Column.day(row, 4), lastSeen: try Column.day(row, 5), source: "inventory:" + row[3])
            let firstSeen: String = row[6]
            if var same = pending, same.installation.device == installation.device,
                same.installation.product == installation.product,
                same.installation.version?.description == installation.version?.description
            {
                same.installation.source = (same.installation.source ?? "") + "+" + (row[3] as String)
                same.installation.installed = [same.installation.installed, installation.installed].compactMap { $0 }
                    .min()
                same.installation.lastSeen = [same.installation.lastSeen, installation.lastSeen].compactMap { $0 }.max()
                same.firstSeen = min(same.firstSeen, firstSeen)
                pending = same
            } else {
                try flush()
                pending = (installation, firstSeen)
            }
        }
        try flush()
        return count
    }

    /// The devices an import or catalog run touches, in a temporary table for the queries above.
    private static func fillTouched(_ devices: [Device.ID], in db: Database) throws {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS touched (device TEXT PRIMARY KEY)")
        try db.execute(sql: "DELETE FROM touched")
        let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO touched (device) VALUES (?)")
        for device in devices { try insert.execute(arguments: [device.rawValue]) }
    }

    /// The estate an inventory change leaves must still be valid.
    static func check(_ estate: Estate) throws {
        do throws(EstateError) {
            try estate.validate()
        } catch {
            throw StoreError.invalidEstate(error)
        }
    }
}
