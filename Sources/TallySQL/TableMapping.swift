import TallyCore

/// How one collection of the estate maps to a table: its columns, which of them identify a row, and the conversions.
///
/// Records with an id are identified by it. Records without one (installations, usage, denials, assignments) are
/// identified by their leading `identity` columns and, among equal ones, by their order, so that two identical
/// lines of a file stay two rows.
struct TableMapping<Record: Sendable>: Sendable {
    let collection: String
    let table: String
    /// Every column written, identity columns first.
    let columns: [String]
    let identity: Int
    /// Whether the first column is a text id (the primary key); else rows are found by `rowid`.
    let keyed: Bool
    let values: @Sendable (Record) -> [SQLValue]
    let record: @Sendable (SQLRow) throws -> Record
}

/// Conversions between model values and stored values.
enum Column {
    static func text(_ value: String?) -> SQLValue { value?.sqlValue ?? .null }
    static func int(_ value: Int?) -> SQLValue { value?.sqlValue ?? .null }
    static func real(_ value: Double?) -> SQLValue { value?.sqlValue ?? .null }
    static func bool(_ value: Bool) -> SQLValue { (value ? 1 : 0).sqlValue }
    static func day(_ value: Day?) -> SQLValue { text(value?.description) }
    static func instant(_ value: Instant?) -> SQLValue { int(value.map { Int($0.secondsSinceEpoch) }) }

    static func rating(_ rating: License.Rating) -> SQLValue {
        switch rating {
        case .value(let value): return value.description.sqlValue
        case .table(let name): return name.rawValue.sqlValue
        }
    }

    static func day(_ row: SQLRow, _ index: Int) throws -> Day? {
        try day(row[index] as String?)
    }

    static func day(_ text: String?) throws -> Day? {
        guard let text else { return nil }
        guard let day = Day(text) else { throw TallyError.failed("a stored date \"\(text)\" is not a date") }
        return day
    }

    static func instant(_ row: SQLRow, _ index: Int) -> Instant? {
        (row[index] as Int64?).map { Instant(secondsSinceEpoch: $0) }
    }

    static func rating(_ row: SQLRow, _ index: Int) throws -> License.Rating {
        let text: String = row[index] ?? "1"
        if let name = ProcessorTable.Name(rawValue: text) { return .table(name) }
        guard let value = Double(text) else { throw TallyError.failed("a stored rating \"\(text)\" is not a number") }
        return .value(value)
    }

    static func optionalChoice<T: RawRepresentable>(_ row: SQLRow, _ index: Int, _ type: T.Type) throws -> T?
    where T.RawValue == String {
        (row[index] as String?) == nil ? nil : try choice(row, index, type)
    }

    static func choice<T: RawRepresentable>(_ row: SQLRow, _ index: Int, _ type: T.Type) throws -> T
    where T.RawValue == String {
        let text: String = row[index] ?? ""
        guard let value = T(rawValue: text) else { throw TallyError.failed("a stored value \"\(text)\" is unknown") }
        return value
    }
}
