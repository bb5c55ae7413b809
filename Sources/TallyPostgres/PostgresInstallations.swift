import NIOConcurrencyHelpers
import NIOCore
import PostgresNIO
import TallyCore
import TallySQL

/// The installation table, the bulk of a store, read as PostgreSQL streams it (each row handled as it arrives, each
/// distinct text made into a value once) and written with COPY.
enum PostgresInstallations {
    static func readAll(_ db: PostgresSQLConnection) throws -> [Installation] {
        let reader = Reader(Full())
        try stream(
            "SELECT device, product, version, source, installed, last_used, last_seen, removed FROM installation "
                + "ORDER BY rowid", on: db, into: reader)
        return try reader.finish().installations
    }

    static func readTable(_ db: PostgresSQLConnection) throws -> InstallationTable {
        let reader = Reader(Positional())
        try stream(
            "SELECT device, product, version, installed, removed FROM installation ORDER BY rowid", on: db,
            into: reader)
        return try reader.finish().table
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

    /// Runs a query whose rows `reader` takes one by one on the connection's event loop, and waits for the end.
    private static func stream<R: RowTaker>(
        _ sql: String, on db: PostgresSQLConnection, into reader: Reader<R>
    )
        throws
    {
        _ = try db.connection.query(PostgresQuery(unsafeSQL: sql), logger: db.logger) { row in
            try reader.take(row)
        }.wait()
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
