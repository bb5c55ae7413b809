import TallyCore
import TallyFormats
import TallyStore

/// Records read with the import batch that wrote them: the evidence behind a position, for an auditor.
extension SQLTransaction {
    func publishers() throws -> [String] {
        try String.fetchAll(
            db, sql: "SELECT DISTINCT publisher FROM product WHERE publisher IS NOT NULL ORDER BY publisher")
    }

    func installations(of products: [Product.ID]) throws -> [ImportedInstallation] {
        let columns = EstateTables.installations.columns.joined(separator: ", ")
        // No index on the product: one pass over the table, which an audit report can afford.
        return try SQLRow.fetchAll(
            db,
            sql: """
                SELECT \(columns), first_seen, batch FROM installation
                WHERE product IN (\(db.dialect.jsonTexts))
                ORDER BY device, product, version, rowid
                """, arguments: [Self.jsonList(products.map(\.rawValue))]
        ).map { row in
            let count = EstateTables.installations.columns.count
            return ImportedInstallation(
                installation: try EstateTables.installations.record(row), firstSeen: try Column.day(row, count),
                batch: row[count + 1])
        }
    }

    func usage(of products: [Product.ID]) throws -> [ImportedSession] {
        let columns = EstateTables.usage.columns.joined(separator: ", ")
        return try SQLRow.fetchAll(
            db,
            sql: """
                SELECT \(columns), batch FROM usage_session WHERE product IN (\(db.dialect.jsonTexts))
                ORDER BY product, start, rowid
                """, arguments: [Self.jsonList(products.map(\.rawValue))]
        ).map { row in
            ImportedSession(
                session: try EstateTables.usage.record(row), batch: row[EstateTables.usage.columns.count])
        }
    }

    func batches(ids: [Int64]) throws -> [ImportBatch] {
        try BatchRow.fetchAll(
            db,
            sql: """
                SELECT \(BatchRow.columns) FROM import_batch WHERE id IN (\(db.dialect.jsonIntegers)) ORDER BY id
                """, arguments: ["[" + ids.map(String.init).joined(separator: ",") + "]"]
        ).map(\.batch)
    }
}
