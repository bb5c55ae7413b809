/// One product found installed on one device.
public struct Installation: Hashable, Sendable {
    public var device: Device.ID
    public var product: Product.ID
    /// The installed version; an installation without one is covered only by entitlements without one.
    public var version: Version?
    /// The day it was installed; nil counts as always.
    public var installed: Day?
    /// The first day it was no longer installed; nil while it still is.
    public var removed: Day?
    public var lastUsed: Day?
    public var lastSeen: Day?
    /// Where the installation was seen (an inventory tool, a file).
    public var source: String?

    /// Creates the record; what is not given takes the estate format\'s default.
    public init(
        device: Device.ID, product: Product.ID, version: Version? = nil, installed: Day? = nil,
        removed: Day? = nil, lastUsed: Day? = nil, lastSeen: Day? = nil, source: String? = nil
    ) {
        self.device = device
        self.product = product
        self.version = version
        self.installed = installed
        self.removed = removed
        self.lastUsed = lastUsed
        self.lastSeen = lastSeen
        self.source = source
    }

    /// Whether it is installed on `day`: from `installed` (none: always) until `removed` (none: still).
    public func isInstalled(on day: Day) -> Bool {
        (installed.map { $0 <= day } ?? true) && (removed.map { day < $0 } ?? true)
    }
}
