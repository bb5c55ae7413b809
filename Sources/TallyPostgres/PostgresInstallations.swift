import NIOCore
import PostgresNIO
import TallyCore
import TallySQL

/// The installation table, the bulk of a store, read fast and written with COPY.
///
/// A row at a time through the driver costs more than the server takes to send it, so the server packs the rows of
/// a range of `rowid` into one value (`string_agg` of bytes): each row its `rowid` (8 bytes, big-endian), then each
/// column's text in UTF-8 followed by a zero byte, null written as the byte 0xFF (neither ever occurs in UTF-8 text).
/// The ranges are read on two connections at once in a read transaction (one snapshot, exported), each unpacked on
/// its connection's thread, and every distinct text made into a value once.
enum PostgresInstallations {
    static func readAll(_ db: PostgresSQLConnection) throws -> [Installation] {
        try read(on: db, Full.self).reduce(into: []) { $0 += $1.installations }
    }

    static func readTable(_ db: PostgresSQLConnection) throws -> InstallationTable {
        var table = InstallationTable()
        for part in try read(on: db, Positional.self) { table.append(part.table) }
        return table
    }

    /// How many rows of `rowid` one packed value covers at most (well under PostgreSQL's 1 GB for a value); in a
    /// read transaction, half the rows from which a table is read on two connections.
    static let rangeRows: Int64 = 262_144

    /// Every installation in stored order, read by takers of type `Taker`, one a range.
    private static func read<Taker: RowTaker>(on db: PostgresSQLConnection, _ type: Taker.Type) throws -> [Taker] {
        guard let bounds = try SQLRow.fetchOne(db, sql: "SELECT min(rowid), max(rowid) FROM installation"),
            let low = bounds[0] as Int64?, let high = bounds[1] as Int64?
        else { return [] }
        var connections = [db]
        var helper: PostgresSQLConnection?
        var helperBroken = true
        if let pool = db.parallelReads, high - low + 1 >= pool.parallelReadRows, let other = pool.takeIfFree() {
            helper = other
            let snapshot = try String.fetchOne(db, sql: "SELECT pg_export_snapshot()") ?? ""
            try other.execute(sql: "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            try other.execute(sql: "SET TRANSACTION SNAPSHOT '\(snapshot)'")
            connections.append(other)
        }
        defer { if let helper { db.parallelReads?.give(helper, broken: helperBroken) } }
        let sql = packedQuery(Taker.columns)
        let range = db.parallelReads.map { max(1, $0.parallelReadRows / 2) } ?? rangeRows
        var parts: [EventLoopFuture<Box<Taker>>] = []
        var start = low
        while start <= high {
            let end = start + min(range - 1, high - start)
            let connection = connections[parts.count % connections.count]
            var bindings = PostgresBindings(capacity: 2)
            bindings.append(start)
            bindings.append(end)
            parts.append(
                connection.connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: db.logger)
                    .flatMapThrowing { result in Box(try unpack(result.rows.first, Taker.self)) })
            if end == Int64.max { break }
            start = end + 1
        }
        let taken = try parts.map { try $0.wait().value }
        if let helper {
            try helper.execute(sql: "COMMIT")
            helperBroken = false
        }
        return taken
    }

    /// The query packing `columns` of the installations with `rowid` from $1 to $2.
    static func packedQuery(_ columns: [String]) -> String {
        // textsend gives the text in the connection's encoding, UTF-8 (cheaper than convert_to).
        let fields = columns.map { "coalesce(textsend(\($0)), '\\xff'::bytea) || '\\x00'::bytea" }
        return "SELECT string_agg(int8send(rowid) || \(fields.joined(separator: " || ")), ''::bytea) "
            + "FROM (SELECT rowid, \(columns.joined(separator: ", ")) FROM installation "
            + "WHERE rowid BETWEEN $1 AND $2 ORDER BY rowid) i"
    }

    /// Unpacks one range's value into a new taker.
    static func unpack<Taker: RowTaker>(_ row: PostgresRow?, _ type: Taker.Type) throws -> Taker {
        var taker = Taker()
        guard let row, let cell = row.first(where: { _ in true }), let bytes = cell.bytes else { return taker }
        try bytes.withUnsafeReadableBytes { raw in try unpack(raw.bindMemory(to: UInt8.self), into: &taker) }
        return taker
    }

    /// Hands the packed rows to `taker` in `rowid` order (sorted here should the server have aggregated them in
    /// another).
    static func unpack<Taker: RowTaker>(_ packed: UnsafeBufferPointer<UInt8>, into taker: inout Taker) throws {
        let columns = Taker.columns.count
        var rows: [(rowid: Int64, offset: Int)] = []
        var offset = 0
        var sorted = true
        while offset < packed.count {
            guard offset + 8 <= packed.count else { throw damaged() }
            var rowid: Int64 = 0
            for i in 0..<8 { rowid = rowid << 8 | Int64(packed[offset + i]) }
            if let last = rows.last, last.rowid >= rowid { sorted = false }
            rows.append((rowid, offset + 8))
            offset += 8
            for _ in 0..<columns {
                guard let end = packed[offset...].firstIndex(of: 0) else { throw damaged() }
                offset = end + 1
            }
        }
        if !sorted { rows.sort { $0.rowid < $1.rowid } }
        var fields = [UnsafeBufferPointer<UInt8>?](repeating: nil, count: columns)
        for row in rows {
            var start = row.offset
            for column in 0..<columns {
                var end = start
                while packed[end] != 0 { end += 1 }
                let field = UnsafeBufferPointer(rebasing: packed[start..<end])
                fields[column] = field.count == 1 && field[0] == 0xFF ? nil : field
                start = end + 1
            }
            try taker.take(fields)
        }
    }

    private static func damaged() -> TallyError {
        .failed("the installations came back from the database damaged; try again")
    }

    static func insert(
        _ installations: [Installation], firstSeen day: Day, batch: Int64?, on db: PostgresSQLConnection,
        progress: (Int) -> Void
    ) throws {
        guard !installations.isEmpty else { return }
        // The rows are numbered here, from the sequence's next value on (the server numbering each row itself takes a
        // third of the COPY), and the sequence is moved past them.
        let sequence = "pg_get_serial_sequence('installation', 'rowid')"
        guard let first = try Int64.fetchOne(db, sql: "SELECT nextval(\(sequence))") else {
            throw TallyError.failed("the installations' sequence gave no number")
        }
        // Into an empty table (a first import), rows load faster without the index on their order, which is then
        // built once from the sorted rows, as PostgreSQL's guide to bulk loading advises; and the two columns every
        // row shares (the day first seen and the batch) are the table's defaults for the load rather than text the
        // server reads a million times. The table is held exclusively for it: other servers' readers of the table wait
        // for the import to commit, as they would for its rows.
        let firstLoad =
            try installations.count >= 100_000
            && Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM installation)") ?? false
        var columns = [
            "rowid", "device", "product", "version", "source", "installed", "last_used", "last_seen", "removed",
        ]
        if firstLoad {
            try db.execute(sql: "ALTER TABLE installation DROP CONSTRAINT installation_pkey")
            try db.execute(
                sql: "ALTER TABLE installation ALTER COLUMN first_seen SET DEFAULT '\(day)', "
                    + "ALTER COLUMN batch SET DEFAULT \(batch.map(String.init) ?? "NULL")")
        } else {
            columns += ["first_seen", "batch"]
        }
        try db.copyIn(table: "installation", columns: columns) { stream, text in
            for (i, item) in installations.enumerated() {
                text.int(first + Int64(i))
                text.separator()
                text.text(item.device.rawValue)
                text.separator()
                text.text(item.product.rawValue)
                text.separator()
                text.text(item.version?.text)
                text.separator()
                text.text(item.source)
                text.separator()
                text.day(item.installed)
                text.separator()
                text.day(item.lastUsed)
                text.separator()
                text.day(item.lastSeen)
                text.separator()
                text.day(item.removed)
                if !firstLoad {
                    text.separator()
                    text.day(day)
                    text.separator()
                    text.int(batch)
                }
                stream.endRow(&text)
                if i & 0xFFFF == 0xFFFF { progress(i + 1) }
            }
        }
        try db.execute(
            sql: "SELECT setval(\(sequence), ?)", arguments: [first + Int64(installations.count) - 1])
        if firstLoad {
            try db.execute(
                sql: "ALTER TABLE installation ALTER COLUMN first_seen DROP DEFAULT, ALTER COLUMN batch DROP DEFAULT")
            try db.execute(sql: "ALTER TABLE installation ADD PRIMARY KEY (rowid)")
        }
    }

    /// A value handed from an event loop's thread to the transaction's, once.
    final class Box<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }
}

/// Reads installations a row at a time, each row's columns given as UTF-8 bytes (nil for null).
protocol RowTaker: SendableMetatype {
    static var columns: [String] { get }
    init()
    mutating func take(_ fields: [UnsafeBufferPointer<UInt8>?]) throws
}

/// Reads whole installations.
struct Full: RowTaker {
    static let columns = ["device", "product", "version", "source", "installed", "last_used", "last_seen", "removed"]
    var installations: [Installation] = []
    private var devices = Interner<Device.ID>(), products = Interner<Product.ID>()
    private var versions = Interner<Version>(), sources = Interner<String>()

    mutating func take(_ fields: [UnsafeBufferPointer<UInt8>?]) throws {
        guard let device = fields[0], let product = fields[1] else {
            throw TallyError.failed("an installation without its device or product")
        }
        installations.append(
            Installation(
                device: devices.value(device) { Device.ID(String(decoding: $0, as: UTF8.self)) },
                product: products.value(product) { Product.ID(String(decoding: $0, as: UTF8.self)) },
                version: fields[2].map { versions.value($0) { Version(String(decoding: $0, as: UTF8.self)) } },
                installed: try Self.day(fields[4]), removed: try Self.day(fields[7]), lastUsed: try Self.day(fields[5]),
                lastSeen: try Self.day(fields[6]),
                source: fields[3].map { sources.value($0) { String(decoding: $0, as: UTF8.self) } }))
    }

    static func day(_ bytes: UnsafeBufferPointer<UInt8>?) throws -> Day? {
        guard let bytes else { return nil }
        guard let day = Day(utf8: bytes) else { throw TallyError.failed("a stored date is not a date") }
        return day
    }
}

/// Reads the columns a position depends on.
struct Positional: RowTaker {
    static let columns = ["device", "product", "version", "installed", "removed"]
    var builder = InstallationTableBuilder()
    var table: InstallationTable { builder.table }

    mutating func take(_ fields: [UnsafeBufferPointer<UInt8>?]) throws {
        guard let device = fields[0], let product = fields[1] else {
            throw TallyError.failed("an installation without its device or product")
        }
        builder.append(
            device: device, product: product, version: fields[2],
            installed: try Full.day(fields[3])?.daysSinceEpoch ?? InstallationTable.none,
            removed: try Full.day(fields[4])?.daysSinceEpoch ?? InstallationTable.none)
    }
}
