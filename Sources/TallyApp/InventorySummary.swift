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
