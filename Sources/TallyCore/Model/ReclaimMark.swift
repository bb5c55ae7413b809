/// A record that a product was taken back from a device (uninstalled, its license harvested) on a day: what the
/// service desk did with a reclaim list. It is not part of the estate: the next inventory shows the installation gone,
/// or, where it shows it again after that day, the reclaim list flags it.
public struct ReclaimMark: Hashable, Sendable {
    public var device: Device.ID
    public var product: Product.ID
    /// The day it was taken back.
    public var day: Day
    /// Who recorded it.
    public var actor: String
    public var note: String?

    /// Creates the record.
    public init(device: Device.ID, product: Product.ID, day: Day, actor: String, note: String? = nil) {
        self.device = device
        self.product = product
        self.day = day
        self.actor = actor
        self.note = note
    }
}
