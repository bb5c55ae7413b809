extension SyntheticEstate {
    /// The products of a synthetic estate, with the ids, versions and popularity that generation draws from.
    struct Catalogue {
        var products: [Product] = []
        var ids: [Product.ID] = []
        /// Every product's versions in one array, and each product's range in it, so that the installation loop reads
        /// a version without retaining a per-product array.
        var allVersions: [Version] = []
        var versionRange: [Range<Int>] = []
        var metrics: [License.Metric] = []
        /// Product indices of each metric, for entitlements that cover another product of their metric.
        var byMetric: [License.Metric: [Int]] = [:]
        /// Running sums of popularity: product `j` weighs `1 / (j + 1)` (Zipf), so a few products are on nearly
        /// every device and most are rare.
        var cumulative: [Double] = []

        var count: Int { products.count }

        static let publishers = [
            "Microsoft", "Adobe", "Oracle", "IBM", "SAP", "Autodesk", "Broadcom", "Citrix", "JetBrains", "MathWorks",
            "Siemens", "Atlassian",
        ]

        /// Version schemes seen in inventories; a product takes one to four consecutive versions of one scheme.
        static let versionSchemes: [[Version]] = [
            ["2016", "2019", "2021", "2022", "2024"],
            ["16.0.1", "16.0.2", "16.1", "17.0.3", "17.2"],
            ["8", "9", "10", "11", "12"],
            ["3.9", "3.10", "3.11", "3.12", "3.13"],
        ].map { $0.map(Version.init) }

        /// `count` products, about 80% by device, 8% user, 4% concurrent, 4% core, 2% processor, 2% pvu, with at
        /// least one of each metric.
        init(count: Int, rng: inout SeededGenerator) {
            var metrics: [License.Metric] = []
            for (metric, percent) in [
                (License.Metric.user, 8), (.concurrent, 4), (.core, 4), (.processor, 2),
                (.pvu, 2),
            ] {
                metrics += Array(repeating: metric, count: max(1, count * percent / 100))
            }
            metrics += Array(repeating: .device, count: max(0, count - metrics.count))
            self.metrics = rng.shuffle(metrics)

            let width = SyntheticEstate.width(for: count, minimum: 4)
            products.reserveCapacity(count)
            ids.reserveCapacity(count)
            cumulative.reserveCapacity(count)
            var total = 0.0
            for (j, metric) in self.metrics.enumerated() {
                let id = Product.ID(SyntheticEstate.shortID("p", j, width: width))
                ids.append(id)
                byMetric[metric, default: []].append(j)
                let scheme = rng.pick(Self.versionSchemes)
                let length = rng.within(1...4)
                let first = rng.below(scheme.count - length + 1)
                versionRange.append(allVersions.count..<(allVersions.count + length))
                allVersions += scheme[first..<(first + length)]
                products.append(
                    Product(
                        id: id, publisher: rng.pick(Self.publishers), license: Self.license(metric, variant: j % 3),
                        unitPrice: rng.chance(0.3) ? Double(rng.within(10...500)) : nil))
                total += 1 / Double(j + 1)
                cumulative.append(total)
            }
        }

        /// A license of `metric`; the variant spreads the rules (minimums, vendor tables, host and cluster counting,
        /// virtualization rights, Named User Plus minimums) over products.
        static func license(_ metric: License.Metric, variant: Int) -> License {
            switch (metric, variant) {
            case (.user, 0): return License(metric: .user, devicesPerUser: 3)
            case (.user, 1): return LicenseRule.oracleNUP.license
            case (.core, 0): return LicenseRule.msCore.license
            case (.core, 1): return LicenseRule.oracleProcessor.license
            case (.core, _): return LicenseRule.windowsServerStandard.license
            case (.processor, 0): return License(metric: .processor, virtualization: .host)
            case (.processor, 1): return License(metric: .processor, virtualization: .cluster)
            case (.pvu, 0): return LicenseRule.ibmPVUSubcapacity.license
            case (.pvu, 1): return License(metric: .pvu, pvuPerCore: .value(100), virtualization: .host)
            default: return License(metric: metric)
            }
        }

        /// A product index drawn by popularity (binary search in the running sums).
        func draw(_ rng: inout SeededGenerator) -> Int {
            guard let total = cumulative.last else { return 0 }
            let target = rng.unit() * total
            var low = 0, high = cumulative.count - 1
            while low < high {
                let middle = (low + high) / 2
                if cumulative[middle] > target { high = middle } else { low = middle + 1 }
            }
            return low
        }
    }
}
