import TallyCore
import Testing

@testable import TallyPostgres

/// What the PostgreSQL store does to its SQL and to what the server sends, without a server.
@Suite("PostgreSQL statements and packed rows")
struct PostgresWireTests {
    @Test("SQLite's marks become numbered ones; quoted text, names and comments are left alone")
    func placeholders() {
        #expect(PlaceholderRewriter.numbered("SELECT ? + ?") == "SELECT $1 + $2")
        #expect(PlaceholderRewriter.numbered("WHERE a = ?1 OR b = ?1 AND c = ?") == "WHERE a = $1 OR b = $1 AND c = $2")
        #expect(
            PlaceholderRewriter.numbered("SELECT '?', \"a?\", 'it''s ?' , ?") == "SELECT '?', \"a?\", 'it''s ?' , $1")
        #expect(PlaceholderRewriter.numbered("SELECT ? -- why?\n, ?") == "SELECT $1 -- why?\n, $2")
        #expect(PlaceholderRewriter.numbered("SELECT 1") == "SELECT 1")
    }

    /// Rows as the server packs them: the rowid, then each field and a zero byte, null as 0xFF.
    func packed(_ rows: [(Int64, [String?])]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (rowid, fields) in rows {
            for shift in stride(from: 56, through: 0, by: -8) {
                bytes.append(UInt8(truncatingIfNeeded: rowid >> shift))
            }
            for field in fields {
                bytes += field.map { Array($0.utf8) } ?? [0xFF]
                bytes.append(0)
            }
        }
        return bytes
    }

    @Test("packed rows are read in rowid order, nulls and empty texts apart, however the server ordered them")
    func unpacking() throws {
        let rows: [(Int64, [String?])] = [
            (7, ["ws-2", "visio", nil, "", nil, nil, "2026-11-29", nil]),
            (3, ["ws-1", "office", "16.0", "sccm", "2024-01-02", nil, "2026-11-29", "2026-06-30"]),
        ]
        var full = Full()
        try packed(rows).withUnsafeBufferPointer { try PostgresInstallations.unpack($0, into: &full) }
        #expect(full.installations.map(\.device) == ["ws-1", "ws-2"])
        #expect(full.installations[0].version == Version("16.0") && full.installations[1].version == nil)
        #expect(full.installations[0].removed == Day("2026-06-30") && full.installations[1].source == "")
        var table = Positional()
        let positional: [(Int64, [String?])] = [
            (1, ["ws-1", "visio", nil, nil, nil]), (2, ["ws-1", "visio", "1", nil, nil]),
        ]
        try packed(positional).withUnsafeBufferPointer { try PostgresInstallations.unpack($0, into: &table) }
        #expect(table.table.devices.count == 1 && table.table.device == [0, 0] && table.table.version == [-1, 0])
    }

    @Test("a packed value cut short is refused, not read past its end")
    func damaged() {
        let cut = Array(packed([(1, ["ws-1", "visio", nil, nil, nil])]).dropLast(3))
        var table = Positional()
        #expect(throws: TallyError.self) {
            try cut.withUnsafeBufferPointer { try PostgresInstallations.unpack($0, into: &table) }
        }
    }
}
