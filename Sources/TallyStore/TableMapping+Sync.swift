import GRDB
import TallyCore

extension TableMapping {
    /// The identity of a record's row, as text: its id, or its identity columns.
    func identity(of values: [DatabaseValue]) -> ArraySlice<DatabaseValue> {
        values[0..<identity]
    }

    /// `current` with `file` applied: a file record replaces the current one of the same identity (the n-th of
    /// equal identities replaces the n-th), others are appended. Also gives, for each record, its index in the file
    /// (nil for one only the store holds).
    func merge(_ current: [Record], _ file: [Record], context: ImportContext) -> (records: [Record], fromFile: [Int?]) {
        if current.isEmpty { return (file, Array(file.indices)) }
        var records = current
        var fromFile = [Int?](repeating: nil, count: current.count)
        var waiting: [ArraySlice<DatabaseValue>: [Int]] = [:]
        waiting.reserveCapacity(current.count)
        for (i, record) in current.enumerated() {
            waiting[identity(of: values(record, context)), default: []].append(i)
        }
        var taken: [ArraySlice<DatabaseValue>: Int] = [:]
        taken.reserveCapacity(file.count)
        for (index, record) in file.enumerated() {
            let key = identity(of: values(record, context))
            let next = taken[key, default: 0]
            if let slots = waiting[key], next < slots.count {
                records[slots[next]] = record
                fromFile[slots[next]] = index
                taken[key] = next + 1
            } else {
                records.append(record)
                fromFile.append(index)
            }
        }
        return (records, fromFile)
    }

    /// Makes the table hold exactly `records`: rows of equal values are left alone, changed ones updated, new ones
    /// inserted, the rest deleted. Counts only the records `counted` marks (all when nil). Writes nothing when
    /// `batch` is nil (a dry run).
    func sync(
        _ records: [Record], counted: [Bool]?, in db: Database, batch: Int64?, context: ImportContext,
        progress: (Int) -> Void
    ) throws -> ImportCounts {
        let key = keyed ? "id" : "rowid"
        var counts = ImportCounts()
        let insert = try BulkInsert(insertSQL, in: db)
        if try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") == 0 {
            // A first import: no identities to match, only rows to write.
            counts.inserted = records.count
            guard let batch else { return counts }
            for (i, record) in records.enumerated() {
                try write(record, with: insert, batch, context)
                if i & 0xFFFF == 0xFFFF { progress(i + 1) }
            }
            return counts
        }
        // Stored rows are remembered by identity with a hash of their values, not the values themselves: a store
        // of millions of rows would otherwise be held twice in memory.
        var waiting: [ArraySlice<DatabaseValue>: [(key: DatabaseValue, digest: Int)]] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT \(key), \(columns.joined(separator: ", ")) FROM \(table) ORDER BY rowid")
        while let row = try rows.next() {
            let stored = (1...columns.count).map { row[$0] as DatabaseValue }
            waiting[identity(of: stored), default: []].append((row[0], stored.hashValue))
        }
        var taken: [ArraySlice<DatabaseValue>: Int] = [:]
        let update = try db.makeStatement(
            sql:
                "UPDATE \(table) SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")), batch = ? WHERE \(key) = ?"
        )
        for (i, record) in records.enumerated() {
            if i & 0xFFFF == 0xFFFF { progress(i + 1) }
            let isCounted = counted?[i] ?? true
            let current = values(record, context)
            let identity = identity(of: current)
            let next = taken[identity, default: 0]
            if let match = waiting[identity], next < match.count {
                taken[identity] = next + 1
                if match[next].digest == current.hashValue {
                    if isCounted { counts.unchanged += 1 }
                } else {
                    if isCounted { counts.updated += 1 }
                    if let batch {
                        try update.execute(
                            arguments: StatementArguments(current + [batch.databaseValue, match[next].key]))
                    }
                }
            } else {
                if isCounted { counts.inserted += 1 }
                if let batch { try write(record, with: insert, batch, context) }
            }
        }
        let delete = try db.makeStatement(sql: "DELETE FROM \(table) WHERE \(key) = ?")
        for (identity, rows) in waiting {
            for row in rows.dropFirst(taken[identity, default: 0]) {
                counts.removed += 1
                if batch != nil { try delete.execute(arguments: [row.key]) }
            }
        }
        return counts
    }

    /// Writes the outcome of `merge` for a table whose rows `current` holds in `rowid` order (as `fetchAll` reads
    /// them): `records[i]` for `i < current.count` is the i-th row, updated when its values changed; the rest are
    /// new. Spares matching identities a second time against the rows. Falls back to `sync` when the table no
    /// longer holds `current.count` rows.
    func syncMerged(
        _ records: [Record], current: [Record], counted: [Bool]?, in db: Database, batch: Int64?,
        context: ImportContext, progress: (Int) -> Void
    ) throws -> ImportCounts {
        let rowids = try Int64.fetchAll(db, sql: "SELECT rowid FROM \(table) ORDER BY rowid")
        guard rowids.count == current.count, records.count >= current.count else {
            return try sync(records, counted: counted, in: db, batch: batch, context: context, progress: progress)
        }
        var counts = ImportCounts()
        let insert = try BulkInsert(insertSQL, in: db)
        let update = try db.makeStatement(
            sql: "UPDATE \(table) SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")), batch = ? WHERE rowid = ?"
        )
        for (i, record) in records.enumerated() {
            if i & 0xFFFF == 0xFFFF { progress(i + 1) }
            let isCounted = counted?[i] ?? true
            guard i < current.count else {
                if isCounted { counts.inserted += 1 }
                if let batch { try write(record, with: insert, batch, context) }
                continue
            }
            let now = values(record, context)
            if now == values(current[i], context) {
                if isCounted { counts.unchanged += 1 }
            } else {
                if isCounted { counts.updated += 1 }
                if let batch {
                    try update.execute(
                        arguments: StatementArguments(now + [batch.databaseValue, rowids[i].databaseValue]))
                }
            }
        }
        return counts
    }

    /// Every row, in the order written, as records.
    func fetchAll(_ db: Database) throws -> [Record] {
        let cursor = try Row.fetchCursor(
            db, sql: "SELECT \(columns.joined(separator: ", ")) FROM \(table) ORDER BY rowid")
        var records: [Record] = []
        while let row = try cursor.next() { records.append(try record(row)) }
        return records
    }

    private var insertSQL: String {
        let extra = table == "installation" ? ["first_seen", "batch"] : ["batch"]
        let all = columns + extra
        return
            "INSERT INTO \(table) (\(all.joined(separator: ", "))) VALUES (\(all.map { _ in "?" }.joined(separator: ", ")))"
    }

    private func write(_ record: Record, with statement: BulkInsert, _ batch: Int64, _ context: ImportContext) throws {
        if table == "installation" {
            try statement.insert(
                values(record, context), then: context.day.description.databaseValue, batch.databaseValue)
        } else {
            try statement.insert(values(record, context), then: batch.databaseValue)
        }
    }
}

extension TableMapping {
    /// Writes one record by hand (an edit, not an import: it belongs to no batch).
    func insert(_ record: Record, in db: Database, context: ImportContext) throws {
        var all = values(record, context)
        var names = columns
        if table == "installation" {
            all.append(context.day.description.databaseValue)
            names.append("first_seen")
        }
        try db.execute(
            sql:
                "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))",
            arguments: StatementArguments(all))
    }

    /// Replaces the values of the row with this text id, and takes it out of its import batch.
    func update(_ record: Record, id: String, in db: Database, context: ImportContext) throws {
        try db.execute(
            sql:
                "UPDATE \(table) SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")), batch = NULL WHERE id = ?",
            arguments: StatementArguments(values(record, context) + [id.databaseValue]))
    }
}
