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
}
