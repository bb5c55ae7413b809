import GRDB
import TallyCore

extension TableMapping where Record: StoredRecord {
    /// Writes a collection's changes: updates and removals by the row's position in `rowid` order (the order
    /// `fetchAll` reads), new rows through one prepared statement. Rows written by an import keep its batch; rows
    /// written by hand (`batch` nil) belong to none. New installations are first seen on `day`.
    func apply(
        _ changes: Changes<Record>, batch: Int64?, day: Day, in db: Database, progress: (Int) -> Void
    ) throws {
        let batchValue = batch?.databaseValue ?? .null
        if !changes.updated.isEmpty || !changes.removed.isEmpty {
            let key = keyed ? "id" : "rowid"
            let keys = try DatabaseValue.fetchAll(db, sql: "SELECT \(key) FROM \(table) ORDER BY rowid")
            let update = try db.makeStatement(
                sql: "UPDATE \(table) SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")), batch = ? "
                    + "WHERE \(key) = ?")
            for (i, change) in changes.updated.enumerated() {
                guard keys.indices.contains(change.position) else { throw moved() }
                try update.execute(
                    arguments: StatementArguments(values(change.record) + [batchValue, keys[change.position]]))
                if i & 0xFFFF == 0xFFFF { progress(i + 1) }
            }
            let delete = try db.makeStatement(sql: "DELETE FROM \(table) WHERE \(key) = ?")
            for position in changes.removed {
                guard keys.indices.contains(position) else { throw moved() }
                try delete.execute(arguments: [keys[position]])
            }
        }
        let written = changes.updated.count
        let insert = try BulkInsert(insertSQL, in: db)
        if let installations = changes.inserted as? [Installation] {
            for (i, item) in installations.enumerated() {
                try insert.insert { row in
                    // The columns of `TableMapping.installations`, then first_seen and batch.
                    try row.text(item.device.rawValue)
                    try row.text(item.product.rawValue)
                    try row.text(item.version?.text)
                    try row.text(item.source)
                    try row.day(item.installed)
                    try row.day(item.lastUsed)
                    try row.day(item.lastSeen)
                    try row.day(item.removed)
                    try row.day(day)
                    try row.int(batch)
                }
                if i & 0xFFFF == 0xFFFF { progress(written + i + 1) }
            }
            return
        }
        for (i, record) in changes.inserted.enumerated() {
            try insert.insert(values(record), then: batchValue)
            if i & 0xFFFF == 0xFFFF { progress(written + i + 1) }
        }
    }

    private var insertSQL: String {
        let all = columns + (table == "installation" ? ["first_seen", "batch"] : ["batch"])
        return "INSERT INTO \(table) (\(all.joined(separator: ", "))) "
            + "VALUES (\(all.map { _ in "?" }.joined(separator: ", ")))"
    }

    private func moved() -> TallyError {
        .failed("the \(table) rows changed while they were being written; run the import again")
    }
}

extension TableMapping {
    /// Every row, in the order written, as records.
    func fetchAll(_ db: Database) throws -> [Record] {
        try fetch(db, where: nil)
    }

    /// The rows a condition selects, in the order written.
    func fetch(_ db: Database, where condition: String?, _ arguments: StatementArguments = []) throws -> [Record] {
        let filter = condition.map { " WHERE \($0)" } ?? ""
        let cursor = try Row.fetchCursor(
            db, sql: "SELECT \(columns.joined(separator: ", ")) FROM \(table)\(filter) ORDER BY rowid",
            arguments: arguments)
        var records: [Record] = []
        while let row = try cursor.next() { records.append(try record(row)) }
        return records
    }

    /// Writes one record by hand (an edit, not an import: it belongs to no batch).
    func insert(_ record: Record, in db: Database) throws {
        let names = columns.joined(separator: ", "), marks = columns.map { _ in "?" }.joined(separator: ", ")
        try db.execute(
            sql: "INSERT INTO \(table) (\(names)) VALUES (\(marks))", arguments: StatementArguments(values(record)))
    }

    /// Replaces the values of the row with this text id, and takes it out of its import batch.
    func update(_ record: Record, id: String, in db: Database) throws {
        try db.execute(
            sql: "UPDATE \(table) SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")), batch = NULL "
                + "WHERE id = ?",
            arguments: StatementArguments(values(record) + [id.databaseValue]))
    }
}
