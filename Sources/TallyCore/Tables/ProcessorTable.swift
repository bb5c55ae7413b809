import Foundation

/// A vendor's table of per-core figures by processor model: Oracle's core factors, IBM's PVU per core.
///
/// Rows are tried in order; the first whose patterns all occur in the processor model (ignoring case) and whose socket
/// limit admits the server gives the value. The last row of each table is the vendor's rule for processors it does not
/// list.
public struct ProcessorTable: Sendable {
    /// The names by which an estate selects a table (`"coreFactor": "oracle"`, `"pvuPerCore": "ibm-pvu"`).
    public enum Name: String, Hashable, Sendable, CaseIterable {
        case oracle
        case ibmPVU = "ibm-pvu"
    }

    /// One row: which processors it names, the figure it gives them, and where that figure was published.
    public struct Row: Sendable {
        /// The processors as the vendor's document names them.
        public let processors: String
        /// Lower-case texts that must all occur in the processor model; empty matches every model.
        public let patterns: [String]
        /// The row applies only to servers with at most this many sockets; nil for any.
        public let maxSockets: Int?
        public let value: Double
        /// The public document (title, address, revision) the value comes from.
        public let source: String

        /// A row of a vendor's table.
        public init(processors: String, patterns: [String], maxSockets: Int? = nil, value: Double, source: String) {
            self.processors = processors
            self.patterns = patterns
            self.maxSockets = maxSockets
            self.value = value
            self.source = source
        }

        func matches(model: [UInt8], sockets: Int) -> Bool {
            if let maxSockets, sockets > maxSockets { return false }
            return patterns.allSatisfy { pattern in
                let needle = Array(pattern.utf8)
                guard needle.count <= model.count else { return false }
                return (0...(model.count - needle.count)).contains { start in
                    model[start..<(start + needle.count)].elementsEqual(needle)
                }
            }
        }
    }

    public let name: Name
    public let rows: [Row]
    /// For a processor the table does not list, what the table gives processors of the same family (x86 servers by
    /// socket count): the likely figure once the vendor confirms it, shown beside the assumed one.
    public let families: [Row]
    private let cache = LookupCache()

    /// A table from its rows, the catch-all row last, and its family rows.
    public init(name: Name, rows: [Row], families: [Row] = []) {
        self.name = name
        self.rows = rows
        self.families = families
    }

    /// What a table says of one processor: the row that applies, whether that row is only the table's rule for
    /// processors it does not list (an assumption), and then what its family's rows would give.
    public struct Lookup: Sendable {
        public let row: Row
        /// True where the processor is not in the table and its catch-all row applies.
        public let assumed: Bool
        /// Where assumed: the figure rows of the same family give, if any.
        public let likely: Row?
    }

    /// The row that applies to a processor model on a server with `sockets` sockets, and whether it is assumed.
    /// Estates repeat a handful of models on thousands of servers: each answer is worked out once.
    public func lookup(model: String?, sockets: Int) -> Lookup {
        let key = LookupCache.Key(model: model, sockets: sockets)
        if let known = cache.value(for: key) { return known }
        let found = search(model: model, sockets: sockets)
        cache.set(found, for: key)
        return found
    }

    private func search(model: String?, sockets: Int) -> Lookup {
        let lowered = Array((model ?? "").lowercased().utf8)
        for (index, row) in rows.enumerated() where row.matches(model: lowered, sockets: sockets) {
            guard index == rows.count - 1 else { return Lookup(row: row, assumed: false, likely: nil) }
            break
        }
        let likely = families.first { $0.matches(model: lowered, sockets: sockets) }
        return Lookup(row: rows[rows.count - 1], assumed: true, likely: likely)
    }

    /// The table an estate names.
    public static func named(_ name: Name) -> ProcessorTable {
        switch name {
        case .oracle: return .oracleCoreFactor
        case .ibmPVU: return .ibmPVU
        }
    }

    /// The row that applies to a processor model on a server with `sockets` sockets.
    public func row(forModel model: String?, sockets: Int) -> Row {
        lookup(model: model, sockets: sockets).row
    }
}

/// The answers of one processor table, worked out once per model and sockets.
private final class LookupCache: @unchecked Sendable {
    struct Key: Hashable {
        var model: String?
        var sockets: Int
    }

    private var answers: [Key: ProcessorTable.Lookup] = [:]
    private let lock = NSLock()

    func value(for key: Key) -> ProcessorTable.Lookup? {
        lock.lock()
        defer { lock.unlock() }
        return answers[key]
    }

    func set(_ value: ProcessorTable.Lookup, for key: Key) {
        lock.lock()
        defer { lock.unlock() }
        // Bounded: a hostile estate of a million distinct models keeps no more than this.
        if answers.count < 65_536 { answers[key] = value }
    }
}
