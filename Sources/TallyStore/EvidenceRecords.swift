import TallyCore

/// A raw (publisher, name, version) as inventories report it; absent parts are empty.
public struct TitleKey: Hashable, Sendable {
    public var publisher: String
    public var name: String
    public var version: String

    public init(publisher: String, name: String, version: String) {
        self.publisher = publisher
        self.name = name
        self.version = version
    }
}

/// What the catalog made of a title, as kept: `product` (with the product and clean version), `ignored` (with the
/// rule) or `unrecognized`.
public struct TitleOutcome: Equatable, Sendable {
    public var kind: String
    public var product: String?
    public var version: String?
    public var rule: String?

    public init(kind: String, product: String?, version: String?, rule: String?) {
        self.kind = kind
        self.product = product
        self.version = version
        self.rule = rule
    }

    public init(_ normalization: Normalization) {
        switch normalization {
        case .product(let id, let version):
            self.init(kind: "product", product: id.rawValue, version: version?.description, rule: nil)
        case .ignored(let rule):
            self.init(kind: "ignored", product: nil, version: nil, rule: rule.rawValue)
        case .unrecognized:
            self.init(kind: "unrecognized", product: nil, version: nil, rule: nil)
        }
    }
}

/// A kept title: its id, what it is, and what the catalog made of it.
public struct StoredTitle: Sendable, Equatable {
    public var id: Int64
    public var key: TitleKey
    public var outcome: TitleOutcome

    public init(id: Int64, key: TitleKey, outcome: TitleOutcome) {
        self.id = id
        self.key = key
        self.outcome = outcome
    }
}

/// A title a source currently sees on a device: the sighting's id, its install day and first day seen.
public struct CurrentSighting: Sendable, Equatable {
    public var id: Int64
    public var installed: Day?
    public var firstSeen: Day

    public init(id: Int64, installed: Day?, firstSeen: Day) {
        self.id = id
        self.installed = installed
        self.firstSeen = firstSeen
    }
}

/// A title first seen on a device by a source.
public struct NewSighting: Sendable, Equatable {
    public var device: Device.ID
    public var source: String
    public var title: Int64
    public var installed: Day?
    public var day: Day

    public init(device: Device.ID, source: String, title: Int64, installed: Day?, day: Day) {
        self.device = device
        self.source = source
        self.title = title
        self.installed = installed
        self.day = day
    }
}

/// One source's sighting of a recognised product on a device.
public struct Evidence: Comparable, Sendable {
    public var device: Device.ID
    public var product: Product.ID
    public var version: String?
    public var source: String
    public var installed: Day?
    public var firstSeen: Day
    public var lastSeen: Day
    /// The day the source no longer saw it; nil while it does.
    public var removed: Day?

    public init(
        device: Device.ID, product: Product.ID, version: String?, source: String, installed: Day?, firstSeen: Day,
        lastSeen: Day, removed: Day? = nil
    ) {
        self.device = device
        self.product = product
        self.version = version
        self.source = source
        self.installed = installed
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.removed = removed
    }

    /// The same device, product and clean version: one installation.
    public func sameInstallation(as other: Evidence) -> Bool {
        device == other.device && product == other.product && version == other.version
    }

    public static func < (a: Evidence, b: Evidence) -> Bool {
        (a.device.rawValue, a.product.rawValue, a.version ?? "", a.source)
            < (b.device.rawValue, b.product.rawValue, b.version ?? "", b.source)
    }
}

/// An installation derived from inventory evidence, with the first day it was seen.
public struct DerivedInstallation: Sendable, Equatable {
    public var installation: Installation
    public var firstSeen: Day

    public init(installation: Installation, firstSeen: Day) {
        self.installation = installation
        self.firstSeen = firstSeen
    }
}

/// A raw title no catalog rule recognises, with how many devices have it: the license manager's review queue.
public struct UnrecognizedTitle: Sendable, Equatable {
    public var publisher: String?
    public var name: String
    /// Distinct versions seen.
    public var versions: Int
    /// Distinct versions that do not start with a digit (`V13.0`, `Build 5`).
    public var unnumberedVersions: Int
    public var devices: Int

    public init(publisher: String?, name: String, versions: Int, unnumberedVersions: Int = 0, devices: Int) {
        self.publisher = publisher
        self.name = name
        self.versions = versions
        self.unnumberedVersions = unnumberedVersions
        self.devices = devices
    }
}

/// One raw title a source saw on a device: what it was, what the catalog made of it, and when it was seen.
public struct SoftwareSighting: Sendable, Equatable {
    public var source: String
    public var publisher: String?
    public var name: String
    public var version: String?
    /// `product`, `ignored` or `unrecognized`.
    public var outcome: String
    /// For a product: its id and clean version; for an ignored title: the rule that set it aside.
    public var product: Product.ID?
    public var cleanVersion: String?
    public var rule: String?
    public var installed: Day?
    public var firstSeen: Day
    public var lastSeen: Day
    /// The day the source no longer reported it: uninstalled.
    public var removed: Day?
    /// Why the catalog reads it so: the rule that recognised or set it aside and what it says, or why no rule did;
    /// given by the application layer, nil as stored.
    public var reason: String?

    public init(
        source: String, publisher: String?, name: String, version: String?, outcome: String, product: Product.ID?,
        cleanVersion: String?, rule: String?, installed: Day?, firstSeen: Day, lastSeen: Day, removed: Day?
    ) {
        self.source = source
        self.publisher = publisher
        self.name = name
        self.version = version
        self.outcome = outcome
        self.product = product
        self.cleanVersion = cleanVersion
        self.rule = rule
        self.installed = installed
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.removed = removed
    }
}
