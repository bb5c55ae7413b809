import Foundation
import Logging
import NIOCore
import PostgresNIO
import TallyCore
import TallySQL

/// The store's SQL run on a PostgreSQL connection, inside the transaction the store opened. Its calls block: the
/// store runs a transaction's body on a thread of its own, never on an event loop.
final class PostgresSQLConnection: SQLConnection, @unchecked Sendable {
    let connection: PostgresConnection
    let logger: Logger
    /// In a read transaction, the pool whose other connections may read a large table's second half at once.
    var parallelReads: PostgresPool?

    init(_ connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    var dialect: SQLDialect { .postgres }

    @discardableResult
    func execute(sql: String, arguments: SQLArguments) throws -> Int {
        let result = try connection.query(Self.query(sql, arguments), logger: logger).wait()
        return result.metadata.rows ?? 0
    }

    /// Runs statements each ended by a semicolon at the end of a line, without arguments (a migration).
    func executeScript(_ sql: String) throws {
        for statement in sql.components(separatedBy: ";\n") {
            let trimmed = statement.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { try execute(sql: trimmed, arguments: []) }
        }
    }

    func forEachRow(sql: String, arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws {
        let result = try connection.query(Self.query(sql, arguments), logger: logger).wait()
        guard let first = result.rows.first else { return }
        let columns = SQLColumns(first.map(\.columnName))
        for row in result.rows {
            try body(SQLRow(values: try row.map(Self.value), columns: columns))
        }
    }

    func prepare(sql: String) throws -> any SQLStatement {
        Prepared(connection: self, sql: sql)
    }

    func bulkInsert(
        into table: String, columns: [String], rows: (_ add: ([SQLValue]) throws -> Void) throws -> Void
    ) throws {
        try copyIn(table: table, columns: columns) { stream, text in
            try rows { values in
                for (i, value) in values.enumerated() {
                    if i > 0 { text.separator() }
                    text.value(value)
                }
                stream.endRow(&text)
            }
        }
    }

    func readInstallations() throws -> [Installation] {
        try PostgresInstallations.readAll(self)
    }

    func readInstallationTable() throws -> InstallationTable {
        try PostgresInstallations.readTable(self)
    }

    func insertInstallations(
        _ installations: [Installation], firstSeen day: Day, batch: Int64?, progress: (Int) -> Void
    ) throws {
        try PostgresInstallations.insert(installations, firstSeen: day, batch: batch, on: self, progress: progress)
    }

    /// Streams rows `produce` writes in COPY's text format into `table`, a megabyte at a time as they are written,
    /// so that the server takes the first rows while the others are being written.
    func copyIn(table: String, columns: [String], _ produce: (CopyStream, inout CopyText) throws -> Void) throws {
        let connection = self.connection, logger = self.logger
        // The driver quotes each name itself.
        let columns = columns.map { $0.replacingOccurrences(of: "\"", with: "") }
        let (chunks, continuation) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
        let copied = connection.eventLoop.makePromise(of: Void.self)
        copied.completeWithTask {
            try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                for try await chunk in chunks { try await writer.write(chunk) }
            }
        }
        let stream = CopyStream(continuation)
        var text = stream.start()
        do {
            try produce(stream, &text)
            stream.finish(text)
        } catch {
            continuation.finish(throwing: error)
            _ = try? copied.futureResult.wait()
            throw error
        }
        try copied.futureResult.wait()
    }

    private struct Prepared: SQLStatement {
        let connection: PostgresSQLConnection
        let sql: String

        func execute(arguments: SQLArguments) throws -> Int {
            try connection.execute(sql: sql, arguments: arguments)
        }
    }

    /// The statement with PostgreSQL's numbered marks for SQLite's `?` and `?NNN`, and its arguments bound.
    static func query(_ sql: String, _ arguments: SQLArguments) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: arguments.values.count)
        for value in arguments.values {
            switch value {
            case .null: bindings.appendNull()
            case .int(let number): bindings.append(number)
            case .real(let number): bindings.append(number)
            case .text(let text): bindings.append(text)
            case .blob(let bytes): bindings.append(ByteBuffer(bytes: bytes))
            }
        }
        return PostgresQuery(unsafeSQL: PlaceholderRewriter.numbered(sql), binds: bindings)
    }

    /// A cell as a stored value: integers, reals and texts as they are, numerics (what `sum` gives) as a real or,
    /// when whole, an integer.
    static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard var bytes = cell.bytes else { return .null }
        if cell.format == .text { return .text(String(buffer: bytes)) }
        switch cell.dataType {
        case .int2: return .int(Int64(bytes.readInteger(as: Int16.self) ?? 0))
        case .int4: return .int(Int64(bytes.readInteger(as: Int32.self) ?? 0))
        case .int8: return .int(bytes.readInteger(as: Int64.self) ?? 0)
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .bool: return .int(bytes.readInteger(as: UInt8.self) == 0 ? 0 : 1)
        case .bytea: return .blob(Array(bytes.readableBytesView))
        case .numeric:
            let text = "\(try cell.decode(Decimal.self))"
            if let number = Int64(text) { return .int(number) }
            return .real(Double(text) ?? 0)
        default: return .text(String(buffer: bytes))
        }
    }
}

/// Where rows in COPY's text format go to the server: the writer keeps its own `CopyText` (a local value, which costs
/// nothing to write to) and hands it over each time it ends a row; a megabyte at a time is sent.
final class CopyStream {
    private let continuation: AsyncThrowingStream<ByteBuffer, any Error>.Continuation
    private static let chunk = 1 << 20

    init(_ continuation: AsyncThrowingStream<ByteBuffer, any Error>.Continuation) {
        self.continuation = continuation
    }

    /// A new text to write rows into.
    func start() -> CopyText {
        var text = CopyText()
        text.buffer.reserveCapacity(Self.chunk + 4096)
        return text
    }

    /// Ends a row; sends the rows written once they fill a chunk.
    func endRow(_ text: inout CopyText) {
        text.endRow()
        guard text.buffer.readableBytes >= Self.chunk else { return }
        continuation.yield(text.buffer)
        text = start()
    }

    /// Sends what is left and ends the data.
    func finish(_ text: CopyText) {
        if text.buffer.readableBytes > 0 { continuation.yield(text.buffer) }
        continuation.finish()
    }
}

/// Rows in COPY's text format: tab between values, a newline after each row, `\N` for null, and the characters
/// that would end a value escaped.
struct CopyText {
    var buffer = ByteBuffer()

    mutating func value(_ value: SQLValue) {
        switch value {
        case .null: buffer.writeStaticString("\\N")
        case .int(let number): buffer.writeString(String(number))
        case .real(let number): buffer.writeString(number.description)
        case .text(let text): self.text(text)
        case .blob(let bytes): self.text("\\x" + bytes.map { String(format: "%02x", $0) }.joined())
        }
    }

    mutating func text(_ text: String?) {
        guard var text else {
            buffer.writeStaticString("\\N")
            return
        }
        text.withUTF8 { bytes in
            // Most values hold nothing to escape: copied at once.
            guard bytes.contains(where: { $0 == UInt8(ascii: "\\") || $0 < 0x20 }) else {
                buffer.writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
                case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
                case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
    }

    /// A day as `YYYY-MM-DD`, its digits written straight into the buffer (a million rows hold four each).
    mutating func day(_ day: Day?) {
        guard let day else {
            buffer.writeStaticString("\\N")
            return
        }
        let (year, month, date) = day.parts
        guard (0...9999).contains(year) else { return text(day.description) }
        let zero = UInt8(ascii: "0")
        buffer.writeMultipleIntegers(
            zero + UInt8(year / 1000), zero + UInt8(year / 100 % 10), zero + UInt8(year / 10 % 10),
            zero + UInt8(year % 10), UInt8(ascii: "-"), zero + UInt8(month / 10), zero + UInt8(month % 10),
            UInt8(ascii: "-"), zero + UInt8(date / 10), zero + UInt8(date % 10))
    }

    mutating func int(_ number: Int64?) {
        guard let number else {
            buffer.writeStaticString("\\N")
            return
        }
        buffer.writeString(String(number))
    }

    mutating func separator() { buffer.writeInteger(UInt8(ascii: "\t")) }
    mutating func endRow() { buffer.writeInteger(UInt8(ascii: "\n")) }
}
