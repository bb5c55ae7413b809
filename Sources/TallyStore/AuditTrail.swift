import Crypto
import Foundation
import GRDB
import TallyCore

/// The append-only audit trail: each entry's hash covers its content and the previous entry's hash, so that an
/// edited, deleted or reordered entry breaks the chain from there on.
enum AuditTrail {
    /// One change to record: what, which one, and the values before and after (JSON objects, nil where none).
    struct Change {
        var entity: String
        var id: String
        var action: String
        var before: String?
        var after: String?
    }

    /// The hash before the first entry.
    static let genesis = String(repeating: "0", count: 64)

    /// Appends one entry, chained to the last one.
    static func append(_ change: Change, actor: String, at: Instant, in db: Database) throws {
        let last = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit_entry ORDER BY sequence DESC LIMIT 1")
        let sequence: Int64 = (last?[0] as Int64? ?? 0) + 1
        let previous: String = last?[1] ?? genesis
        let entry = AuditEntry(
            sequence: sequence, at: at.description, actor: actor, entity: change.entity, entityID: change.id,
            action: change.action, before: change.before, after: change.after, previousHash: previous, hash: "")
        try db.execute(
            sql: """
                INSERT INTO audit_entry (sequence, at, actor, entity, entity_id, action, before, after, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                entry.sequence, entry.at, entry.actor, entry.entity, entry.entityID, entry.action,
                entry.before, entry.after, entry.previousHash, hash(of: entry),
            ])
        // The head of the chain, kept apart, so that removing the last entries is noticed too.
        try db.execute(
            sql: "INSERT OR REPLACE INTO setting (key, value) VALUES ('audit_head', ?)",
            arguments: [String(sequence)])
    }

    /// SHA-256 over every field but the hash itself, fields separated so that no two entries read alike.
    static func hash(of entry: AuditEntry) -> String {
        let fields = [
            String(entry.sequence), entry.at, entry.actor, entry.entity, entry.entityID, entry.action,
            entry.before ?? "\u{0}", entry.after ?? "\u{0}", entry.previousHash,
        ]
        let digest = SHA256.hash(data: Data(fields.joined(separator: "\u{1E}").utf8))
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    static func fetch(entity: String?, id: String?, in db: Database) throws -> [AuditEntry] {
        var conditions: [String] = []
        var arguments: [DatabaseValueConvertible?] = []
        if let entity {
            conditions.append("entity = ?")
            arguments.append(entity)
        }
        if let id {
            conditions.append("entity_id = ?")
            arguments.append(id)
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try Row.fetchAll(
            db,
            sql: "SELECT sequence, at, actor, entity, entity_id, action, before, after, previous_hash, hash "
                + "FROM audit_entry\(filter) ORDER BY sequence",
            arguments: StatementArguments(arguments)
        ).map { row in
            AuditEntry(
                sequence: row[0], at: row[1], actor: row[2], entity: row[3], entityID: row[4], action: row[5],
                before: row[6], after: row[7], previousHash: row[8], hash: row[9])
        }
    }

    /// Walks the chain from the first entry and names the first that does not hold.
    static func verify(in db: Database) throws -> AuditVerification {
        var previous = genesis
        var expected: Int64 = 1
        let entries = try fetch(entity: nil, id: nil, in: db)
        for entry in entries {
            if entry.sequence != expected {
                return .broken(
                    sequence: expected, reason: "entry \(expected) is missing (the next is \(entry.sequence))")
            }
            if entry.previousHash != previous {
                return .broken(sequence: entry.sequence, reason: "it does not follow the entry before it")
            }
            if hash(of: entry) != entry.hash {
                return .broken(sequence: entry.sequence, reason: "its content does not match its hash")
            }
            previous = entry.hash
            expected += 1
        }
        let head = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'audit_head'").flatMap {
            Int64($0)
        }
        if let head, head >= expected {
            return .broken(sequence: expected, reason: "entries \(expected) to \(head) are missing")
        }
        return .intact(entries: entries.count)
    }
}

extension SQLiteStore {
    public func fetchAuditLog(entity: String?, id: String?) throws(StoreError) -> [AuditEntry] {
        try read { db in try AuditTrail.fetch(entity: entity, id: id, in: db) }
    }

    public func verifyAuditTrail() throws(StoreError) -> AuditVerification {
        try read { db in try AuditTrail.verify(in: db) }
    }
}
