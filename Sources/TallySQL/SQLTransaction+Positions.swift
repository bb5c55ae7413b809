import TallyCore
import TallyStore

extension SQLTransaction {
    func snapshots(product: Product.ID?) throws -> [SnapshotSummary] {
        let rows = try SnapshotRow.fetchAll(db, sql: "SELECT \(SnapshotRow.columns) FROM snapshot ORDER BY id")
        var shortfalls: [Int64: [License.Metric: Int]] = [:]
        var under: [Int64: Int] = [:]
        for row in try SQLRow.fetchAll(
            db,
            sql: """
                SELECT snapshot, metric, sum(shortfall), count(*) FROM snapshot_position WHERE shortfall > 0
                GROUP BY snapshot, metric
                """)
        {
            let id: Int64 = row[0]
            shortfalls[id, default: [:]][try Column.choice(row, 1, License.Metric.self)] = row[2]
            under[id, default: 0] += row[3] as Int
        }
        var positions: [Int64: SnapshotPosition] = [:]
        if let product {
            for row in try SnapshotPositionRow.fetchAll(
                db, sql: "SELECT \(SnapshotPositionRow.columns) FROM snapshot_position WHERE product = ?",
                arguments: [product.rawValue])
            {
                positions[row.snapshot] = row.position
            }
        }
        return rows.map { row in
            SnapshotSummary(
                id: row.id, asOf: row.asOf, takenAt: row.takenAt, exposure: row.exposure,
                surplusValue: row.surplusValue,
                productsUnder: under[row.id] ?? 0, shortfalls: shortfalls[row.id] ?? [:], position: positions[row.id],
                automatic: row.automatic)
        }
    }

    func snapshotDemand() throws -> [DatedDemand] {
        try SQLRow.fetchAll(
            db,
            sql: """
                SELECT s.as_of, p.product, p.demand FROM snapshot_position p JOIN snapshot s ON s.id = p.snapshot
                ORDER BY s.id
                """
        ).map { row in
            guard let day = try Column.day(row, 0) else { throw TallyError.failed("a stored snapshot has no day") }
            return DatedDemand(asOf: day, product: .init(row[1]), demand: row[2])
        }
    }

    func latestSnapshot() throws -> SnapshotMark? {
        try SnapshotRow.fetchOne(db, sql: "SELECT \(SnapshotRow.columns) FROM snapshot ORDER BY id DESC LIMIT 1").map {
            SnapshotMark(id: $0.id, generation: $0.generation, asOf: $0.asOf)
        }
    }

    func generation() throws -> Int64 {
        try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'generation'").flatMap { Int64($0) } ?? 0
    }

    func markChanged() throws {
        try db.execute(
            sql: """
                INSERT INTO setting (key, value) VALUES ('generation', '2')
                ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(setting.value AS BIGINT) + 1 AS TEXT)
                """)
    }

    func insertSnapshot(
        _ reconciliation: Reconciliation, takenAt: Instant, generation: Int64, automatic: Bool
    ) throws
        -> Int64
    {
        if automatic {
            // One automatic snapshot a day: the latest position of that day replaces the previous one.
            let replaced = try Int64.fetchAll(
                db,
                sql:
                    "SELECT id FROM snapshot WHERE automatic = 1 AND as_of = ? AND id = (SELECT max(id) FROM snapshot)",
                arguments: [reconciliation.asOf.description])
            for id in replaced {
                try db.execute(sql: "DELETE FROM snapshot_position WHERE snapshot = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM snapshot WHERE id = ?", arguments: [id])
            }
        }
        let totals = reconciliation.totals
        let id = try Self.insertedID(
            db,
            sql: """
                INSERT INTO snapshot (as_of, taken_at, currency, exposure, surplus_value, shortfall, generation,
                    automatic)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                reconciliation.asOf.description, takenAt.description, reconciliation.currency,
                totals.exposure, totals.surplusValue, reconciliation.positions.reduce(0) { $0 + $1.shortfall },
                generation, automatic,
            ])
        let columns = [
            "snapshot", "product", "metric", "demand", "covered", "shortfall", "supply", "surplus", "exposure",
            "surplus_value", "status",
        ]
        try db.bulkInsert(into: "snapshot_position", columns: columns) { add in
            for position in reconciliation.positions {
                try add([
                    .int(id), .text(position.product.rawValue), .text(position.metric.rawValue),
                    position.demand.sqlValue, position.covered.sqlValue, position.shortfall.sqlValue,
                    position.supply.sqlValue, position.surplus.sqlValue, position.exposure.sqlValue,
                    position.surplusValue.sqlValue, .text(position.status.rawValue),
                ])
            }
        }
        return id
    }

    func auditEntries(entity: String?, id: String?) throws -> [AuditEntry] {
        var conditions: [String] = []
        var arguments: [(any SQLValueConvertible)?] = []
        if let entity {
            conditions.append("entity = ?")
            arguments.append(entity)
        }
        if let id {
            conditions.append("entity_id = ?")
            arguments.append(id)
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try AuditRow.fetchAll(
            db, sql: "SELECT \(AuditRow.columns) FROM audit_entry\(filter) ORDER BY sequence",
            arguments: SQLArguments(arguments)
        ).map(\.entry)
    }

    func auditHead() throws -> (last: AuditEntry?, recorded: Int64?) {
        let last = try AuditRow.fetchOne(
            db, sql: "SELECT \(AuditRow.columns) FROM audit_entry ORDER BY sequence DESC LIMIT 1")?.entry
        let recorded = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'audit_head'").flatMap {
            Int64($0)
        }
        return (last, recorded)
    }

    func insertAuditEntry(_ entry: AuditEntry) throws {
        try db.execute(
            sql: """
                INSERT INTO audit_entry (sequence, at, actor, entity, entity_id, action, before, after, previous_hash, hash,
                    state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                entry.sequence, entry.at, entry.actor, entry.entity, entry.entityID, entry.action,
                entry.before, entry.after, entry.previousHash, entry.hash, entry.state,
            ])
        // The head of the chain, kept apart, so that removing the last entries is noticed too.
        try db.execute(
            sql:
                "INSERT INTO setting (key, value) VALUES ('audit_head', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            arguments: [String(entry.sequence)])
    }
}
