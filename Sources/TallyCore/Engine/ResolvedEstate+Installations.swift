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
        for i in start..<end {
            let item = installations[i]
            let device: Int32
            if let lastDevice, lastDevice.id == item.device {
                device = lastDevice.index
            } else {
                guard let index = deviceIndex[item.device.rawValue] else {
                    throw .unknownReference(
                        path: "installations[\(i)].device", kind: "device", id: item.device.rawValue)
                }
                device = index
                lastDevice = (item.device, index)
            }
            let product: Int32
            if let lastProduct, lastProduct.id == item.product {
                product = lastProduct.index
            } else {
                guard let index = productIndex[item.product] else {
                    throw .unknownReference(
                        path: "installations[\(i)].product", kind: "product",
                        id: item.product.rawValue)
                }
                product = countsAs[Int(index)]
                lastProduct = (item.product, product)
            }
            if let installed = item.installed, let removed = item.removed, removed < installed {
                throw .invalidValue(
                    path: "installations[\(i)].removed",
                    reason: "\(removed) is before the day it was installed, \(installed)")
            }
            guard item.isInstalled(on: asOf) else { continue }
            part.device.append(device)
            part.product.append(product)
            if let version = item.version?.text {
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
}
