/// A record of one collection of the estate format, as imports match it against what is kept: by its id, or, for
/// records without one, by the fields that identify it (among equal identities, the n-th of a file matches the n-th
/// kept, so that two identical lines stay two records).
public protocol StoredRecord: Sendable {
    associatedtype Identity: Hashable
    /// The collection's name in the estate format (`installations`).
    static var collection: String { get }
    var identity: Identity { get }
    /// Whether every value is the same, texts compared as written (`16` and `16.0` are two versions here).
    func sameValues(as other: Self) -> Bool
}

extension StoredRecord where Self: Equatable {
    public func sameValues(as other: Self) -> Bool { self == other }
}

extension Department: StoredRecord {
    public static let collection = "departments"
    public var identity: String { id.rawValue }
}

extension Contract: StoredRecord {
    public static let collection = "contracts"
    public var identity: String { id.rawValue }
}

extension ExchangeRate: StoredRecord {
    public static let collection = "rates"

    /// A currency has one rate a day.
    public struct Identity: Hashable, Sendable {
        var currency: String, date: Day
    }

    public var identity: Identity { Identity(currency: currency, date: date) }
}

extension Person: StoredRecord {
    public static let collection = "people"
    public var identity: String { id.rawValue }
}

extension Device: StoredRecord {
    public static let collection = "devices"
    public var identity: String { id.rawValue }
}

extension Product: StoredRecord {
    public static let collection = "products"
    public var identity: String { id.rawValue }
}

extension Installation: StoredRecord {
    public static let collection = "installations"

    public struct Identity: Hashable, Sendable {
        var device: String, product: String, version: String?, source: String?
    }

    public var identity: Identity {
        Identity(device: device.rawValue, product: product.rawValue, version: version?.text, source: source)
    }

    public func sameValues(as other: Installation) -> Bool {
        self == other && version?.text == other.version?.text
    }
}

extension UsageSession: StoredRecord {
    public static let collection = "usage"

    public struct Identity: Hashable, Sendable {
        var product: String, user: String?, host: String?, start: Instant, source: String?
    }

    public var identity: Identity {
        Identity(product: product.rawValue, user: user, host: host, start: start, source: source)
    }
}

extension Denial: StoredRecord {
    public static let collection = "denials"

    public struct Identity: Hashable, Sendable {
        var product: String, user: String?, host: String?, at: Instant, source: String?
    }

    public var identity: Identity {
        Identity(product: product.rawValue, user: user, host: host, at: at, source: source)
    }
}

extension Assignment: StoredRecord {
    public static let collection = "assignments"
    public var identity: Assignment { self }
}

extension Entitlement: StoredRecord {
    public static let collection = "entitlements"
    public var identity: String { id.rawValue }

    public func sameValues(as other: Entitlement) -> Bool {
        self == other && version?.text == other.version?.text
    }
}
