import TallyCore
import TallyStore

extension SQLTransaction {
    func featureMap() throws -> [String: Product.ID] {
        var map: [String: Product.ID] = [:]
        for row in try SQLRow.fetchAll(db, sql: "SELECT feature, product FROM feature_map") {
            map[row[0]] = Product.ID(row[1] as String)
        }
        return map
    }

    func serverPools() throws -> [ServerPool] {
        try PoolRow.fetchAll(db, sql: "SELECT \(PoolRow.columns) FROM license_pool ORDER BY server, position").map(
            \.pool)
    }

    func lastSamples() throws -> [String: Instant] {
        var latest: [String: Instant] = [:]
        for row in try SQLRow.fetchAll(db, sql: "SELECT server, max(at) FROM license_server_sample GROUP BY server") {
            latest[row[0]] = Instant(secondsSinceEpoch: row[1])
        }
        return latest
    }

    func setFeatureMapping(_ feature: String, to product: Product.ID) throws {
        try db.execute(
            sql: "INSERT INTO feature_map (feature, product) VALUES (?, ?) "
                + "ON CONFLICT (feature) DO UPDATE SET product = excluded.product",
            arguments: [feature, product.rawValue])
    }

    func moveFeature(_ feature: String, to product: Product.ID) throws -> Int {
        var moved = 0
        for table in ["usage_session", "denial", "license_pool"] {
            moved += try db.execute(
                sql: "UPDATE \(table) SET product = ? WHERE feature = ? AND product <> ?",
                arguments: [product.rawValue, feature, product.rawValue])
        }
        return moved
    }

    func deleteProductIfUnreferenced(_ id: Product.ID) throws -> Bool {
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
            arguments: [id.rawValue]) > 0
    }

    func recordSample(server: String, at: Instant, batch: Int64, pools: [ServerPool]) throws {
        try db.execute(
            sql: "INSERT INTO license_server_sample (server, at, batch, checkouts, pools) VALUES (?, ?, ?, ?, ?)",
            arguments: [server, at.secondsSinceEpoch, batch, pools.reduce(0) { $0 + ($1.inUse ?? 0) }, pools.count])
        guard !pools.isEmpty else { return }
        try db.execute(sql: "DELETE FROM license_pool WHERE server = ?", arguments: [server])
        let insert = try db.prepare(
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
}
