import GRDB
import TallyCore

extension SQLiteStore {
    @discardableResult
    public func recordSnapshot(_ reconciliation: Reconciliation, takenAt: Instant) throws(StoreError) -> Int64 {
        try write { db in
            let totals = reconciliation.totals
            try db.execute(
                sql: """
                    INSERT INTO snapshot (as_of, taken_at, currency, exposure, surplus_value, shortfall)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    reconciliation.asOf.description, takenAt.description, reconciliation.currency,
                    totals.exposure, totals.surplusValue,
                    reconciliation.positions.reduce(0) { $0 + $1.shortfall },
                ])
            let id = db.lastInsertedRowID
            let insert = try db.makeStatement(
                sql: """
                    INSERT INTO snapshot_position (snapshot, product, metric, demand, covered, shortfall, supply,
                        surplus, exposure, surplus_value, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for position in reconciliation.positions {
                try insert.execute(arguments: [
                    id, position.product.rawValue, position.metric.rawValue, position.demand, position.covered,
                    position.shortfall, position.supply, position.surplus, position.exposure, position.surplusValue,
                    position.status.rawValue,
                ])
            }
            return id
        }
    }

    public func fetchSnapshots(product: Product.ID?) throws(StoreError) -> [SnapshotSummary] {
        try read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT id, as_of, taken_at, exposure, surplus_value FROM snapshot ORDER BY id")
            var shortfalls: [Int64: [License.Metric: Int]] = [:]
            var under: [Int64: Int] = [:]
            for row in try Row.fetchAll(
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
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT snapshot, status, demand, covered, shortfall, exposure, surplus_value
                        FROM snapshot_position WHERE product = ?
                        """,
                    arguments: [product.rawValue])
                {
                    positions[row[0]] = SnapshotPosition(
                        product: product, status: row[1], demand: row[2], covered: row[3], shortfall: row[4],
                        exposure: row[5], surplusValue: row[6])
                }
            }
            return try rows.map { row in
                let id: Int64 = row[0]
                return SnapshotSummary(
                    id: id, asOf: try Column.day(row, 1) ?? Day(daysSinceEpoch: 0),
                    takenAt: Instant(row[2] as String) ?? Instant(secondsSinceEpoch: 0), exposure: row[3],
                    surplusValue: row[4], productsUnder: under[id] ?? 0, shortfalls: shortfalls[id] ?? [:],
                    position: positions[id])
            }
        }
    }
}
