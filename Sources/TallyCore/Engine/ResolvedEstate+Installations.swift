extension ResolvedEstate {
    /// Installations as parallel index arrays, with their version texts numbered in order of first appearance.
    struct ResolvedInstallations {
        var device: [Int32] = []
        var product: [Int32] = []
        /// Index into `versions`, -1 where none.
        var version: [Int32] = []
        var versions: [String] = []
    }

    private static let chunkSize = 1 << 16

    /// Resolves each installation's device, product (as counted) and version, chunk by chunk on every core; every
    /// reference is checked, and only the installations present on `asOf` are kept.
    static func resolveInstallations(
        _ installations: [Installation], asOf: Day, deviceIndex: [String: Int32], productIndex: [Product.ID: Int32],
        countsAs: [Int32]
    ) throws(EstateError) -> ResolvedInstallations {
        let chunks = try Parallel.map(
            count: (installations.count + chunkSize - 1) / chunkSize, state: {}
        ) { (chunk: Int, _: inout Void) throws(EstateError) in
            try resolve(
                installations, from: chunk * chunkSize, to: min(installations.count, (chunk + 1) * chunkSize),
                asOf: asOf, deviceIndex: deviceIndex, productIndex: productIndex, countsAs: countsAs)
        }
        var joined = ResolvedInstallations()
        joined.device.reserveCapacity(installations.count)
        joined.product.reserveCapacity(installations.count)
        joined.version.reserveCapacity(installations.count)
        var versionIDs: [String: Int32] = [:]
        for chunk in chunks {
            // Renumber the chunk's versions into the joined numbering.
            let renumber = chunk.versions.map { text -> Int32 in
                if let id = versionIDs[text] { return id }
                let id = Int32(joined.versions.count)
                versionIDs[text] = id
                joined.versions.append(text)
                return id
            }
            joined.device.append(contentsOf: chunk.device)
            joined.product.append(contentsOf: chunk.product)
            joined.version.append(contentsOf: chunk.version.lazy.map { $0 >= 0 ? renumber[Int($0)] : -1 })
        }
        return joined
    }

    private static func resolve(
        _ installations: [Installation], from start: Int, to end: Int, asOf: Day, deviceIndex: [String: Int32],
        productIndex: [Product.ID: Int32], countsAs: [Int32]
    ) throws(EstateError) -> ResolvedInstallations {
        var part = ResolvedInstallations()
        part.device.reserveCapacity(end - start)
        part.product.reserveCapacity(end - start)
        part.version.reserveCapacity(end - start)
        var versionIDs: [String: Int32] = [:]
        // Exports list a device's software together: remember the last device and product before hashing.
        var lastDevice: (id: Device.ID, index: Int32)?
        var lastProduct: (id: Product.ID, index: Int32)?
        // Fields are read in place: copying each installation whole would retain and release its four strings.
        for i in start..<end {
            let device: Int32
            if let lastDevice, lastDevice.id == installations[i].device {
                device = lastDevice.index
            } else {
                let id = installations[i].device
                guard let index = deviceIndex[id.rawValue] else {
                    throw .unknownReference(path: "installations[\(i)].device", kind: "device", id: id.rawValue)
                }
                device = index
                lastDevice = (id, index)
            }
            let product: Int32
            if let lastProduct, lastProduct.id == installations[i].product {
                product = lastProduct.index
            } else {
                let id = installations[i].product
                guard let index = productIndex[id] else {
                    throw .unknownReference(path: "installations[\(i)].product", kind: "product", id: id.rawValue)
                }
                product = countsAs[Int(index)]
                lastProduct = (id, product)
            }
            // `Installation.isInstalled(on:)`, spelled out on the fields.
            let installed = installations[i].installed, removed = installations[i].removed
            if let installed, let removed, removed < installed {
                throw .invalidValue(
                    path: "installations[\(i)].removed",
                    reason: "\(removed) is before the day it was installed, \(installed)")
            }
            if let installed, asOf < installed { continue }
            if let removed, removed <= asOf { continue }
            part.device.append(device)
            part.product.append(product)
            if let version = installations[i].version?.text {
                if let id = versionIDs[version] {
                    part.version.append(id)
                } else {
                    let id = Int32(part.versions.count)
                    versionIDs[version] = id
                    part.versions.append(version)
                    part.version.append(id)
                }
            } else {
                part.version.append(-1)
            }
        }
        return part
    }

    /// Resolves a table of installations (a store's), as `resolveInstallations` a list: the table's own numbering
    /// mapped once onto the estate's, then each row by array lookups.
    static func resolveInstallations(
        _ table: InstallationTable, asOf: Day, deviceIndex: [String: Int32], productIndex: [Product.ID: Int32],
        countsAs: [Int32]
    ) throws(EstateError) -> ResolvedInstallations {
        // A reference to nothing is reported at its first row, as for a list.
        var deviceOf = [Int32](repeating: -1, count: table.devices.count)
        for (number, id) in table.devices.enumerated() { deviceOf[number] = deviceIndex[id.rawValue] ?? -1 }
        var productOf = [Int32](repeating: -1, count: table.products.count)
        for (number, id) in table.products.enumerated() {
            productOf[number] = productIndex[id].map { countsAs[Int($0)] } ?? -1
        }
        var resolved = ResolvedInstallations()
        resolved.versions = table.versions
        resolved.device.reserveCapacity(table.count)
        resolved.product.reserveCapacity(table.count)
        resolved.version.reserveCapacity(table.count)
        let today = asOf.daysSinceEpoch
        for i in 0..<table.count {
            let device = deviceOf[Int(table.device[i])]
            guard device >= 0 else {
                let id = table.devices[Int(table.device[i])]
                throw .unknownReference(path: "installations[\(i)].device", kind: "device", id: id.rawValue)
            }
            let product = productOf[Int(table.product[i])]
            guard product >= 0 else {
                let id = table.products[Int(table.product[i])]
                throw .unknownReference(path: "installations[\(i)].product", kind: "product", id: id.rawValue)
            }
            let installed = table.installed[i], removed = table.removed[i]
            if installed != InstallationTable.none, removed != InstallationTable.none, removed < installed {
                throw .invalidValue(
                    path: "installations[\(i)].removed",
                    reason: "\(Day(daysSinceEpoch: removed)) is before the day it was installed, "
                        + "\(Day(daysSinceEpoch: installed))")
            }
            if installed != InstallationTable.none, today < installed { continue }
            if removed != InstallationTable.none, removed <= today { continue }
            resolved.device.append(device)
            resolved.product.append(product)
            resolved.version.append(table.version[i])
        }
        return resolved
    }
}
