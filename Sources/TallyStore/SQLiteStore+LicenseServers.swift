import GRDB
import TallyCore

extension SQLiteStore {
    public func importLicenseServer(
        featureMap: [String: Product.ID], source: ImportSource, dryRun: Bool, progress: ImportProgress?,
        evidence: (LicenseServerContext) -> LicenseServerEvidence
    ) throws(StoreError) -> ImportSummary {
        try importing(dryRun: dryRun) { (db: Database) throws -> ImportSummary in
            for (feature, product) in featureMap.sorted(by: { $0.key < $1.key }) {
                if let change = try Self.map(feature, to: product, in: db) {
                    try AuditTrail.append(change, actor: source.actor, at: source.at, in: db)
                }
            }
            let current = try Self.loadEstate(db, asOf: source.at.day)
            let built = evidence(
                LicenseServerContext(
                    estate: current, featureMap: try Self.featureMap(db), lastSample: try Self.lastSamples(db)))
            if let sample = built.sample { try Self.checkOrder(server: sample.server, at: sample.at, in: db) }
            let summary = try importEstate(
                built.records, mode: .merge, current: current, source: source, dryRun: dryRun, progress: progress,
                in: db)
            if let sample = built.sample, let batch = summary.batch {
                try Self.replacePools(of: sample.server, with: sample.pools, at: sample.at, batch: batch, in: db)
            }
            return summary
        }
    }

    public func mapFeature(_ feature: String, to product: Product.ID, actor: String, at: Instant) throws(StoreError) {
        try write { db in
            guard let change = try Self.map(feature, to: product, in: db) else {
                throw StoreError.refused("\(feature) already counts for \"\(product)\"; nothing to change")
            }
            try AuditTrail.append(change, actor: actor, at: at, in: db)
        }
    }

    public func fetchFeatureMap() throws(StoreError) -> [String: Product.ID] {
        try read { db in try Self.featureMap(db) }
    }

    public func fetchServerPools() throws(StoreError) -> [ServerPool] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT server, vendor, feature, product, version, issued, in_use, reserved, expires, sampled_at
                    FROM license_pool ORDER BY server, position
                    """
            ).map { row in
                ServerPool(
                    server: row[0], vendor: row[1], feature: row[2], product: Product.ID(row[3]), version: row[4],
                    issued: row[5], inUse: row[6], reserved: row[7], expires: try Column.day(row, 8),
                    sampledAt: Column.instant(row, 9) ?? Instant(secondsSinceEpoch: 0))
            }
        }
    }

    static func featureMap(_ db: Database) throws -> [String: Product.ID] {
        var map: [String: Product.ID] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT feature, product FROM feature_map") {
            map[row[0]] = Product.ID(row[1])
        }
        return map
    }

    /// Maps a feature to a product and moves what is stored under the feature; nil when it was mapped so already.
    static func map(_ feature: String, to product: Product.ID, in db: Database) throws -> AuditTrail.Change? {
        guard try Int.fetchOne(db, sql: "SELECT 1 FROM product WHERE id = ?", arguments: [product.rawValue]) != nil
        else {
            throw StoreError.refused(
                "\(feature) cannot count for \"\(product)\": there is no such product; "
                    + "add it with `tally product add` (or import it) first")
        }
        let before = try String.fetchOne(
            db, sql: "SELECT product FROM feature_map WHERE feature = ?", arguments: [feature])
        guard before != product.rawValue else { return nil }
        try db.execute(
            sql: "INSERT OR REPLACE INTO feature_map (feature, product) VALUES (?, ?)",
            arguments: [feature, product.rawValue])
        var moved = 0
        for table in ["usage_session", "denial", "license_pool"] {
            try db.execute(
                sql: "UPDATE \(table) SET product = ? WHERE feature = ? AND product <> ?",
                arguments: [product.rawValue, feature, product.rawValue])
            moved += db.changesCount
        }
        // The feature's own product goes once nothing refers to it (entitlements bought for it keep it).
        if feature != product.rawValue {
            try db.execute(
                sql: """
                    DELETE FROM product WHERE id = ?1 AND suite IS NULL
                    AND NOT EXISTS (SELECT 1 FROM product WHERE suite = ?1)
                    AND NOT EXISTS (SELECT 1 FROM entitlement WHERE product = ?1)
                    AND NOT EXISTS (SELECT 1 FROM entitlement_covers WHERE product = ?1)
                    AND NOT EXISTS (SELECT 1 FROM assignment WHERE product = ?1)
                    AND NOT EXISTS (SELECT 1 FROM feature_map WHERE product = ?1)
                    AND NOT EXISTS (SELECT 1 FROM license_pool WHERE product = ?1)
                    AND NOT EXISTS (SELECT 1 FROM installation WHERE product = ?1)
                    AND NOT EXISTS (SELECT 1 FROM usage_session WHERE product = ?1)
                    AND NOT EXISTS (SELECT 1 FROM denial WHERE product = ?1)
                    """,
                arguments: [feature])
        }
        func json(_ product: String?) -> String? { product.map { "{\"product\": \"\(Self.escaped($0))\"}" } }
        return AuditTrail.Change(
            entity: "feature", id: feature, action: "map", before: json(before),
            after: "{\"product\": \"\(Self.escaped(product.rawValue))\", \"moved\": \(moved)}")
    }

    /// Refuses a sample older than one already kept for the server: its ended sessions would be wrong.
    static func checkOrder(server: String, at: Instant, in db: Database) throws {
        guard
            let latest = try Int64.fetchOne(
                db, sql: "SELECT max(at) FROM license_server_sample WHERE server = ?", arguments: [server]),
            latest > at.secondsSinceEpoch
        else { return }
        throw StoreError.refused(
            "\(server) was sampled at \(Instant(secondsSinceEpoch: latest)) already, after this report's "
                + "\(at); import a server's reports oldest first (give a report's time with --at)")
    }

    /// When each server was last sampled.
    static func lastSamples(_ db: Database) throws -> [String: Instant] {
        var latest: [String: Instant] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT server, max(at) FROM license_server_sample GROUP BY server") {
            latest[row[0]] = Instant(secondsSinceEpoch: row[1])
        }
        return latest
    }

    /// Keeps a sample and, where it shows any, makes its pools the server's.
    static func replacePools(
        of server: String, with pools: [ServerPool], at: Instant, batch: Int64, in db: Database
    )
        throws
    {
        try db.execute(
            sql: "INSERT INTO license_server_sample (server, at, batch, checkouts, pools) VALUES (?, ?, ?, ?, ?)",
            arguments: [server, at.secondsSinceEpoch, batch, pools.reduce(0) { $0 + ($1.inUse ?? 0) }, pools.count])
        guard !pools.isEmpty else { return }
        try db.execute(sql: "DELETE FROM license_pool WHERE server = ?", arguments: [server])
        let insert = try db.makeStatement(
            sql: """
                INSERT INTO license_pool (server, position, vendor, feature, product, version, issued, in_use,
                reserved, expires, sampled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for (position, pool) in pools.enumerated() {
            try insert.execute(arguments: [
                server, position, pool.vendor, pool.feature, pool.product.rawValue, pool.version, pool.issued,
                pool.inUse, pool.reserved, pool.expires?.description, at.secondsSinceEpoch,
            ])
        }
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
