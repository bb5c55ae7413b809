import Foundation

/// A digest of what an estate holds, per collection, that one record changed updates without reading the others:
/// the sum, modulo 2^64, of a keyed hash of every record, in two lanes keyed apart (128 bits a collection). The
/// audit trail records it with every change, so that verifying the trail can compare the data with what the trail
/// says it is; with a secret key, a digest cannot be recomputed by someone holding only the store.
public struct EstateDigest: Equatable, Sendable, CustomStringConvertible {
    /// The collections in the order of the estate format.
    public static let collections = [
        "departments", "people", "devices", "products", "installations", "usage", "denials", "assignments",
        "entitlements", "contracts", "rates",
    ]
    /// Collections added after trails were first written: a digest recorded before one was added counts it empty.
    static let later: Set<String> = ["contracts", "rates"]

    /// Per collection, the two lanes' sums.
    public private(set) var sums: [String: (UInt64, UInt64)] = [:]
    let keys: DigestKeys

    /// The digest of an empty estate.
    public init(keys: DigestKeys) {
        self.keys = keys
        for collection in Self.collections { sums[collection] = (0, 0) }
    }

    /// The digest of an estate; `onEveryCore: false` keeps it to the calling thread (when it runs beside other work).
    public init(_ estate: Estate, keys: DigestKeys, onEveryCore: Bool = true) {
        self.init(keys: keys)
        func add<R: DigestedRecord>(_ records: [R]) {
            let (x, y) = total(records, onEveryCore: onEveryCore)
            sums[R.collection] = (x, y)
        }
        add(estate.departments)
        add(estate.people)
        add(estate.devices)
        add(estate.products)
        add(estate.installations)
        add(estate.usage)
        add(estate.denials)
        add(estate.assignments)
        add(estate.entitlements)
        add(estate.contracts)
        add(estate.rates)
    }

    /// Counts records in.
    public mutating func add<R: DigestedRecord>(_ records: [R]) {
        let (x, y) = total(records)
        let (a, b) = sums[R.collection] ?? (0, 0)
        sums[R.collection] = (a &+ x, b &+ y)
    }

    /// Counts records out.
    public mutating func remove<R: DigestedRecord>(_ records: [R]) {
        let (x, y) = total(records)
        let (a, b) = sums[R.collection] ?? (0, 0)
        sums[R.collection] = (a &- x, b &- y)
    }

    /// The lanes' sums over `records`; a large collection is summed in parts on every core (addition modulo 2^64
    /// does not mind the order).
    private func total<R: DigestedRecord>(_ records: [R], onEveryCore: Bool = true) -> (UInt64, UInt64) {
        @Sendable func sum(_ part: ArraySlice<R>) -> (UInt64, UInt64) {
            var (a, b): (UInt64, UInt64) = (0, 0)
            for record in part {
                let (x, y) = hash(record)
                a = a &+ x
                b = b &+ y
            }
            return (a, b)
        }
        guard onEveryCore, records.count >= 65_536 else { return sum(records[...]) }
        let parts = ProcessInfo.processInfo.activeProcessorCount * 4
        var partial = [(UInt64, UInt64)](repeating: (0, 0), count: parts)
        partial.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                slots[part] = sum(records[records.count * part / parts..<records.count * (part + 1) / parts])
            }
        }
        return partial.reduce(into: (0, 0)) { total, part in
            total = (total.0 &+ part.0, total.1 &+ part.1)
        }
    }

    /// One record replaced by another.
    public mutating func replace<R: DigestedRecord>(_ before: R, with after: R) {
        remove([before])
        add([after])
    }

    private func hash<R: DigestedRecord>(_ record: R) -> (UInt64, UInt64) {
        var first = SipHasher(key: keys.first), second = SipHasher(key: keys.second)
        record.feed(&first)
        record.feed(&second)
        return (first.finalize(), second.finalize())
    }

    /// `collection=hex,...` in the order of the estate format.
    public var description: String {
        Self.collections.map { name in
            let (a, b) = sums[name] ?? (0, 0)
            return name + "=" + Self.hex(a) + Self.hex(b)
        }.joined(separator: ",")
    }

    /// A digest as `description` writes it; nil for text that is not one.
    public init?(_ text: String, keys: DigestKeys) {
        self.keys = keys
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "=")
            guard pieces.count == 2, pieces[1].count == 32, let a = UInt64(pieces[1].prefix(16), radix: 16),
                let b = UInt64(pieces[1].suffix(16), radix: 16)
            else { return nil }
            sums[String(pieces[0])] = (a, b)
        }
        for name in Self.later where sums[name] == nil { sums[name] = (0, 0) }
        guard Set(sums.keys) == Set(Self.collections) else { return nil }
    }

    /// The collections whose digests differ.
    public func differences(from other: EstateDigest) -> [String] {
        Self.collections.filter { sums[$0]! != other.sums[$0]! }
    }

    public static func == (a: EstateDigest, b: EstateDigest) -> Bool { a.differences(from: b).isEmpty }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// The keys of the digest's two lanes: from a secret (the audit key) where one is given, else fixed ones.
public struct DigestKeys: Sendable, Equatable {
    public var first: (UInt64, UInt64)
    public var second: (UInt64, UInt64)

    /// Keys derived from a secret's bytes (32 of them: its SHA-256, for instance); fixed keys without one.
    public init(secret: [UInt8]?) {
        guard let secret, secret.count >= 32 else {
            first = (0x5461_6c6c_7920_6175, 0x6469_7420_7374_6174)
            second = (0x6520_6469_6765_7374, 0x2d20_6c61_6e65_2032)
            return
        }
        func word(_ offset: Int) -> UInt64 {
            (0..<8).reduce(0) { $0 | UInt64(secret[offset + $1]) << (8 * UInt64($1)) }
        }
        first = (word(0), word(8))
        second = (word(16), word(24))
    }

    public static func == (a: DigestKeys, b: DigestKeys) -> Bool {
        a.first == b.first && a.second == b.second
    }
}

/// A record the digest counts: its collection, and its fields fed in a fixed order.
public protocol DigestedRecord: Sendable {
    static var collection: String { get }
    func feed(_ hasher: inout SipHasher)
}

extension SipHasher {
    mutating func combine(_ day: Day?) { combine(Int64(day?.daysSinceEpoch ?? Int32.min)) }
    mutating func combine(_ instant: Instant?) { combine(instant?.secondsSinceEpoch ?? Int64.min) }
    mutating func combine(_ number: Int?) { combine(Int64(number ?? Int.min)) }
    mutating func combine(_ number: Double?) { combine(Int64(bitPattern: number?.bitPattern ?? UInt64.max)) }
    mutating func combine(_ flag: Bool) { combine(UInt8(flag ? 1 : 0)) }
    mutating func combine(_ rating: License.Rating) {
        switch rating {
        case .value(let value): combine(value as Double?)
        case .table(let name): combine(name.rawValue)
        }
    }
}

extension Department: DigestedRecord {
    public func feed(_ h: inout SipHasher) {
        h.combine(id.rawValue)
        h.combine(name)
        h.combine(costCenter)
        h.combine(parent?.rawValue)
    }
}

extension ExchangeRate: DigestedRecord {
    public func feed(_ h: inout SipHasher) {
        h.combine(currency)
        h.combine(date)
        h.combine(rate)
    }
}

extension Contract: DigestedRecord {
    public func feed(_ h: inout SipHasher) {
        h.combine(id.rawValue)
        h.combine(vendor)
        h.combine(number)
        h.combine(start)
        h.combine(end)
        h.combine(renewal)
        h.combine(noticeDays)
        h.combine(autoRenew)
        h.combine(owner)
        h.combine(notes)
    }
}

extension Person: DigestedRecord {
    public func feed(_ h: inout SipHasher) {
        h.combine(id.rawValue)
        h.combine(name)
        h.combine(login)
        h.combine(email)
        h.combine(department?.rawValue)
        h.combine(active)
        h.combine(retired)
    }
}

extension Device: DigestedRecord {
    public func feed(_ h: inout SipHasher) {
        h.combine(id.rawValue)
        h.combine(hostname)
        h.combine(kind.rawValue)
        h.combine(host?.rawValue)
        h.combine(processors as Int?)
        h.combine(coresPerProcessor)
        h.combine(vcpus)
        h.combine(processorModel)
        h.combine(serial)
        h.combine(os)
        h.combine(user?.rawValue)
        h.combine(department?.rawValue)
        h.combine(active)
        h.combine(lastSeen)
        h.combine(retired)
        h.combine(cluster)
        h.combine(partitioning.rawValue)
    }
}

extension Product: DigestedRecord {
    public func feed(_ h: inout SipHasher) {
        h.combine(id.rawValue)
        h.combine(publisher)
        h.combine(name)
        h.combine(unitPrice)
        h.combine(Int64(components.count))
        for component in components { h.combine(component.rawValue) }
        h.combine(license.metric.rawValue)
        h.combine(license.minCoresPerProcessor as Int?)
        h.combine(license.minCoresPerDevice as Int?)
        h.combine(license.minCoresPerVM as Int?)
        h.combine(license.coreFactor)
        h.combine(license.pvuPerCore)
        h.combine(license.virtualization.rawValue)
        h.combine(license.devicesPerUser)
        h.combine(license.windowDays as Int?)
        h.combine(license.duplicates?.rawValue)
        h.combine(license.rule?.rawValue)
        h.combine(license.vmRequiresRights)
        h.combine(license.vmsPerLicense)
        h.combine(license.minimumUsersPerProcessor as Int?)
        h.combine(license.minimumUsersPerDevice as Int?)
    }
}

extension Installation: DigestedRecord {
    public func feed(_ h: inout SipHasher) {
        h.combine(device.rawValue)
        h.combine(product.rawValue)
        h.combine(version?.text)
        h.combine(installed)
        h.combine(removed)
        h.combine(lastUsed)
        h.combine(lastSeen)
        h.combine(source)
    }
}

extension UsageSession: DigestedRecord {
    public func feed(_ h: inout SipHasher) {
        h.combine(product.rawValue)
        h.combine(user)
        h.combine(host)
        h.combine(start)
        h.combine(end)
        h.combine(count as Int?)
        h.combine(source)
        h.combine(feature)
    }
}

extension Denial: DigestedRecord {
    public func feed(_ h: inout SipHasher) {
        h.combine(product.rawValue)
        h.combine(user)
        h.combine(host)
        h.combine(at)
        h.combine(reason)
        h.combine(source)
        h.combine(feature)
    }
}

extension Assignment: DigestedRecord {
    public func feed(_ h: inout SipHasher) {
        h.combine(product.rawValue)
        switch assignee {
        case .person(let id):
            h.combine(UInt8(1))
            h.combine(id.rawValue)
        case .device(let id):
            h.combine(UInt8(2))
            h.combine(id.rawValue)
        }
    }
}

extension Entitlement: DigestedRecord {
    public func feed(_ h: inout SipHasher) {
        h.combine(id.rawValue)
        h.combine(product.rawValue)
        h.combine(quantity)
        h.combine(version?.text)
        h.combine(downgrade)
        h.combine(Int64(covers.count))
        for product in covers { h.combine(product.rawValue) }
        h.combine(start)
        h.combine(end)
        h.combine(unlimited)
        h.combine(scope?.rawValue)
        h.combine(unitCost)
        h.combine(costPeriod.rawValue)
        h.combine(softwareAssurance)
        h.combine(vendor)
        h.combine(contract)
        h.combine(purchaseOrder)
        h.combine(notes)
        // Only where set, so that an entitlement in the estate's currency hashes as before currencies existed.
        if let currency { h.combine(currency) }
    }
}
