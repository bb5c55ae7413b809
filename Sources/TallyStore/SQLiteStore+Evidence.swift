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
    /// For titles recognised as products: the product and clean version.
    private(set) var products: [Int64: (product: String, version: String?)] = [:]
    private var insert: Statement
    /// Titles added: recognised as products, ignored, unrecognised.
    private(set) var added = (0, 0, 0)

    init(_ db: Database) throws {
        for row in try Row.fetchAll(
            db, sql: "SELECT id, publisher, name, version, outcome, product, clean_version FROM software_title")
        {
            ids[Key(publisher: row[1], name: row[2], version: row[3])] = row[0]
            if let product: String = row[5], row[4] == "product" { products[row[0]] = (product, row[6]) }
        }
        insert = try db.makeStatement(
            sql: """
                INSERT INTO software_title (publisher, name, version, outcome, product, clean_version, rule)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
    }

    /// The title's id, adding it (read by the catalog) when it is new.
    mutating func id(of item: RawSoftware, catalog: Normalizer, in db: Database) throws -> Int64 {
        let key = Key(publisher: item.publisher ?? "", name: item.name, version: item.version ?? "")
        if let id = ids[key] { return id }
        let outcome = TitleOutcome(catalog.evaluate(publisher: item.publisher, name: item.name, version: item.version))
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
        if outcome.kind == "product", let product = outcome.product { products[id] = (product, outcome.version) }
        return id
    }
}

/// One source's sighting of a recognised product on a device, dates as stored (`YYYY-MM-DD`).
struct Evidence: Comparable {
    var device: String
    var product: String
    var version: String?
    var source: String
    var installed: Day?
    var lastSeen: String
    var firstSeen: String
    /// The day the source no longer saw it; nil while it does.
    var removed: Day? = nil

    /// The same device, product and clean version: one installation.
    func sameInstallation(as other: Evidence) -> Bool {
        device == other.device && product == other.product && version == other.version
    }

    static func < (a: Evidence, b: Evidence) -> Bool {
        (a.device, a.product, a.version ?? "", a.source) < (b.device, b.product, b.version ?? "", b.source)
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
    /// Returns the counts (added, seen again, removed) and the evidence of products the devices now hold.
    static func replaceSightings(
        _ sightings: [(device: Device.ID, titles: [Int64: Day?])], source: String, titles table: TitleTable, day: Day,
        batch: Int64, in db: Database
    ) throws -> (added: Int, seen: Int, removed: Int, evidence: [Evidence]) {
        var stored: [String: [Int64: (id: Int64, installed: Day?, firstSeen: String)]] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql:
                "SELECT device, title, id, installed, first_seen FROM raw_software WHERE source = ? AND removed IS NULL",
            arguments: [source])
        while let row = try rows.next() {
            stored[row[0], default: [:]][row[1]] = (row[2], try Column.day(row, 3), row[4])
        }
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
        var evidence: [Evidence] = []
        for (device, titles) in sightings {
            let before = stored[device.rawValue] ?? [:]
            for (title, row) in before where titles[title] == nil {
                try remove.execute(arguments: [today, batch, row.id])
                removed += 1
            }
            if !before.isEmpty { try keep.execute(arguments: [today, batch, device.rawValue, source]) }
            for (title, installed) in titles {
                var firstSeen = today
                var since = installed
                if let earlier = before[title] {
                    seen += 1
                    firstSeen = earlier.firstSeen
                    since = earlier.installed ?? installed
                } else {
                    try insert.insert([
                        device.rawValue.databaseValue, source.databaseValue, title.databaseValue,
                        Column.day(installed), today.databaseValue, today.databaseValue, batch.databaseValue,
                    ])
                    added += 1
                }
                if let product = table.products[title] {
                    evidence.append(
                        Evidence(
                            device: device.rawValue, product: product.product, version: product.version,
                            source: source, installed: since, lastSeen: today, firstSeen: firstSeen))
                }
            }
        }
        return (added, seen, removed, evidence)
    }

    /// The stored evidence of products on `devices`: what every source but `excluded` sees now, and what any
    /// source saw there before it was removed.
    static func storedEvidence(
        of devices: [Device.ID], excluding excluded: String?, in db: Database
    ) throws
        -> [Evidence]
    {
        try fillTouched(devices, in: db)
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT r.device, t.product, t.clean_version, r.source, r.installed, r.last_seen, r.first_seen,
                    r.removed
                FROM raw_software r JOIN software_title t ON t.id = r.title
                WHERE r.device IN (SELECT device FROM touched) AND t.outcome = 'product'
                    AND (r.removed IS NOT NULL OR r.source IS NOT ?)
                """, arguments: [excluded])
        var evidence: [Evidence] = []
        while let row = try rows.next() {
            evidence.append(
                Evidence(
                    device: row[0], product: row[1], version: row[2], source: row[3], installed: try Column.day(row, 4),
                    lastSeen: row[5], firstSeen: row[6], removed: try Column.day(row, 7)))
        }
        return evidence
    }

    /// Adds to the store the products that evidence names and that it lacks.
    static func addProducts(
        _ used: Set<String>, to estate: inout Estate, catalog: Normalizer, in db: Database
    ) throws -> Int {
        let known = Set(estate.products.map(\.id.rawValue))
        var added = 0
        for id in used.sorted() where !known.contains(id) {
            let product = catalog.product(Product.ID(id)) ?? Product(id: Product.ID(id))
            try EstateTables.products.insert(product, in: db, context: ImportContext(day: estate.asOf))
            estate.products.append(product)
            added += 1
        }
        return added
    }

    /// Derives the installations of `devices` afresh from their evidence: one per device, product and clean version
    /// (source `inventory:glpi+osquery`, the sources that saw it), installed on the earliest day any sighting says
    /// (where none says, the day it was first seen: the store did not hold it before), seen last on the latest, and
    /// removed on the latest day a sighting was removed where every sighting of it was. They replace the devices'
    /// earlier derived installations, in the store and in `estate`.
    static func rederive(
        _ devices: [Device.ID], from evidence: [Evidence], in estate: inout Estate, batch: Int64, in db: Database
    ) throws -> Int {
        try fillTouched(devices, in: db)
        let touched = Set(devices)
        estate.installations.removeAll { touched.contains($0.device) && ($0.source?.hasPrefix("inventory:") ?? false) }
        try db.execute(
            sql: """
                DELETE FROM installation WHERE source LIKE 'inventory:%' AND device IN (SELECT device FROM touched)
                """)
        let insert = try BulkInsert(
            """
            INSERT INTO installation (device, product, version, installed, last_used, last_seen, source, first_seen,
            batch, removed) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)
            """, in: db)
        let ordered = evidence.sorted()
        var count = 0
        var start = 0
        while start < ordered.count {
            var end = start + 1
            while end < ordered.count, ordered[end].sameInstallation(as: ordered[start]) { end += 1 }
            let group = ordered[start..<end]
            var sources: [String] = []
            for item in group where sources.last != item.source { sources.append(item.source) }
            let first = ordered[start]
            let firstSeen = group.map(\.firstSeen).min() ?? ""
            let removed = group.contains { $0.removed == nil } ? nil : group.compactMap(\.removed).max()
            // An install day a clock put after the removal is not believed beyond it.
            let installed = [group.compactMap(\.installed).min() ?? Day(firstSeen), removed].compactMap { $0 }.min()
            let installation = Installation(
                device: Device.ID(first.device), product: Product.ID(first.product),
                version: first.version.map(Version.init), installed: installed, removed: removed,
                lastSeen: Day(group.map(\.lastSeen).max() ?? ""), source: "inventory:" + sources.joined(separator: "+"))
            estate.installations.append(installation)
            try insert.insert([
                first.device.databaseValue, first.product.databaseValue, Column.text(first.version),
                Column.day(installation.installed), Column.day(installation.lastSeen), Column.text(installation.source),
                firstSeen.databaseValue, batch.databaseValue, Column.day(installation.removed),
            ])
            count += 1
            start = end
        }
        return count
    }

    /// The devices an import or catalog run touches, in a temporary table for the queries above.
    private static func fillTouched(_ devices: [Device.ID], in db: Database) throws {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS touched (device TEXT PRIMARY KEY)")
        try db.execute(sql: "DELETE FROM touched")
        let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO touched (device) VALUES (?)")
        for device in devices { try insert.execute(arguments: [device.rawValue]) }
    }

    /// The estate an inventory change leaves must still be valid; a problem is told by the record's name.
    static func check(_ estate: Estate) throws {
        do throws(EstateError) {
            try estate.validate()
        } catch {
            throw StoreError.refused(estate.describe(error))
        }
    }
}
