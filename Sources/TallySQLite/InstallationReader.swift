import Dispatch
import Foundation
import GRDB
import GRDBSQLite
import TallyCore
import TallySQL

/// Reads the installations, the bulk of a store, fast: straight from SQLite's columns, each distinct text (a
/// device, a product, a version, a day) made into a value once and reused, and, in a read of a file store, the two
/// halves of the table on two connections at once.
enum InstallationReader {
    /// Every installation in `rowid` order, as the table a position is computed from.
    static func readTable(_ db: Database, parallelOn pool: DatabasePool?) throws -> InstallationTable {
        try inHalves(db, parallelOn: pool, empty: InstallationTable()) { db, from, to in
            try table(db, from: from, to: to)
        } join: { first, second in
            var joined = first
            joined.append(second)
            return joined
        }
    }

    /// Every installation in `rowid` order.
    static func readAll(_ db: Database, parallelOn pool: DatabasePool?) throws -> [Installation] {
        try inHalves(db, parallelOn: pool, empty: []) { db, from, to in
            try read(db, from: from, to: to)
        } join: {
            $0 + $1
        }
    }

    /// Reads the installation table with `read`, in a read of a file store in two halves at once: the second half on
    /// another connection. It is the same estate only if no change committed in between, which the store's
    /// generation (moved by every change) tells; else the second half is read again here.
    private static func inHalves<T>(
        _ db: Database, parallelOn pool: DatabasePool?, empty: T,
        _ read: @escaping @Sendable (Database, Int64?, Int64?) throws -> T,
        join: (T, T) -> T
    ) throws -> T {
        // The span of rowids, not count(*): each end alone is one b-tree descent (together in one SELECT, or a count,
        // they read every page).
        guard let pool,
            let bounds = try Row.fetchOne(
                db, sql: "SELECT (SELECT min(rowid) FROM installation), (SELECT max(rowid) FROM installation)"),
            let low = bounds[0] as Int64?, let high = bounds[1] as Int64?, high - low >= 200_000
        else { return try read(db, nil, nil) }
        let middle = low + (high - low) / 2
        let generation = try Self.generation(db)
        let second = Box<T>()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global(qos: .userInitiated).async {
            second.result = Result {
                try pool.read { other in (try Self.generation(other), try read(other, middle + 1, high)) }
            }
            done.signal()
        }
        let first = try read(db, low, middle)
        done.wait()
        if case .success(let (seen, rows)) = second.result, seen == generation { return join(first, rows) }
        return join(first, try read(db, middle + 1, high))
    }

    private final class Box<T>: @unchecked Sendable {
        var result: Result<(Int64, T), any Error>?
    }

    private static func generation(_ db: Database) throws -> Int64 {
        try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'generation'").flatMap { Int64($0) } ?? 0
    }

    /// The installations with `rowid` in `[from, to]` (either end open when nil), in `rowid` order.
    static func read(_ db: Database, from: Int64?, to: Int64?) throws -> [Installation] {
        let statement = try db.makeStatement(
            sql: """
                SELECT device, product, version, source, installed, last_used, last_seen, removed FROM installation
                WHERE rowid >= ? AND rowid <= ? ORDER BY rowid
                """)
        try statement.setArguments([from ?? Int64.min, to ?? Int64.max])
        let handle = statement.sqliteStatement
        var devices = Interner<Device.ID>(), products = Interner<Product.ID>()
        var versions = Interner<Version>(), sources = Interner<String>()
        var installations: [Installation] = []
        if let from, let to, to >= from { installations.reserveCapacity(Int(min(to - from + 1, 1 << 26))) }
        func text<T>(_ column: Int32, _ interner: inout Interner<T>, _ make: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
            guard sqlite3_column_type(handle, column) != SQLITE_NULL, let pointer = sqlite3_column_text(handle, column)
            else { return nil }
            let count = Int(sqlite3_column_bytes(handle, column))
            return interner.value(UnsafeBufferPointer(start: pointer, count: count), make: make)
        }
        func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
        func day(_ column: Int32) throws -> Day? {
            guard sqlite3_column_type(handle, column) != SQLITE_NULL, let pointer = sqlite3_column_text(handle, column)
            else { return nil }
            let count = Int(sqlite3_column_bytes(handle, column))
            guard let day = Day(utf8: UnsafeBufferPointer(start: pointer, count: count)) else {
                throw TallyError.failed("a stored date is not a date")
            }
            return day
        }
        while true {
            let step = sqlite3_step(handle)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: step), message: "reading the installations")
            }
            guard let device = text(0, &devices, { Device.ID(string($0)) }),
                let product = text(1, &products, { Product.ID(string($0)) })
            else { throw TallyError.failed("an installation without its device or product") }
            installations.append(
                Installation(
                    device: device, product: product, version: text(2, &versions, { Version(string($0)) }),
                    installed: try day(4), removed: try day(7), lastUsed: try day(5), lastSeen: try day(6),
                    source: text(3, &sources, string)))
        }
        return installations
    }
}

extension InstallationReader {
    /// The installations with `rowid` in `[from, to]` as a table: only the columns a position depends on, each
    /// distinct id numbered once.
    static func table(_ db: Database, from: Int64?, to: Int64?) throws -> InstallationTable {
        let statement = try db.makeStatement(
            sql: """
                SELECT device, product, version, installed, removed FROM installation
                WHERE rowid >= ? AND rowid <= ? ORDER BY rowid
                """)
        try statement.setArguments([from ?? Int64.min, to ?? Int64.max])
        let handle = statement.sqliteStatement
        var expected = 0
        if let from, let to, to >= from { expected = Int(min(to - from + 1, 1 << 26)) }
        var builder = InstallationTableBuilder(reservingCapacity: expected)
        func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
            guard sqlite3_column_type(handle, column) != SQLITE_NULL, let pointer = sqlite3_column_text(handle, column)
            else { return nil }
            return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column)))
        }
        func day(_ column: Int32) throws -> Int32 {
            guard let text = bytes(column) else { return InstallationTable.none }
            guard let day = Day(utf8: text) else { throw TallyError.failed("a stored date is not a date") }
            return day.daysSinceEpoch
        }
        while true {
            let step = sqlite3_step(handle)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: step), message: "reading the installations")
            }
            guard let device = bytes(0), let product = bytes(1) else {
                throw TallyError.failed("an installation without its device or product")
            }
            builder.append(
                device: device, product: product, version: bytes(2), installed: try day(3), removed: try day(4))
        }
        return builder.table
    }
}
