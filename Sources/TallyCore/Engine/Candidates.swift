/// The active entitlements that may cover a product's consumers, and the rules (version, scope) that can exclude them.
struct Candidates {
    /// Entitlement indices, in estate order; a consumer's coverage mask has one bit per candidate.
    let entitlements: [Int32]
    private let versioned: [(bit: Int, rank: Int32, downgrade: Bool)]
    private let scoped: [(bit: Int, scope: Int32)]
    /// The candidates that grant virtualization rights (Software Assurance or a subscription).
    let withRights: [Int]

    init(entitlements: [Int32], estate: ResolvedEstate) {
        self.entitlements = entitlements
        var versioned: [(bit: Int, rank: Int32, downgrade: Bool)] = []
        var scoped: [(bit: Int, scope: Int32)] = []
        var withRights: [Int] = []
        for (bit, entitlement) in entitlements.enumerated() {
            if estate.estate.entitlements[Int(entitlement)].hasVirtualizationRights { withRights.append(bit) }
            let rank = estate.entitlementVersionRank[Int(entitlement)]
            if rank >= 0 { versioned.append((bit, rank, estate.estate.entitlements[Int(entitlement)].downgrade)) }
            let scope = estate.entitlementScope[Int(entitlement)]
            if scope >= 0 { scoped.append((bit, scope)) }
        }
        self.versioned = versioned
        self.scoped = scoped
        self.withRights = withRights
    }

    var count: Int { entitlements.count }
    var caresAboutVersions: Bool { !versioned.isEmpty }

    /// Removes the candidates that do not cover an installation of version rank `rank` (-1: no version).
    func restrict<M: CoverageMask>(_ mask: inout M, versionRank rank: Int32) {
        for candidate in versioned {
            let covered = rank >= 0 && (candidate.downgrade ? rank <= candidate.rank : rank == candidate.rank)
            if !covered { mask.remove(candidate.bit) }
        }
    }

    /// Removes the candidates whose scope does not include `department` (-1: no department).
    func restrict<M: CoverageMask>(_ mask: inout M, department: Int32, estate: ResolvedEstate) {
        for candidate in scoped where !estate.department(department, isWithin: candidate.scope) {
            mask.remove(candidate.bit)
        }
    }

    /// Leaves only the candidates that grant virtualization rights.
    func keepRights<M: CoverageMask>(_ mask: inout M) {
        var rights = M(noneOf: count)
        for bit in withRights { rights.insert(bit) }
        mask.formIntersection(rights)
    }

    /// The entitlement indices a mask holds.
    func entitlements<M: CoverageMask>(in mask: M) -> [Int32] {
        entitlements.indices.filter { mask.contains($0) }.map { entitlements[$0] }
    }
}
