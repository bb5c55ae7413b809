import TallyCore

/// One row of a result: its values by position, or by column name.
public struct SQLRow: Sendable {
    public let values: [SQLValue]
    /// The result's column names, shared by its rows.
    public let columns: SQLColumns

    public init(values: [SQLValue], columns: SQLColumns) {
        self.values = values
        self.columns = columns
    }

    /// The value at `index`; null (or a value of another kind) gives nil.
    public subscript<T: SQLValueConvertible>(_ index: Int) -> T? {
        values.indices.contains(index) ? T(sqlValue: values[index]) : nil
    }

    /// The value at `index`, from a column the schema keeps not null.
    public subscript<T: SQLValueConvertible>(_ index: Int) -> T {
        (self[index] as T?) ?? T.absent
    }

    public subscript<T: SQLValueConvertible>(_ name: String) -> T? {
        columns.index(of: name).flatMap { self[$0] as T? }
    }

    public subscript<T: SQLValueConvertible>(_ name: String) -> T {
        (self[name] as T?) ?? T.absent
    }
}

/// The names of a result's columns, shared by its rows; a name is looked up case aside (the first column of a name).
public final class SQLColumns: Sendable {
    private let positions: [String: Int]

    public init(_ names: [String]) {
        var positions: [String: Int] = [:]
        for (i, name) in names.enumerated() where positions[name.lowercased()] == nil {
            positions[name.lowercased()] = i
        }
        self.positions = positions
    }

    func index(of name: String) -> Int? { positions[name.lowercased()] }
}

/// A type read from rows one by one.
public protocol SQLRecord {
    init(row: SQLRow) throws
}
