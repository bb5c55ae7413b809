/// What a consumer is, in the order their keys sort (`device:` < `host:` < `login:` < `minimum` < `person:` <
/// `pool`).
enum ConsumerKind: UInt8, Comparable {
    case device, host, login, minimum, person, pool

    static func < (lhs: ConsumerKind, rhs: ConsumerKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The publisher's rule that made a consumer what it is, for its explanation.
enum CountingBasis: UInt8 {
    /// The metric's plain rule.
    case plain
    /// A host counted in full for the VMs on it (`host` virtualization, or the processor metric).
    case host
    /// A host counted in full because a VM of its cluster runs the product and could move to it.
    case cluster
    /// A host counted in full because VMs on it have no entitlement with virtualization rights.
    case missingRights
    /// A VM licensed by itself under virtualization rights (Software Assurance or a subscription).
    case rights
    /// VMs on a host counted at the host's full capacity, which is less than their own (PVU sub-capacity cap).
    case capped
    /// A hard-partitioned VM counted by its own capped cores.
    case partition
}

/// One consumer in the engine's compact layout (40 bytes); `Consumer` is the readable view of it.
struct ConsumerRecord {
    var units: Int
    /// Numbers the explanation needs: devices counted for a person, VMs under a host, the peak instant of a pool.
    var detail: Int64
    var product: Int32
    /// The device, person or unmatched login index; -1 for a pool.
    var subject: Int32
    var department: Int32
    /// The coverage class: the set of entitlements that may cover this consumer.
    var coverageClass: Int32
    var kind: ConsumerKind
    /// Whether it holds an assignment of the product, which puts it first in the allocation.
    var assigned: Bool
    var basis: CountingBasis

    init(
        product: Int32, kind: ConsumerKind, subject: Int32, units: Int, department: Int32, detail: Int64,
        coverageClass: Int32, assigned: Bool = false, basis: CountingBasis = .plain
    ) {
        self.units = units
        self.detail = detail
        self.product = product
        self.subject = subject
        self.department = department
        self.coverageClass = coverageClass
        self.kind = kind
        self.assigned = assigned
        self.basis = basis
    }
}

/// Every product's consumers, kept in the per-product arrays they were built in (joining millions of records into
/// one array would copy them all), numbered as one sequence with class numbers made global.
struct ConsumerRecords {
    private let parts: [[ConsumerRecord]]
    /// Index of each part's first record, and the total at the end.
    private let partStart: [Int]
    private let classOffset: [Int32]

    /// Joins per-product demand, numbering the classes of each part after those of the parts before it.
    init(_ demands: [ProductDemand]) {
        parts = demands.map(\.records)
        var start = [0], offset: [Int32] = []
        var classes: Int32 = 0
        for demand in demands {
            start.append(start[start.count - 1] + demand.records.count)
            offset.append(classes)
            classes += Int32(demand.classes.count)
        }
        partStart = start
        classOffset = offset
    }

    var count: Int { partStart[partStart.count - 1] }

    subscript(index: Int) -> ConsumerRecord {
        // The last part starting at or before `index`.
        var low = 0, high = parts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if partStart[middle] <= index { low = middle } else { high = middle - 1 }
        }
        return record(part: low, at: index - partStart[low])
    }

    /// The indices of one product's records (`product` numbers the estate's products): each part is one product's.
    func range(of product: Int32) -> Range<Int> {
        for part in parts.indices where parts[part].first?.product == product {
            return partStart[part]..<partStart[part + 1]
        }
        return 0..<0
    }

    /// Calls `body` with each record and its index, in order, without searching.
    func forEach(_ body: (Int, ConsumerRecord) -> Void) {
        for part in parts.indices {
            for offset in parts[part].indices {
                body(partStart[part] + offset, record(part: part, at: offset))
            }
        }
    }

    private func record(part: Int, at offset: Int) -> ConsumerRecord {
        var record = parts[part][offset]
        record.coverageClass += classOffset[part]
        return record
    }
}

/// Consumers that the same active entitlements may cover: the unit of the allocation's flow network.
struct CoverageClass {
    var product: Int32
    /// Entitlement indices that may cover every consumer of the class.
    var entitlements: [Int32]
    var demand: Int
    /// Whether its consumers hold an assignment of the product, so that they are covered before the others.
    var assigned = false
}
