import TallyCore

extension TableMapping where Record: StoredRecord {
    /// Writes a collection's changes: updates and removals by the row's position in `rowid` order (the order
    /// `fetchAll` reads), new rows through one prepared statement. Rows written by an import keep its batch; rows
    /// written by hand (`batch` nil) belong to none. New installations are first seen on `day`.
    func apply(
        _ changes: Changes<Record>, batch: Int64?, day: Day, in db: any SQLConnection, progress: (Int) -> Void
    ) throws {
        let batchValue = batch?.sqlValue ?? .null
        if !changes.updated.isEmpty || !changes.removed.isEmpty {
            let key = keyed ? "id" : "rowid"
            let keys = try SQLValue.fetchAll(db, sql: "SELECT \(key) FROM \(table) ORDER BY rowid")
            let update = try db.prepare(
                sql: "UPDATE \(table) SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")), batch = ? "
                    + "WHERE \(key) = ?")
            for (i, change) in changes.updated.enumerated() {
                guard keys.indices.contains(change.position) else { throw moved() }
                try update.execute(
                    arguments: SQLArguments(values(change.record) + [batchValue, keys[change.position]]))
                if i & 0xFFFF == 0xFFFF { progress(i + 1) }
            }
            let delete = try db.prepare(sql: "DELETE FROM \(table) WHERE \(key) = ?")
            for position in changes.removed {
                guard keys.indices.contains(position) else { throw moved() }
                try delete.execute(arguments: [keys[position]])
            }
        }
        let written = changes.updated.count
        if let installations = changes.inserted as? [Installation] {
            try db.insertInstallations(installations, firstSeen: day, batch: batch) { progress(written + $0) }
            return
        }
        try db.bulkInsert(into: table, columns: columns + ["batch"]) { add in
            for (i, record) in changes.inserted.enumerated() {
                try add(values(record) + [batchValue])
                if i & 0xFFFF == 0xFFFF { progress(written + i + 1) }
            }
        }
    }

    private func moved() -> TallyError {
        .failed("the \(table) rows changed while they were being written; run the import again")
    }
}

extension TableMapping {
    /// Every row, in the order written, as records.
    func fetchAll(_ db: any SQLConnection) throws -> [Record] {
        try fetch(db, where: nil)
    }

    /// The rows a condition selects, in the order written.
    func fetch(_ db: any SQLConnection, where condition: String?, _ arguments: SQLArguments = []) throws -> [Record] {
        let filter = condition.map { " WHERE \($0)" } ?? ""
        return try SQLRow.fetchAll(
            db, sql: "SELECT \(columns.joined(separator: ", ")) FROM \(table)\(filter) ORDER BY rowid",
            arguments: arguments
        ).map(record)
    }

    /// Writes one record by hand (an edit, not an import: it belongs to no batch).
    func insert(_ record: Record, in db: any SQLConnection) throws {
        let names = columns.joined(separator: ", "), marks = columns.map { _ in "?" }.joined(separator: ", ")
        try db.execute(
            sql: "INSERT INTO \(table) (\(names)) VALUES (\(marks))", arguments: SQLArguments(values(record)))
    }

    /// Replaces the values of the row with this text id, and takes it out of its import batch.
    func update(_ record: Record, id: String, in db: any SQLConnection) throws {
        try db.execute(
            sql: "UPDATE \(table) SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")), batch = NULL "
                + "WHERE id = ?",
            arguments: SQLArguments(values(record) + [id.sqlValue]))
    }
}
