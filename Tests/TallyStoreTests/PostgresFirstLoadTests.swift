import TallyCore
import TallySQL
import TallyStore
import TallyTestSupport
import Testing

/// A first import into an empty PostgreSQL installation table takes the bulk path: no index during the load, the
/// shared columns as defaults for the load only. What it leaves must be what the row-by-row path leaves.
@Suite("PostgreSQL first load", .enabled(if: PostgresScratch.server != nil))
struct PostgresFirstLoadTests {
    @Test("every row gets its day and batch, the index is rebuilt and the load's defaults are gone")
    func firstLoad() async throws {
        let store = try PostgresScratch.store()
        let day = Day("2026-11-29")!
        let devices = (0..<100).map { Device(id: Device.ID("ws-\($0)")) }
        let installations = (0..<120_000).map { i in
            Installation(device: Device.ID("ws-\(i % 100)"), product: "visio", lastSeen: day)
        }
        let batch = try await store.write { writer throws in
            let batch = try writer.openBatch(
                ImportSource(name: "f", digest: "d", actor: "t", at: day.start), mode: "replace")
            try writer.apply(Changes.replacing([], with: devices), batch: batch, day: day) { _ in }
            try writer.apply(Changes.replacing([], with: [Product(id: "visio")]), batch: batch, day: day) { _ in }
            try writer.apply(Changes.replacing([], with: installations), batch: batch, day: day) { _ in }
            return batch
        }
        let (kept, defaults, keyed) = try store.transaction(writing: false) { db in
            (
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM installation WHERE first_seen = ? AND batch = ?",
                    arguments: [day.description, batch]),
                try Int.fetchOne(
                    db,
                    sql: "SELECT count(column_default) FROM information_schema.columns "
                        + "WHERE table_name = 'installation' AND column_name IN ('first_seen', 'batch')"),
                try Int.fetchOne(
                    db,
                    sql:
                        "SELECT count(*) FROM pg_constraint WHERE conrelid = 'installation'::regclass AND contype = 'p'"
                )
            )
        }
        #expect(kept == 120_000)
        #expect(defaults == 0)
        #expect(keyed == 1)
        // A second import into the table, no longer empty, takes the row-by-row path and numbers its rows on.
        try await store.write { writer throws in
            let next = try writer.openBatch(
                ImportSource(name: "g", digest: "e", actor: "t", at: day.start), mode: "merge")
            try writer.apply(
                Changes.replacing([], with: [Installation(device: "ws-1", product: "visio", version: Version("2"))]),
                batch: next, day: day
            ) { _ in }
        }
        let total = try store.transaction(writing: false) { db in
            try Int.fetchOne(db, sql: "SELECT count(DISTINCT rowid) FROM installation")
        }
        #expect(total == 120_001)
    }
}
