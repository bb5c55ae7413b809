import Foundation
import GRDB
import TallyCore
import TallyFormats
import TallyStore
import Testing

@testable import TallyApp
@testable import TallySQLite

/// `tally device retire café` typed composed, on a device a file wrote decomposed, printed "Retired" and left the
/// row active.
@Suite("Ids in Unicode normalization form C")
struct NormalFormTests {
    let day = Day("2026-11-29")!
    static let decomposed = "cafe\u{301}"
    static let composed = "caf\u{E9}"

    @Test("a device a file wrote decomposed is retired by its id typed composed; its installs follow it")
    func retireComposed() async throws {
        let text = """
            {"format": "tally-estate/1", "asOf": "2026-11-29", "devices": [{"id": "\(Self.decomposed)"}],
             "products": [{"id": "p"}], "installations": [{"device": "\(Self.decomposed)", "product": "p"}]}
            """
        let store = try SQLiteStore()
        try await store.importEstate(
            try EstateFile.decode(Array(text.utf8)), mode: .merge, source: testSource, dryRun: false)
        try await store.operations().retireDevice(Device.ID(Self.composed), on: day, by: Caller("t"))
        let estate = try await store.loadEstate(asOf: day)
        #expect(estate.devices.map(\.retired) == [day])
        #expect(estate.installations.map { Array($0.device.rawValue.utf8) } == [Array(Self.composed.utf8)])
    }

    @Test("opening a store from before rewrites its decomposed ids and every reference, unless that would merge two")
    func migration() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tally-v6-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: path) }
        let older = try DatabaseQueue(path: path.path)
        try SQLiteStore.migrator.migrate(older, upTo: "v6: where a license-server log's batch came from")
        let (e, c) = (Self.decomposed, Self.composed)
        try await older.write { db in
            try db.execute(
                sql: """
                    INSERT INTO import_batch (id, source, digest, at, actor, mode, inserted, updated, unchanged, removed)
                    VALUES (1, 'a', '00', '2026-01-01T00:00:00Z', 't', 'merge', 0, 0, 0, 0);
                    INSERT INTO product (id, metric, min_cores_per_processor, min_cores_per_device, min_cores_per_vm,
                        core_factor, pvu_per_core, virtualization, window_days)
                    VALUES ('p', 'device', 0, 0, 0, '1', '100', 'perVM', 90);
                    INSERT INTO device (id, kind, processors, active) VALUES ('\(e)', 'physical', 1, 1),
                        ('n\(e)', 'physical', 1, 1), ('n\(c)', 'physical', 1, 1);
                    INSERT INTO installation (device, product, first_seen, batch) VALUES ('\(e)', 'p', '2026-01-01', 1),
                        ('n\(e)', 'p', '2026-01-01', 1);
                    """)
        }
        let store = try SQLiteStore(path: path.path)
        // Compared byte for byte: Swift's string equality takes both forms for one.
        func bytes(_ texts: [String]) -> [[UInt8]] { texts.map { Array($0.utf8) } }
        let ids = try await store.database.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM device ORDER BY id")
        }
        #expect(bytes(ids) == bytes([c, "n\(c)", "n\(c)-2"]))
        let devices = try await store.database.read { db in
            try String.fetchAll(db, sql: "SELECT device FROM installation ORDER BY id")
        }
        #expect(bytes(devices) == bytes([c, "n\(c)-2"]))
        let renamed = try await store.operations().auditLog(entity: "device", id: nil)
        #expect(renamed.map(\.action) == ["rename"] && renamed.first?.entityID == "n\(c)-2")
        #expect(try await store.operations().verifyAuditTrail() == .intact(entries: 1))
    }
}
