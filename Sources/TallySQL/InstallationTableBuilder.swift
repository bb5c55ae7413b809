import TallyCore

/// The table a position is computed from, built a row at a time from the texts a store keeps: each distinct device,
/// product and version numbered once. Both backends' fast readers build it so (inlinable: it runs a million times a
/// read).
public struct InstallationTableBuilder {
    public var table = InstallationTable()
    @usableFromInline var devices = Interner<Int32>()
    @usableFromInline var products = Interner<Int32>()
    @usableFromInline var versions = Interner<Int32>()

    @inlinable
    public init(reservingCapacity count: Int = 0) {
        guard count > 0 else { return }
        table.device.reserveCapacity(count)
        table.product.reserveCapacity(count)
        table.version.reserveCapacity(count)
        table.installed.reserveCapacity(count)
        table.removed.reserveCapacity(count)
    }

    /// Adds a row: its device's, product's and version's UTF-8 texts, and its days (`InstallationTable.none` for
    /// none).
    @inlinable
    public mutating func append(
        device: UnsafeBufferPointer<UInt8>, product: UnsafeBufferPointer<UInt8>, version: UnsafeBufferPointer<UInt8>?,
        installed: Int32, removed: Int32
    ) {
        let deviceNumber = devices.value(device) { text in
            table.devices.append(Device.ID(String(decoding: text, as: UTF8.self)))
            return Int32(table.devices.count - 1)
        }
        let productNumber = products.value(product) { text in
            table.products.append(Product.ID(String(decoding: text, as: UTF8.self)))
            return Int32(table.products.count - 1)
        }
        var versionNumber: Int32 = -1
        if let version {
            versionNumber = versions.value(version) { text in
                table.versions.append(String(decoding: text, as: UTF8.self))
                return Int32(table.versions.count - 1)
            }
        }
        table.device.append(deviceNumber)
        table.product.append(productNumber)
        table.version.append(versionNumber)
        table.installed.append(installed)
        table.removed.append(removed)
    }
}
