/// Builds each product's consumers and their units from the resolved estate, metric by metric.
struct Demand {
    let estate: ResolvedEstate
    /// Installations bucketed by counted product, each bucket in device id order: for entry `i` of product `p`'s
    /// bucket `installationStart[p]..<installationStart[p + 1]`, the device and the version's rank (-1: none).
    let installationStart: [Int]
    let installedDevice: [Int32]
    let installedVersionRank: [Int32]
    /// Usage session indices bucketed by counted product.
    let usageByProduct: [Int32: [Int32]]
    let assignmentsByProduct: [Int32: [Int32]]
    let candidates: [Candidates]
    /// Per product, the entitlements that would cover it but are not active on `asOf`, for the explanations.
    let inactiveCandidates: [[Int32]]
    let deviceRank: [Int32]
    let personRank: [Int32]
    let loginRank: [Int32]
    /// The active physical hosts of each cluster, in device id order.
    let clusterMembers: [String: [Int32]]

    init(estate: ResolvedEstate) {
        self.estate = estate
        let productCount = estate.estate.products.count
        var deviceRank = [Int32](repeating: 0, count: estate.estate.devices.count)
        for (rank, device) in estate.devicesInIDOrder.enumerated() { deviceRank[Int(device)] = Int32(rank) }
        self.deviceRank = deviceRank
        (installationStart, installedDevice, installedVersionRank) = Self.bucketInstallations(
            estate, deviceRank: deviceRank)

        var usage: [Int32: [Int32]] = [:]
        for (i, product) in estate.usageProduct.enumerated() { usage[product, default: []].append(Int32(i)) }
        usageByProduct = usage
        var assignments: [Int32: [Int32]] = [:]
        for (i, product) in estate.assignmentProduct.enumerated() {
            assignments[product, default: []].append(Int32(i))
        }
        assignmentsByProduct = assignments

        var candidateLists = [[Int32]](repeating: [], count: productCount)
        for (e, active) in estate.entitlementActive.enumerated() where active {
            let own = estate.entitlementProduct[e]
            candidateLists[Int(own)].append(Int32(e))
            for covered in estate.entitlementCovers[e] where covered != own {
                if candidateLists[Int(covered)].last != Int32(e) { candidateLists[Int(covered)].append(Int32(e)) }
            }
        }
        candidates = candidateLists.map { Candidates(entitlements: $0, estate: estate) }
        var inactive = [[Int32]](repeating: [], count: productCount)
        for (e, active) in estate.entitlementActive.enumerated() where !active {
            for product in Set([estate.entitlementProduct[e]] + estate.entitlementCovers[e]) {
                inactive[Int(product)].append(Int32(e))
            }
        }
        inactiveCandidates = inactive

        personRank = Self.ranks(estate.estate.people.map(\.id.rawValue))
        loginRank = Self.ranks(estate.unmatchedLogins)
        var members: [String: [Int32]] = [:]
        for device in estate.devicesInIDOrder where estate.deviceActive[Int(device)] {
            let item = estate.estate.devices[Int(device)]
            if item.kind == .physical, let cluster = item.cluster { members[cluster, default: []].append(device) }
        }
        clusterMembers = members
    }

    /// The hosts a VM on `host` can run on under `cluster` virtualization: the active hosts of its cluster, or the
    /// host alone where it belongs to none.
    func clusterHosts(of host: Int32) -> [Int32] {
        guard let cluster = estate.estate.devices[Int(host)].cluster else { return [host] }
        return clusterMembers[cluster] ?? []
    }

    /// The consumers of one product (which must not be a suite component), sorted by key, and their classes.
    func consumers(of product: Int32, metering: inout Metering) throws(EstateError) -> ProductDemand {
        if candidates[Int(product)].count <= 64 {
            return try consumers(of: product, metering: &metering, mask: UInt64.self)
        }
        return try consumers(of: product, metering: &metering, mask: WideMask.self)
    }

    private func consumers<M: CoverageMask>(
        of product: Int32, metering: inout Metering, mask: M.Type
    ) throws(EstateError) -> ProductDemand {
        var drafts: [Draft<M>]
        switch estate.estate.products[Int(product)].license.metric {
        case .device: drafts = deviceConsumers(of: product)
        case .user: drafts = try userConsumers(of: product, metering: &metering)
        case .concurrent: drafts = poolConsumers(of: product)
        case .core, .processor, .pvu: drafts = try hardwareConsumers(of: product, metering: &metering)
        }
        drafts.removeAll { $0.units <= 0 }
        if !isSorted(drafts) {
            drafts.sort { ($0.kind, sortRank($0)) < ($1.kind, sortRank($1)) }
        }
        return try classify(drafts, product: product)
    }

    /// Calls `body` once per active device with an installation of `product`, with the candidates its versions allow.
    func forEachDevice<M: CoverageMask>(
        of product: Int32, _ body: (_ device: Int32, _ mask: M) throws(EstateError) -> Void
    ) throws(EstateError) {
        let candidates = self.candidates[Int(product)]
        let end = installationStart[Int(product) + 1]
        var i = installationStart[Int(product)]
        let versions = candidates.caresAboutVersions
        while i < end {
            let device = installedDevice[i]
            var mask = M(allOf: candidates.count)
            while i < end, installedDevice[i] == device {
                if versions { candidates.restrict(&mask, versionRank: installedVersionRank[i]) }
                i += 1
            }
            if estate.deviceActive[Int(device)] { try body(device, mask) }
        }
    }

    private func sortRank<M>(_ draft: Draft<M>) -> Int32 {
        switch draft.kind {
        case .device, .host: return deviceRank[Int(draft.subject)]
        case .person: return personRank[Int(draft.subject)]
        case .login: return loginRank[Int(draft.subject)]
        case .pool, .minimum: return 0
        }
    }

    private func isSorted<M>(_ drafts: [Draft<M>]) -> Bool {
        var previous: (ConsumerKind, Int32)?
        for draft in drafts {
            let key = (draft.kind, sortRank(draft))
            if let previous, !(previous < key) { return false }
            previous = key
        }
        return true
    }

    /// Narrows each draft's mask by its department's scope and groups drafts with equal masks (and assignment) into
    /// classes.
    private func classify<M: CoverageMask>(_ drafts: [Draft<M>], product: Int32) throws(EstateError) -> ProductDemand {
        let candidates = self.candidates[Int(product)]
        var total = 0
        var classIndex: [ClassKey<M>: Int32] = [:]
        var result = ProductDemand()
        result.records.reserveCapacity(drafts.count)
        // Neighbours usually share a class: remember the last one before asking the dictionary.
        var last: (key: ClassKey<M>, index: Int32)?
        for var draft in drafts {
            candidates.restrict(&draft.mask, department: draft.department, estate: estate)
            let key = ClassKey(mask: draft.mask, assigned: draft.assigned)
            let index: Int32
            if let last, last.key == key {
                index = last.index
            } else if let known = classIndex[key] {
                index = known
            } else {
                index = Int32(result.classes.count)
                classIndex[key] = index
                result.classes.append(
                    CoverageClass(
                        product: product, entitlements: candidates.entitlements(in: draft.mask), demand: 0,
                        assigned: draft.assigned))
            }
            last = (key, index)
            guard let sum = Limits.add(total, draft.units) else { throw Self.tooLarge(product, estate: estate) }
            total = sum
            result.classes[Int(index)].demand += draft.units
            result.records.append(
                ConsumerRecord(
                    product: product, kind: draft.kind, subject: draft.subject, units: draft.units,
                    department: draft.department, detail: draft.detail, coverageClass: index,
                    assigned: draft.assigned, basis: draft.basis))
        }
        return result
    }

    private static func ranks(_ ids: [String]) -> [Int32] {
        var rank = [Int32](repeating: 0, count: ids.count)
        for (position, index) in ids.indices.sorted(by: { ids[$0].utf8.lexicographicallyPrecedes(ids[$1].utf8) })
            .enumerated()
        {
            rank[index] = Int32(position)
        }
        return rank
    }

    /// Two counting sorts: by device id order, then (stably) by product, so each product's bucket is in device order.
    private static func bucketInstallations(
        _ estate: ResolvedEstate, deviceRank: [Int32]
    ) -> (start: [Int], device: [Int32], versionRank: [Int32]) {
        let count = estate.installationDevice.count
        var byDevice = [Int](repeating: 0, count: estate.estate.devices.count + 1)
        for device in estate.installationDevice { byDevice[Int(deviceRank[Int(device)]) + 1] += 1 }
        for i in 1..<byDevice.count { byDevice[i] += byDevice[i - 1] }
        var deviceOrder = [Int32](repeating: 0, count: count)
        for i in 0..<count {
            let slot = Int(deviceRank[Int(estate.installationDevice[i])])
            deviceOrder[byDevice[slot]] = Int32(i)
            byDevice[slot] += 1
        }
        var start = [Int](repeating: 0, count: estate.estate.products.count + 1)
        for product in estate.installationProduct { start[Int(product) + 1] += 1 }
        for i in 1..<start.count { start[i] += start[i - 1] }
        var next = start
        var devices = [Int32](repeating: 0, count: count)
        var versionRanks = [Int32](repeating: -1, count: count)
        for installation in deviceOrder {
            let product = Int(estate.installationProduct[Int(installation)])
            let slot = next[product]
            devices[slot] = estate.installationDevice[Int(installation)]
            let version = estate.installationVersion[Int(installation)]
            if version >= 0 { versionRanks[slot] = estate.versionRank[Int(version)] }
            next[product] += 1
        }
        return (start, devices, versionRanks)
    }
}

/// A consumer while its product's demand is being built: its coverage is still a mask of candidates.
struct Draft<M: CoverageMask> {
    var kind: ConsumerKind
    var subject: Int32
    var units: Int
    var department: Int32
    var detail: Int64 = 0
    var mask: M
    /// Whether it holds an assignment of the product (under `device` and `user`): it is covered first.
    var assigned = false
    var basis = CountingBasis.plain
}

/// What puts consumers of one product in the same coverage class: the entitlements that may cover them, and whether
/// they hold an assignment (assigned consumers are served first, so they are never pooled with the others).
private struct ClassKey<M: CoverageMask>: Hashable {
    var mask: M
    var assigned: Bool
}

/// One product's consumers, sorted by key, with coverage classes numbered from 0 for this product.
struct ProductDemand {
    var records: [ConsumerRecord] = []
    var classes: [CoverageClass] = []

    /// The units of all its consumers.
    var total: Int { classes.reduce(0) { $0 + $1.demand } }
}

extension Demand {
    /// The error for a demand that adds up to more than can be counted.
    static func tooLarge(_ product: Int32, estate: ResolvedEstate) -> EstateError {
        .invalidValue(
            path: "products[\(product)]",
            reason: "the demand of \"\(estate.estate.products[Int(product)].id)\" adds up to more than "
                + "\(Limits.totalUnits) units; check the hardware and usage figures of its consumers")
    }
}
