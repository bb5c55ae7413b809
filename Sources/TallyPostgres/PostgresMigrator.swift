import Foundation
import TallyCore
import TallySQL

/// Brings a database's schema up to this Tally's, under an advisory lock so that servers starting together migrate it
/// once; refuses a database a newer Tally wrote.
enum PostgresMigrator {
    static func migrate(_ connection: PostgresSQLConnection) throws {
        try connection.execute(sql: "SELECT pg_advisory_lock(?)", arguments: [AdvisoryLock.migrate.key])
        defer {
            _ = try? connection.execute(sql: "SELECT pg_advisory_unlock(?)", arguments: [AdvisoryLock.migrate.key])
        }
        try connection.execute(
            sql: "CREATE TABLE IF NOT EXISTS tally_schema (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        let applied = Set(try String.fetchAll(connection, sql: "SELECT id FROM tally_schema"))
        let known = PostgresSchema.migrations.map(\.id)
        if let unknown = applied.subtracting(known).sorted().last {
            throw TallyError.cannotOpen(
                "it was written by a newer Tally (schema \"\(unknown)\"); this Tally knows schemas up to "
                    + "\"\(known.last ?? "?")\"; upgrade Tally to use it")
        }
        for migration in PostgresSchema.migrations where !applied.contains(migration.id) {
            try connection.execute(sql: "BEGIN")
            do {
                try connection.executeScript(migration.sql)
                try connection.execute(
                    sql: "INSERT INTO tally_schema (id, applied_at) VALUES (?, ?)",
                    arguments: [
                        migration.id, Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)).description,
                    ])
                try connection.execute(sql: "COMMIT")
            } catch {
                _ = try? connection.execute(sql: "ROLLBACK")
                throw error
            }
        }
    }
}
