/// What a consumer is, in the order their keys sort (`device:` < `host:` < `login:` < `person:` < `pool`).
enum ConsumerKind: UInt8, Comparable {
    case device, host, login, person, pool

    static func < (lhs: ConsumerKind, rhs: ConsumerKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One consumer in the engine's compact layout; `Consumer` is the readable view of it.
struct ConsumerRecord {
    var product: Int32
    var kind: ConsumerKind
    /// The device, person or unmatched login index; -1 for a pool.
    var subject: Int32
    var units: Int
    var department: Int32
    /// Numbers the explanation needs: devices counted for a person, VMs under a host, the peak instant of a pool.
    var detail: Int64
    /// The coverage class: the set of entitlements that may cover this consumer.
    var coverageClass: Int32
}

/// Consumers that the same active entitlements may cover: the unit of the allocation's flow network.
struct CoverageClass {
    var product: Int32
    /// Entitlement indices that may cover every consumer of the class.
    var entitlements: [Int32]
    var demand: Int
}
