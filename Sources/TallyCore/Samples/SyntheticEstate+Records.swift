extension SyntheticEstate {
    /// Installations listed device by device, as inventory exports list them, and the count of each product's.
    ///
    /// A device draws 35 to 65 products by popularity, redrawing a few times when it already has the product; where
    /// the catalogue is small the redraws run out and a device holds a product twice (side-by-side versions).
    static func makeInstallations(
        devices: [Device], catalogue: Catalogue, asOf: Day, rng: inout SeededGenerator
    ) -> (installations: [Installation], perProduct: [Int]) {
        guard catalogue.count > 0 else { return ([], []) }
        var counts = [UInt8](repeating: 0, count: devices.count)
        var total = 0
        for d in counts.indices {
            counts[d] = UInt8(truncatingIfNeeded: rng.within(35...65))
            total += Int(counts[d])
        }
        var installations: [Installation] = []
        installations.reserveCapacity(total)
        var perProduct = [Int](repeating: 0, count: catalogue.count)
        // The device that last drew each product: a duplicate check without a set per device.
        var lastDevice = [Int32](repeating: -1, count: catalogue.count)
        for (d, device) in devices.enumerated() {
            for _ in 0..<counts[d] {
                var product = catalogue.draw(&rng)
                var redraws = 0
                while lastDevice[product] == Int32(d), redraws < 3 {
                    product = catalogue.draw(&rng)
                    redraws += 1
                }
                lastDevice[product] = Int32(d)
                perProduct[product] += 1
                // One draw of 64 bits decides the version and both dates.
                let bits = rng.next()
                let versions = catalogue.versionRange[product]
                let version = catalogue.allVersions[
                    bits & 1 == 0
                        ? versions.upperBound - 1
                        : versions.lowerBound + Int((bits >> 1) & 0xFFFF) % versions.count]
                let installedAgo = 30 + Int((bits >> 17) & 0x3FFF) % 1_500
                let recent = (bits >> 31) & 0xF < 13
                let usedAgo = recent ? Int((bits >> 35) & 0x1F) : 31 + Int((bits >> 40) & 0x1FF) % 400
                installations.append(
                    Installation(
                        device: device.id, product: catalogue.ids[product], version: version,
                        installed: asOf.adding(days: -installedAgo),
                        lastUsed: asOf.adding(days: -min(usedAgo, installedAgo))))
            }
        }
        return (installations, perProduct)
    }

    /// Checkouts of `concurrent` products in the 90 days before `asOf`: one per 40 devices, 200 to 5,000 in all;
    /// a few by logins that match no one (contractors).
    static func makeUsage(
        devices: Int, people: [Person], catalogue: Catalogue, asOf: Day, rng: inout SeededGenerator
    ) -> [UsageSession] {
        let pools = catalogue.byMetric[.concurrent] ?? []
        guard !pools.isEmpty, !people.isEmpty else { return [] }
        let count = min(5_000, max(200, devices / 40))
        let windowEnd = asOf.adding(days: 1).start.secondsSinceEpoch
        var usage: [UsageSession] = []
        usage.reserveCapacity(count)
        for _ in 0..<count {
            // Squaring a uniform draw favours the first pools, so that some pools are busy and others quiet.
            let u = rng.unit()
            let product = pools[min(pools.count - 1, Int(u * u * Double(pools.count)))]
            let start = windowEnd - 1 - Int64(rng.below(usageDays * 86_400))
            let end = start + Int64(600 + rng.below(8 * 3_600))
            let user =
                rng.chance(0.03)
                ? shortID("x", rng.below(50), width: 3)
                : people[rng.below(people.count)].id.rawValue
            usage.append(
                UsageSession(
                    product: catalogue.ids[product], user: user, start: Instant(secondsSinceEpoch: start),
                    end: Instant(secondsSinceEpoch: end), count: rng.chance(0.1) ? 2 : 1))
        }
        return usage
    }

    static let vendors = ["SoftwareONE", "Bechtle", "Insight", "Crayon", "CDW", "Direct"]

    /// Five entitlements per product, sized from its installations (or checkouts) times a factor, so that some
    /// products are short and others over-licensed; some are versioned, scoped, expired, future or cover another
    /// product of the same metric.
    static func makeEntitlements(
        catalogue: Catalogue, installed: [Int], usage: [UsageSession], departments: [Department], asOf: Day,
        rng: inout SeededGenerator
    ) -> [Entitlement] {
        var sessions = [Product.ID: Int]()
        for session in usage { sessions[session.product, default: 0] += session.count }
        let perProduct = 5
        let width = width(for: catalogue.count * perProduct, minimum: 5)
        var entitlements: [Entitlement] = []
        entitlements.reserveCapacity(catalogue.count * perProduct)
        for p in 0..<catalogue.count {
            let installs = p < installed.count ? installed[p] : 0
            let estimate =
                switch catalogue.metrics[p] {
                case .device: installs
                case .user: installs * 9 / 10
                case .concurrent: (sessions[catalogue.ids[p]] ?? 0) / 8
                case .core: installs * 8
                case .processor: installs * 2
                case .pvu: installs * 600
                }
            let factor = [0.6, 0.85, 1.0, 1.15, 1.5][rng.below(5)]
            let target = max(perProduct, Int(Double(estimate) * factor))
            for k in 0..<perProduct {
                let id = Entitlement.ID(shortID("e", entitlements.count, width: width))
                var item = Entitlement(
                    id: id, product: catalogue.ids[p],
                    quantity: target / perProduct + (k < target % perProduct ? 1 : 0))
                term(&item, asOf: asOf, rng: &rng)
                if rng.chance(0.3) {
                    let versions = catalogue.versionRange[p]
                    item.version = catalogue.allVersions[versions.lowerBound + rng.below(versions.count)]
                    item.downgrade = rng.chance(0.6)
                }
                if rng.chance(0.12) { item.scope = departments[rng.below(departments.count)].id }
                if rng.chance(0.1), let peers = catalogue.byMetric[catalogue.metrics[p]] {
                    let other = peers[rng.below(peers.count)]
                    if other != p { item.covers = [catalogue.ids[other]] }
                }
                if rng.chance(0.005) {
                    item.unlimited = true
                    item.quantity = nil
                }
                item.unitCost = Double(rng.within(5...2_000))
                item.costPeriod = rng.chance(0.5) ? .once : (rng.chance(0.9) ? .year : .month)
                item.softwareAssurance = item.costPeriod == .once && rng.chance(0.4)
                item.vendor = rng.pick(vendors)
                entitlements.append(item)
            }
        }
        return entitlements
    }

    /// Sets the term: mostly active on `asOf`, sometimes expired, sometimes starting later.
    private static func term(_ item: inout Entitlement, asOf: Day, rng: inout SeededGenerator) {
        let roll = rng.unit()
        if roll < 0.08 {
            item.start = asOf.adding(days: -(400 + rng.below(800)))
            item.end = asOf.adding(days: -(1 + rng.below(300)))
        } else if roll < 0.12 {
            let start = asOf.adding(days: 1 + rng.below(90))
            item.start = start
            item.end = start.adding(days: 364)
        } else {
            item.start = asOf.adding(days: -rng.below(1_500))
            item.end = rng.chance(0.5) ? nil : asOf.adding(days: rng.below(700))
        }
    }
}
