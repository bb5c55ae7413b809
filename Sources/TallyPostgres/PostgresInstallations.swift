import NIOConcurrencyHelpers
import NIOCore
import PostgresNIO
import TallyCore
import TallySQL

/// The installation table, the bulk of a store, read as PostgreSQL streams it (each row handled as it arrives, each
/// distinct text made into a value once) and written with COPY.
enum PostgresInstallations {
    static func readAll(_ db: PostgresSQLConnection) throws -> [Installation] {
        try inHalves(
            "device, product, version, source, installed, last_used, last_seen, removed", on: db, Full.init
        ) { first, second in
            first.installations + second.installations
        }
    }

    static func readTable(_ db: PostgresSQLConnection) throws -> InstallationTable {
        try inHalves("device, product, version, installed, removed", on: db, Positional.init) { first, second in
            var joined = first.table
            joined.append(second.table)
            return joined
        }
    }

    /// Reads `columns` of every installation in stored order with takers `make` gives. In a read transaction of a
    /// large table, the second half is read at once on another connection of the pool, on the same snapshot (exported
    /// by this transaction), so that the rows come in on two threads.
    private static func inHalves<Taker: RowTaker, T>(
        _ columns: String, on db: PostgresSQLConnection, _ make: () -> Taker, join: (Taker, Taker) -> T
    ) throws -> T {
        let select = "SELECT \(columns) FROM installation WHERE rowid BETWEEN $1 AND $2 ORDER BY rowid"
        guard let pool = db.parallelReads,
            let bounds = try SQLRow.fetchOne(db, sql: "SELECT min(rowid), max(rowid) FROM installation"),
            let low = bounds[0] as Int64?, let high = bounds[1] as Int64?, high - low + 1 >= pool.parallelReadRows,
            let helper = pool.takeIfFree()
        else {
            let all = Reader(make())
            try stream(select, Int64.min, Int64.max, on: db, into: all).wait()
            return join(try all.finish(), make())
        }
        var broken = true
        defer { pool.give(helper, broken: broken) }
        let snapshot = try String.fetchOne(db, sql: "SELECT pg_export_snapshot()") ?? ""
        try helper.execute(sql: "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        try helper.execute(sql: "SET TRANSACTION SNAPSHOT '\(snapshot)'")
        let middle = low + (high - low) / 2
        let first = Reader(make()), second = Reader(make())
        let secondHalf = try stream(select, middle + 1, high, on: helper, into: second)
        let firstHalf = try stream(select, low, middle, on: db, into: first)
        try firstHalf.wait()
        try secondHalf.wait()
        try helper.execute(sql: "COMMIT")
        broken = false
        return join(try first.finish(), try second.finish())
    }

    static func insert(
        _ installations: [Installation], firstSeen day: Day, batch: Int64?, on db: PostgresSQLConnection,
        progress: (Int) -> Void
    ) throws {
        var copy = CopyText()
        copy.buffer.reserveCapacity(installations.count * 96)
        let firstSeen = day.description
        for (i, item) in installations.enumerated() {
            copy.text(item.device.rawValue)
            copy.separator()
            copy.text(item.product.rawValue)
            copy.separator()
            copy.text(item.version?.text)
            copy.separator()
            copy.text(item.source)
            for value in [item.installed, item.lastUsed, item.lastSeen, item.removed] {
                copy.separator()
                copy.text(value?.description)
            }
            copy.separator()
            copy.text(firstSeen)
            copy.separator()
            copy.int(batch)
            copy.endRow()
            if i & 0xFFFF == 0xFFFF { progress(i + 1) }
        }
        try db.copyIn(
            table: "installation",
            columns: [
                "device", "product", "version", "source", "installed", "last_used", "last_seen", "removed",
                "first_seen", "batch",
            ], copy.buffer)
    }

    /// Starts a query of the rows with `rowid` from `low` to `high`, which `reader` takes one by one on the
    /// connection's event loop; the future completes at the end.
    private static func stream<R: RowTaker>(
        _ sql: String, _ low: Int64, _ high: Int64, on db: PostgresSQLConnection, into reader: Reader<R>
    ) throws -> EventLoopFuture<PostgresQueryMetadata> {
        var bindings = PostgresBindings(capacity: 2)
        bindings.append(low)
        bindings.append(high)
        return db.connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: db.logger) { row in
            try reader.take(row)
        }
    }

    /// The rows' consumer, used from one event-loop thread at a time and read once the query is done.
    final class Reader<Taker: RowTaker>: @unchecked Sendable {
        private var taker: Taker
        private let lock = NIOLock()

        init(_ taker: Taker) { self.taker = taker }

        func take(_ row: PostgresRow) throws {
            try lock.withLock { try taker.take(row) }
        }

        func finish() throws -> Taker { lock.withLock { taker } }
    }
}

protocol RowTaker: SendableMetatype {
    mutating func take(_ row: PostgresRow) throws
}

extension PostgresRow {
    /// Each cell's bytes, nil for null, handed to `body` in column order.
    fileprivate func withCells(_ body: (Int, UnsafeBufferPointer<UInt8>?) throws -> Void) rethrows {
        for (i, cell) in self.enumerated() {
            guard let bytes = cell.bytes else {
                try body(i, nil)
                continue
            }
            try bytes.withUnsafeReadableBytes { raw in
                try body(i, raw.bindMemory(to: UInt8.self))
            }
        }
    }
}

/// Reads whole installations.
struct Full: RowTaker {
    var installations: [Installation] = []
    private var devices = Interner<Device.ID>(), products = Interner<Product.ID>()
    private var versions = Interner<Version>(), sources = Interner<String>()

    mutating func take(_ row: PostgresRow) throws {
        var device: Device.ID?, product: Product.ID?, version: Version?, source: String?
        var days: [Day?] = [nil, nil, nil, nil]
        try row.withCells { column, bytes in
            guard let bytes else { return }
            switch column {
            case 0: device = devices.value(bytes) { Device.ID(String(decoding: $0, as: UTF8.self)) }
            case 1: product = products.value(bytes) { Product.ID(String(decoding: $0, as: UTF8.self)) }
            case 2: version = versions.value(bytes) { Version(String(decoding: $0, as: UTF8.self)) }
            case 3: source = sources.value(bytes) { String(decoding: $0, as: UTF8.self) }
            default: days[column - 4] = try Self.day(bytes)
            }
        }
        guard let device, let product else {
            throw TallyError.failed("an installation without its device or product")
        }
        installations.append(
            Installation(
                device: device, product: product, version: version, installed: days[0], removed: days[3],
                lastUsed: days[1], lastSeen: days[2], source: source))
    }

    static func day(_ bytes: UnsafeBufferPointer<UInt8>) throws -> Day {
        guard let day = Day(utf8: bytes) else { throw TallyError.failed("a stored date is not a date") }
        return day
    }
}

/// Reads the columns a position depends on, each distinct id numbered once.
struct Positional: RowTaker {
    var table = InstallationTable()
    private var devices = Interner<Int32>(), products = Interner<Int32>(), versions = Interner<Int32>()

    mutating func take(_ row: PostgresRow) throws {
        var device: Int32 = -1, product: Int32 = -1, version: Int32 = -1
        var installed = InstallationTable.none, removed = InstallationTable.none
        try row.withCells { column, bytes in
            guard let bytes else { return }
            switch column {
            case 0:
                device = devices.value(bytes) { text in
                    table.devices.append(Device.ID(String(decoding: text, as: UTF8.self)))
                    return Int32(table.devices.count - 1)
                }
            case 1:
                product = products.value(bytes) { text in
                    table.products.append(Product.ID(String(decoding: text, as: UTF8.self)))
                    return Int32(table.products.count - 1)
                }
            case 2:
                version = versions.value(bytes) { text in
                    table.versions.append(String(decoding: text, as: UTF8.self))
                    return Int32(table.versions.count - 1)
                }
            case 3: installed = try Full.day(bytes).daysSinceEpoch
            default: removed = try Full.day(bytes).daysSinceEpoch
            }
        }
        guard device >= 0, product >= 0 else {
            throw TallyError.failed("an installation without its device or product")
        }
        table.device.append(device)
        table.product.append(product)
        table.version.append(version)
        table.installed.append(installed)
        table.removed.append(removed)
    }
}
