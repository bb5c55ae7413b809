/// The installations of an estate as columns, for reconciling a store: each row's device, product and version as a
/// number into the table's own lists of distinct ids, and its install and removal days. Only what the position
/// depends on; an `Estate`'s `installations` carry the rest (sources, days seen and used).
public struct InstallationTable: Sendable, Equatable {
    /// The distinct devices, products and version texts the rows name.
    public var devices: [Device.ID] = []
    public var products: [Product.ID] = []
    public var versions: [String] = []
    /// Per row: an index into `devices` and into `products`; into `versions`, or -1 for none.
    public var device: [Int32] = []
    public var product: [Int32] = []
    public var version: [Int32] = []
    /// Per row: the install and removal days as days since 1970-01-01, `Int32.min` for none.
    public var installed: [Int32] = []
    public var removed: [Int32] = []

    public init() {}

    /// The table of a list of installations.
    public init(_ installations: [Installation]) {
        var devices: [Device.ID: Int32] = [:], products: [Product.ID: Int32] = [:], versions: [String: Int32] = [:]
        for item in installations {
            device.append(Self.number(item.device, in: &devices, &self.devices))
            product.append(Self.number(item.product, in: &products, &self.products))
            version.append(item.version.map { Self.number($0.text, in: &versions, &self.versions) } ?? -1)
            installed.append(item.installed?.daysSinceEpoch ?? Self.none)
            removed.append(item.removed?.daysSinceEpoch ?? Self.none)
        }
    }

    /// The day a column holds for none.
    public static let none = Int32.min

    public var count: Int { device.count }

    /// Appends the rows of another table, renumbering its ids into this one's.
    public mutating func append(_ other: InstallationTable) {
        var devices = Dictionary(uniqueKeysWithValues: self.devices.enumerated().map { ($1, Int32($0)) })
        var products = Dictionary(uniqueKeysWithValues: self.products.enumerated().map { ($1, Int32($0)) })
        var versions = Dictionary(uniqueKeysWithValues: self.versions.enumerated().map { ($1, Int32($0)) })
        let device = other.devices.map { Self.number($0, in: &devices, &self.devices) }
        let product = other.products.map { Self.number($0, in: &products, &self.products) }
        let version = other.versions.map { Self.number($0, in: &versions, &self.versions) }
        self.device += other.device.lazy.map { device[Int($0)] }
        self.product += other.product.lazy.map { product[Int($0)] }
        self.version += other.version.lazy.map { $0 >= 0 ? version[Int($0)] : -1 }
        installed += other.installed
        removed += other.removed
    }

    private static func number<T: Hashable>(_ value: T, in numbers: inout [T: Int32], _ list: inout [T]) -> Int32 {
        if let number = numbers[value] { return number }
        let number = Int32(list.count)
        numbers[value] = number
        list.append(value)
        return number
    }
}
