import Foundation
import GRDB
import TallyCore
import TallyFormats
import TallyStore

extension SQLiteStore {
    /// Where each kind of id is kept: its own table's `id` column first, then every column that refers to it.
    private static let idColumns: [[(table: String, column: String)]] = [
        [
            ("department", "id"), ("department", "parent"), ("person", "department"), ("device", "department"),
            ("entitlement", "scope_department"),
        ],
        [("person", "id"), ("device", "user"), ("assignment", "person")],
        [
            ("device", "id"), ("device", "host"), ("installation", "device"), ("assignment", "device"),
            ("raw_software", "device"),
        ],
        [
            ("product", "id"), ("product", "suite"), ("installation", "product"), ("usage_session", "product"),
            ("denial", "product"), ("assignment", "product"), ("entitlement", "product"),
            ("entitlement_covers", "product"), ("snapshot_position", "product"), ("feature_map", "product"),
            ("license_pool", "product"), ("software_title", "product"),
        ],
        [("entitlement", "id"), ("entitlement_covers", "entitlement")],
    ]

    /// Rewrites the ids stored before ids were kept in normalization form C, with every reference to them, so that
    /// `café` typed composed finds the device a file wrote decomposed. Where the composed form is already another
    /// record's id, the two stay two records: the rewritten one takes the first free `-2`, `-3` suffix, and the
    /// audit trail says so.
    static func normalizeStoredIDs(_ db: Database) throws {
        for columns in idColumns {
            let (table, column) = columns[0]
            let stored = try String.fetchAll(
                db, sql: "SELECT \(column) FROM \(table) WHERE \(column) GLOB '*[^ -~]*'")
            guard !stored.isEmpty else { continue }
            // Compared byte for byte: Swift's own string equality would take both forms for one.
            var taken = Set(try String.fetchAll(db, sql: "SELECT \(column) FROM \(table)").map { Array($0.utf8) })
            for id in stored {
                var normal = Identifier<Device>.normalized(id)
                guard !normal.utf8.elementsEqual(id.utf8) else { continue }
                if taken.contains(Array(normal.utf8)) {
                    let base = normal
                    normal = (2...).lazy.map { "\(base)-\($0)" }.first { !taken.contains(Array($0.utf8)) } ?? base
                    try appendRename(
                        AuditChange(
                            entity: table, id: normal, action: "rename",
                            before: JSONWriter.object(["id": .string(id)]),
                            after: JSONWriter.object([
                                "id": .string(normal), "reason": .string("\(base) is another record"),
                            ])), in: db)
                }
                taken.insert(Array(normal.utf8))
                for (table, column) in columns {
                    try db.execute(
                        sql: "UPDATE \(table) SET \(column) = ? WHERE \(column) = ?", arguments: [normal, id])
                }
            }
        }
    }

    /// Appends a rename to the audit trail as it was when ids were normalized (before digests were recorded).
    private static func appendRename(_ change: AuditChange, in db: Database) throws {
        let last = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit_entry ORDER BY sequence DESC LIMIT 1")
        var entry = AuditEntry(
            sequence: (last?["sequence"] as Int64? ?? 0) + 1,
            at: Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970.rounded(.down))).description,
            actor: "tally", entity: change.entity, entityID: change.id, action: change.action, before: change.before,
            after: change.after, previousHash: last?["hash"] ?? AuditChain.genesis, hash: "")
        entry.hash = AuditChain.hash(of: entry, key: nil)
        try db.execute(
            sql: """
                INSERT INTO audit_entry (sequence, at, actor, entity, entity_id, action, before, after, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                entry.sequence, entry.at, entry.actor, entry.entity, entry.entityID, entry.action, entry.before,
                entry.after, entry.previousHash, entry.hash,
            ])
        try db.execute(
            sql: "INSERT OR REPLACE INTO setting (key, value) VALUES ('audit_head', ?)",
            arguments: [String(entry.sequence)])
    }
}
