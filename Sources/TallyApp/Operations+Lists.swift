import TallyCore
import TallyStore

extension Operations {
    /// Products with their figures in the latest position, searched, filtered, ordered and paged.
    public func products(_ query: ProductQuery) async throws(TallyError) -> Page<ProductListing> {
        try await reading { try $0.products(query) }
    }

    /// Entitlements, searched (id, vendor, contract, order) and paged.
    public func entitlements(_ query: EntitlementQuery) async throws(TallyError) -> Page<Entitlement> {
        try await reading { try $0.entitlements(query) }
    }

    /// Entitlements whose term ends from `from` through `through`, soonest first.
    public func entitlementsEnding(from: Day, through: Day) async throws(TallyError) -> [Entitlement] {
        guard from <= through else { return [] }
        let ending = try await reading { reader in
            try reader.entitlements(EntitlementQuery(ending: from...through, page: PageRequest(limit: 1 << 30)))
        }
        return ending.items.sorted { ($0.end ?? from, $0.id.rawValue) < ($1.end ?? from, $1.id.rawValue) }
    }

    /// Devices, searched (id, host name, serial) and paged.
    public func devices(_ query: RecordQuery) async throws(TallyError) -> Page<Device> {
        try await reading { try $0.devices(query) }
    }

    /// People, searched (id, name, login, email) and paged.
    public func people(_ query: RecordQuery) async throws(TallyError) -> Page<Person> {
        try await reading { try $0.people(query) }
    }

    /// Import batches, newest first, paged.
    public func batches(_ page: PageRequest) async throws(TallyError) -> Page<ImportBatch> {
        try await reading { try $0.batches(page) }
    }

    /// One record by its id; nil when there is none.
    public func product(_ id: Product.ID) async throws(TallyError) -> Product? {
        try await reading { try $0.product(id) }
    }

    public func entitlement(_ id: Entitlement.ID) async throws(TallyError) -> Entitlement? {
        try await reading { try $0.entitlement(id) }
    }

    public func device(_ id: Device.ID) async throws(TallyError) -> Device? {
        try await reading { try $0.device(id) }
    }

    public func person(_ id: Person.ID) async throws(TallyError) -> Person? {
        try await reading { try $0.person(id) }
    }
}
