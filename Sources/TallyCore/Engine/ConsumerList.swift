/// One consumer of a product's licenses: how many units it needs, which entitlements give them, and why.
public struct Consumer: Sendable, Equatable {
    public let product: Product.ID
    /// `device:ID`, `person:ID`, `host:ID`, `pool` or `login:NAME`.
    public let key: String
    public let units: Int
    public let department: Department.ID?
    public let allocated: [Allocation]
    public var shortfall: Int { units - allocated.reduce(0) { $0 + $1.units } }
    /// The arithmetic of the units and why each entitlement could or could not cover them.
    public let why: String
}

/// Units one entitlement gives one consumer.
public struct Allocation: Sendable, Equatable {
    public let entitlement: Entitlement.ID
    public let units: Int
}

/// The consumers of a reconciliation, built on access so that millions of them stay compact until printed.
public struct ConsumerList: RandomAccessCollection, Sendable {
    let storage: ConsumerStorage

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.records.count }

    /// The consumer at `position`, built from the compact records.
    public subscript(position: Int) -> Consumer {
        storage.consumer(at: position)
    }

    /// The positions of a product's consumers; empty for a product without any.
    public func indices(of product: Product.ID) -> Range<Int> {
        guard let number = storage.estate.estate.products.firstIndex(where: { $0.id == product }) else { return 0..<0 }
        return storage.records.range(of: Int32(number))
    }

    /// The positions of the consumers that are one device (as a device or as a host) or one person, in product
    /// order: what a device's or a person's page lists as the licenses it consumes.
    public func indices(ofDevice device: Device.ID) -> [Int] {
        guard let number = storage.estate.estate.devices.firstIndex(where: { $0.id == device }) else { return [] }
        return indices { ($0.kind == .device || $0.kind == .host) && $0.subject == Int32(number) }
    }

    public func indices(ofPerson person: Person.ID) -> [Int] {
        guard let number = storage.estate.estate.people.firstIndex(where: { $0.id == person }) else { return [] }
        return indices { $0.kind == .person && $0.subject == Int32(number) }
    }

    private func indices(where matches: (ConsumerRecord) -> Bool) -> [Int] {
        var found: [Int] = []
        storage.records.forEach { index, record in
            if matches(record) { found.append(index) }
        }
        return found
    }

    /// Each consumer of a product by key and units, without its allocations and why: what comparing two positions
    /// consumer by consumer needs.
    public func forEachUnits(of product: Product.ID, _ body: (_ key: String, _ units: Int) -> Void) {
        for index in indices(of: product) {
            let record = storage.records[index]
            body(storage.key(of: record), record.units)
        }
    }

    /// The consumers in `range`, in order: faster than the subscript for long runs, since consumers covered alike
    /// share the words of their coverage.
    public func forEach(in range: Range<Int>, _ body: (Consumer) -> Void) {
        var seen: [CoverageKey: (index: Int, record: ConsumerRecord, coverage: String)] = [:]
        for index in range {
            let record = storage.records[index]
            let key = storage.coverageKey(index, record)
            let coverage: String
            if let known = seen[key], storage.coveredAlike(index, record, known.index, known.record) {
                coverage = known.coverage
            } else {
                coverage = storage.coverage(index, record)
                if seen.count < 4_096 { seen[key] = (index, record, coverage) }
            }
            body(storage.consumer(at: index, record, coverage: coverage))
        }
    }
}

/// What most distinguishes the coverage of consumers; `ConsumerStorage.coveredAlike` settles it.
struct CoverageKey: Hashable {
    var product: Int32
    var coverageClass: Int32
    var department: Int32
    var units: Int
    var allocations: Int
    var firstEntitlement: Int32
    var firstUnits: Int
}

/// What the consumer views are read from.
final class ConsumerStorage: Sendable {
    let estate: ResolvedEstate
    let demand: Demand
    let records: ConsumerRecords
    let classes: [CoverageClass]
    /// Allocations of consumer `i` are `allocations[allocationStart[i]..<allocationStart[i + 1]]`.
    let allocationStart: [Int]
    let allocationEntitlement: [Int32]
    let allocationUnits: [Int]

    init(
        estate: ResolvedEstate, demand: Demand, records: ConsumerRecords, classes: [CoverageClass],
        allocationStart: [Int], allocationEntitlement: [Int32], allocationUnits: [Int]
    ) {
        self.estate = estate
        self.demand = demand
        self.records = records
        self.classes = classes
        self.allocationStart = allocationStart
        self.allocationEntitlement = allocationEntitlement
        self.allocationUnits = allocationUnits
    }

    func consumer(at index: Int) -> Consumer {
        let record = records[index]
        return consumer(at: index, record, coverage: coverage(index, record))
    }

    func consumer(at index: Int, _ record: ConsumerRecord, coverage: String) -> Consumer {
        let allocated = (allocationStart[index]..<allocationStart[index + 1]).map {
            Allocation(
                entitlement: estate.estate.entitlements[Int(allocationEntitlement[$0])].id,
                units: allocationUnits[$0])
        }
        return Consumer(
            product: estate.estate.products[Int(record.product)].id,
            key: key(of: record),
            units: record.units,
            department: record.department >= 0 ? estate.estate.departments[Int(record.department)].id : nil,
            allocated: allocated,
            why: why(record, coverage: coverage))
    }

    func key(of record: ConsumerRecord) -> String {
        switch record.kind {
        case .device: return "device:" + estate.estate.devices[Int(record.subject)].id.rawValue
        case .host: return "host:" + estate.estate.devices[Int(record.subject)].id.rawValue
        case .person: return "person:" + estate.estate.people[Int(record.subject)].id.rawValue
        case .login: return "login:" + estate.unmatchedLogins[Int(record.subject)]
        case .pool: return "pool"
        case .minimum: return "minimum"
        }
    }
}
