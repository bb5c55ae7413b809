import GRDB
import TallyCore

extension SQLiteStore {
    public func importLicenseServer(
        featureMap: [String: Product.ID], source: ImportSource, log: LogOrigin?, dryRun: Bool,
        progress: ImportProgress?, evidence: (LicenseServerContext) -> LicenseServerEvidence
    ) throws(StoreError) -> ImportSummary {
        try importing(dryRun: dryRun) { (db: Database) throws -> ImportSummary in
            for (feature, product) in featureMap.sorted(by: { $0.key < $1.key }) {
                if let change = try Self.map(feature, to: product, in: db) {
                    try AuditTrail.append(change, actor: source.actor, at: source.at, in: db)
                }
            }
            if let log, !log.again { try Self.checkNotImported(source.digest, as: log, in: db) }
            let current = try Self.loadEstate(db, asOf: source.at.day)
            let built = evidence(
                LicenseServerContext(
                    estate: current, featureMap: try Self.featureMap(db), lastSample: try Self.lastSamples(db)))
            if let sample = built.sample {
                try Self.checkOrder(server: sample.server, at: sample.at, importedAt: source.at, in: db)
            }
            if let log, !log.again {
                try Self.checkNotShifted(built.records.usage, of: log, against: current.usage, in: db)
            }
            let summary = try importEstate(
                built.records, mode: .merge, current: current, source: source, dryRun: dryRun, progress: progress,
                in: db)
            if let log, let batch = summary.batch {
                try db.execute(
                    sql: "UPDATE import_batch SET origin = ? WHERE id = ?", arguments: [log.recorded, batch])
            }
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

    /// Refuses a file imported already under another server name or time zone: its sessions would count twice.
    static func checkNotImported(_ digest: String, as log: LogOrigin, in db: Database) throws {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT id, source, origin, at FROM import_batch
                    WHERE digest = ? AND origin IS NOT NULL AND origin <> ? ORDER BY id LIMIT 1
                    """, arguments: [digest, log.recorded])
        else { return }
        let batch: Int64 = row[0], file: String = row[1], origin: String = row[2], at: String = row[3]
        throw StoreError.refused(
            "this file was imported already as batch \(batch) (\(file), as \(origin), \(at)); importing it as "
                + "\(log.recorded) would count its sessions twice. Give --again to import it anyway")
    }

    /// Refuses a log whose checkouts the store holds already from another source, or shifted by whole hours (the
    /// same log read in another time zone): among its first 200 ended sessions, 80 % (at least 5) matching stored
    /// ones of the same product, user, host, count and length is no coincidence.
    static func checkNotShifted(
        _ sessions: [UsageSession], of log: LogOrigin, against stored: [UsageSession], in db: Database
    ) throws {
        struct Shape: Hashable {
            var product: Product.ID
            var user: String?
            var host: String?
            var count: Int
            var length: Int64
        }
        func shape(_ session: UsageSession) -> Shape? {
            guard let end = session.end else { return nil }
            return Shape(
                product: session.product, user: session.user, host: session.host, count: session.count,
                length: end.secondsSinceEpoch - session.start.secondsSinceEpoch)
        }
        let sample = sessions.lazy.filter { $0.end != nil }.prefix(200)
        guard sample.count >= 5 else { return }
        let wanted = Set(sample.compactMap(shape))
        var starts: [Shape: [(start: Int64, source: String?)]] = [:]
        for session in stored where session.source?.hasPrefix("flexlm:") == true {
            guard let key = shape(session), wanted.contains(key) else { continue }
            starts[key, default: []].append((session.start.secondsSinceEpoch, session.source))
        }
        var shifts: [Int64: (count: Int, example: UsageSession)] = [:]
        for session in sample {
            guard let key = shape(session), let candidates = starts[key] else { continue }
            let found = candidates.first { candidate in
                let shift = candidate.start - session.start.secondsSinceEpoch
                return shift % 3600 == 0 && abs(shift) <= 26 * 3600 && (shift != 0 || candidate.source != log.source)
            }
            guard let found else { continue }
            let shift = found.start - session.start.secondsSinceEpoch
            var example = session
            example.start = Instant(secondsSinceEpoch: found.start)
            example.source = found.source
            shifts[shift, default: (0, example)].count += 1
        }
        guard let (shift, best) = shifts.max(by: { $0.value.count < $1.value.count }),
            best.count * 5 >= sample.count * 4
        else { return }
        let batch = try Row.fetchOne(
            db,
            sql: """
                SELECT b.id, b.source, b.origin FROM usage_session u JOIN import_batch b ON b.id = u.batch
                WHERE u.product = ? AND u.user IS ? AND u.host IS ? AND u.start = ? AND u.source IS ? LIMIT 1
                """,
            arguments: [
                best.example.product.rawValue, best.example.user, best.example.host,
                best.example.start.secondsSinceEpoch, best.example.source,
            ])
        let named = batch.map { "batch \($0[0] as Int64) (\($0[1] as String), as \(($0[2] as String?) ?? "-"))" }
        let hours = shift / 3600
        throw StoreError.refused(
            "\(best.count) of the first \(sample.count) sessions of this log are in the store already"
                + (hours == 0 ? "" : ", \(abs(hours)) hours \(hours > 0 ? "later" : "earlier")")
                + ", from \(named ?? "an earlier import"): the same log imported under another server name or time "
                + "zone would count its sessions twice. Give --again to import it anyway")
    }

    /// Refuses a sample older than one already kept for the server (the sessions it would continue are seen later
    /// already), and one dated after the import (a server clock in the future would refuse every real report after).
    static func checkOrder(server: String, at: Instant, importedAt: Instant, in db: Database) throws {
        if at.secondsSinceEpoch > importedAt.secondsSinceEpoch + 86_400 {
            throw StoreError.refused(
                "the report is dated \(at), after the day it is imported; check the server's clock, or give the "
                    + "report's time with --at")
        }
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
