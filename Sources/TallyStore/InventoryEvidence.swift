import TallyCore
import TallyFormats

/// What an inventory import did: devices recognised or added, software seen, kept, gone, and what the catalog made
/// of the new titles.
public struct InventorySummary: Sendable, Equatable {
    /// The batch number, nil for a dry run.
    public var batch: Int64?
    public var devicesAdded = 0
    public var devicesUpdated = 0
    public var devicesUnchanged = 0
    /// Software rows new on their device for this source.
    public var softwareAdded = 0
    /// Software rows seen again.
    public var softwareSeen = 0
    /// Software rows the source no longer reports: uninstalled, kept in history.
    public var softwareRemoved = 0
    /// Distinct (publisher, name, version) titles met for the first time, by what the catalog made of them.
    public var titlesRecognized = 0
    public var titlesIgnored = 0
    public var titlesUnrecognized = 0
    /// Products the catalog named that the store did not hold yet.
    public var productsAdded = 0
    /// Installations of the devices in the import, derived from every source's evidence.
    public var installations = 0
}

/// What re-reading the stored evidence with the catalog changed.
public struct CatalogSummary: Sendable, Equatable {
    public var titles = 0
    /// Titles the catalog now reads otherwise than before.
    public var changed = 0
    public var productsAdded = 0
    /// Installations derived from the evidence, before and after.
    public var installationsBefore = 0
    public var installationsAfter = 0
}

/// A raw title no catalog rule recognises, with how many devices have it: the license manager's review queue.
public struct UnrecognizedTitle: Sendable, Equatable {
    public var publisher: String?
    public var name: String
    /// Distinct versions seen.
    public var versions: Int
    public var devices: Int
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
}
