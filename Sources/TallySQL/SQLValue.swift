import TallyCore

/// A value as both backends keep it: SQL's null, a 64-bit integer, a double, text or bytes. Booleans are the
/// integers 0 and 1, days `YYYY-MM-DD` text, instants whole seconds since 1970.
public enum SQLValue: Sendable, Hashable {
    case null
    case int(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// A Swift value that can be bound as a statement's argument and read back from a column.
public protocol SQLValueConvertible {
    var sqlValue: SQLValue { get }
    /// The value a column holds, or nil when it holds another kind of value (or null).
    init?(sqlValue: SQLValue)
    /// What a column read as a non-optional value gives for null: the schema keeps such columns not null.
    static var absent: Self { get }
}

extension String: SQLValueConvertible {
    public var sqlValue: SQLValue { .text(self) }
    public init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .text(let text): self = text
        case .int(let number): self = String(number)
        case .real(let number): self = String(number)
        case .blob(let bytes): self = String(decoding: bytes, as: UTF8.self)
        case .null: return nil
        }
    }
    public static var absent: String { "" }
}

extension Int64: SQLValueConvertible {
    public var sqlValue: SQLValue { .int(self) }
    public init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .int(let number): self = number
        case .real(let number):
            guard let exact = Int64(exactly: number.rounded(.towardZero)) else { return nil }
            self = exact
        case .text(let text):
            guard let number = Int64(text) else { return nil }
            self = number
        case .null, .blob: return nil
        }
    }
    public static var absent: Int64 { 0 }
}

extension Int: SQLValueConvertible {
    public var sqlValue: SQLValue { .int(Int64(self)) }
    public init?(sqlValue: SQLValue) {
        guard let number = Int64(sqlValue: sqlValue) else { return nil }
        self = Int(truncatingIfNeeded: number)
    }
    public static var absent: Int { 0 }
}

extension Double: SQLValueConvertible {
    public var sqlValue: SQLValue { .real(self) }
    public init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .real(let number): self = number
        case .int(let number): self = Double(number)
        case .text(let text):
            guard let number = Double(text) else { return nil }
            self = number
        case .null, .blob: return nil
        }
    }
    public static var absent: Double { 0 }
}

extension Bool: SQLValueConvertible {
    public var sqlValue: SQLValue { .int(self ? 1 : 0) }
    public init?(sqlValue: SQLValue) {
        guard let number = Int64(sqlValue: sqlValue) else { return nil }
        self = number != 0
    }
    public static var absent: Bool { false }
}

/// A statement's arguments, in the order of its `?` marks (`?NNN` names one by number).
public struct SQLArguments: Sendable, ExpressibleByArrayLiteral {
    public var values: [SQLValue]

    public init<T: SQLValueConvertible>(_ values: [T]) { self.values = values.map(\.sqlValue) }

    public init(_ values: [(any SQLValueConvertible)?]) { self.values = values.map { $0?.sqlValue ?? .null } }

    public init(arrayLiteral elements: (any SQLValueConvertible)?...) {
        values = elements.map { $0?.sqlValue ?? .null }
    }
}

extension Optional where Wrapped: SQLValueConvertible {
    /// The value, or null.
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

extension SQLValue: SQLValueConvertible {
    public var sqlValue: SQLValue { self }
    public init?(sqlValue: SQLValue) { self = sqlValue }
    public static var absent: SQLValue { .null }
}
