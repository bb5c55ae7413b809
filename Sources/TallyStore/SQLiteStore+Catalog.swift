import GRDB
import TallyCore

extension SQLiteStore {
    public func applyCatalog(
        _ catalog: Normalizer, actor: String, at: Instant
    ) throws(StoreError)
        -> CatalogSummary
    {
        try importing(dryRun: false) { db in try Self.applyCatalog(catalog, actor: actor, at: at, in: db) }
    }

    static func applyCatalog(
        _ catalog: Normalizer, actor: String, at: Instant, in db: Database
    ) throws
        -> CatalogSummary
    {
        var summary = CatalogSummary()
        var estate = try Self.loadEstate(db, asOf: at.day)
        let update = try db.makeStatement(
            sql: "UPDATE software_title SET outcome = ?, product = ?, clean_version = ?, rule = ? WHERE id = ?")
        for row in try Row.fetchAll(
            db, sql: "SELECT id, publisher, name, version, outcome, product, clean_version, rule FROM software_title")
        {
            summary.titles += 1
            let publisher: String = row[1], version: String = row[3]
            let now = TitleOutcome(
                catalog.evaluate(
                    publisher: publisher.isEmpty ? nil : publisher, name: row[2],
                    version: version.isEmpty ? nil : version))
            guard now != TitleOutcome(kind: row[4], product: row[5], version: row[6], rule: row[7]) else { continue }
            summary.changed += 1
            try update.execute(arguments: [now.kind, now.product, now.version, now.rule, row[0]])
        }
        summary.installationsBefore =
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM installation WHERE source LIKE 'inventory:%'") ?? 0
        let batch = try Self.openBatch(
            ImportSource(name: "catalog", digest: "", actor: actor, at: at), mode: "catalog", in: db)
        try Self.closeBatch(
            batch, counts: ImportCounts(updated: summary.changed, unchanged: summary.titles - summary.changed), in: db)
        let devices = try String.fetchAll(db, sql: "SELECT DISTINCT device FROM raw_software").map { Device.ID($0) }
        let evidence = try Self.storedEvidence(of: devices, excluding: nil, in: db)
        summary.productsAdded = try Self.addProducts(
            Set(evidence.map(\.product)), to: &estate, catalog: catalog, in: db)
        summary.installationsAfter = try Self.rederive(devices, from: evidence, in: &estate, batch: batch, in: db)
        try Self.check(estate)
        try AuditTrail.append(
            AuditTrail.Change(
                entity: "catalog", id: String(batch), action: "apply", before: nil,
                after: "{\"titles\": \(summary.titles), \"changed\": \(summary.changed), "
                    + "\"productsAdded\": \(summary.productsAdded), "
                    + "\"installationsBefore\": \(summary.installationsBefore), "
                    + "\"installationsAfter\": \(summary.installationsAfter)}"),
            actor: actor, at: at, in: db)
        return summary
    }

    public func fetchUnrecognized(limit: Int) throws(StoreError) -> [UnrecognizedTitle] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT t.publisher, t.name, count(DISTINCT t.version), count(DISTINCT r.device) AS devices
                    FROM raw_software r JOIN software_title t ON t.id = r.title
                    WHERE r.removed IS NULL AND t.outcome = 'unrecognized'
                    GROUP BY t.publisher, t.name ORDER BY devices DESC, t.name, t.publisher LIMIT ?
                    """, arguments: [limit]
            ).map { row in
                let publisher: String = row[0]
                return UnrecognizedTitle(
                    publisher: publisher.isEmpty ? nil : publisher, name: row[1], versions: row[2], devices: row[3])
            }
        }
    }

    public func fetchOwnCatalog() throws(StoreError) -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'catalog'") }
    }

    public func saveOwnCatalog(_ document: String, change: String, actor: String, at: Instant) throws(StoreError) {
        try write { db in
            let before = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'catalog'")
            try db.execute(
                sql: "INSERT OR REPLACE INTO setting (key, value) VALUES ('catalog', ?)", arguments: [document])
            try AuditTrail.append(
                AuditTrail.Change(entity: "catalog", id: change, action: "edit", before: before, after: document),
                actor: actor, at: at, in: db)
        }
    }
}
