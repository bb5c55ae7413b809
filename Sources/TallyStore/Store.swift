import TallyCore

/// Where the license inventory is kept over years: the estate, where each part came from, dated positions, inventory
/// evidence, and an append-only audit trail. A backend is persistence only: it reads and writes what it is asked to,
/// in transactions, and holds no rule of the domain (`TallyApp` does). Every backend passes the same contract tests.
public protocol Store: Sendable {
    /// Runs `body` against a consistent view of the store.
    func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T

    /// Runs `body` in one write transaction: committed when it returns, rolled back when it throws (its error is
    /// rethrown as is) or when `rollback` is true (a dry run).
    func write<T: Sendable>(
        rollback: Bool, _ body: @escaping @Sendable (any StoreWriter) throws -> T
    ) async throws
        -> T

    /// The folder beside the store where the documents attached to contracts are kept, one file per content.
    var documentFolder: String { get }

    /// Runs `body` unless another process sharing the store is doing the same work now (then nil): scheduled work
    /// runs on one server at a time however many share a database.
    func exclusively<T: Sendable>(
        _ work: ScheduledWork, _ body: @escaping @Sendable () async throws -> T
    ) async throws
        -> T?
}

/// Work servers do on a schedule, which must not run on two of them at once.
public enum ScheduledWork: Sendable {
    /// Raising and sending alerts: two senders would send an alert twice.
    case alerts
}

extension Store {
    /// A store one process writes at a time (a file) runs scheduled work as it comes.
    public func exclusively<T: Sendable>(
        _ work: ScheduledWork, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T? {
        try await body()
    }

    /// Runs `body` in one write transaction, committed when it returns.
    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T {
        try await write(rollback: false, body)
    }
}

/// What a transaction can read. Lists are in a stable order; a missing record is nil, never an error.
public protocol StoreReader {
    // MARK: The estate

    /// The whole estate, dated `asOf`, each collection in stored order (the order `Changes` positions refer to).
    func estate(asOf: Day) throws -> Estate
    /// The estate dated `asOf` for reconciling: its installations as a table (what the position depends on),
    /// its own list of installations left empty.
    func estateForReconciling(asOf: Day) throws -> (estate: Estate, installations: InstallationTable)
    /// The estate dated `asOf` without its installations: what usage, denial and pool figures are computed from.
    func estateWithoutInstallations(asOf: Day) throws -> Estate
    func department(_ id: Department.ID) throws -> Department?
    func person(_ id: Person.ID) throws -> Person?
    func device(_ id: Device.ID) throws -> Device?
    /// A product with its components.
    func product(_ id: Product.ID) throws -> Product?
    /// An entitlement with the products it covers.
    func entitlement(_ id: Entitlement.ID) throws -> Entitlement?
    /// The entitlements bought for `product` or covering it.
    func entitlements(touching product: Product.ID) throws -> [Entitlement]
    /// The virtual machines whose host is `device`.
    func virtualMachines(on device: Device.ID) throws -> [Device.ID]
    /// How many assignments equal to `assignment` are kept.
    func count(of assignment: Assignment) throws -> Int

    // MARK: Lists for people to browse

    func products(_ query: ProductQuery) throws -> Page<ProductListing>
    func entitlements(_ query: EntitlementQuery) throws -> Page<Entitlement>
    func devices(_ query: RecordQuery) throws -> Page<Device>
    func people(_ query: RecordQuery) throws -> Page<Person>
    /// Import batches, newest first.
    func batches(_ page: PageRequest) throws -> Page<ImportBatch>

    // MARK: License servers

    /// Which product each mapped feature (`VENDOR:FEATURE`) counts for.
    func featureMap() throws -> [String: Product.ID]
    /// The servers' pools as last sampled, by server, then in report order.
    func serverPools() throws -> [ServerPool]
    /// When each server was last sampled.
    func lastSamples() throws -> [String: Instant]
    /// The first batch that imported a file with this digest under another origin than `origin`.
    func batch(digest: String, otherThan origin: String) throws -> ImportBatch?
    /// The batch that wrote a stored session of this identity.
    func batch(of session: UsageSession) throws -> ImportBatch?

    // MARK: Inventory evidence

    /// Every raw title kept, with what the catalog made of it.
    func titles() throws -> [StoredTitle]
    /// What `source` currently sees (not removed), by device and title.
    func currentSightings(source: String) throws -> [Device.ID: [Int64: CurrentSighting]]
    /// The evidence of products on `devices`: what every source but `excluded` sees now, and what any source saw
    /// there before it was removed.
    func evidence(on devices: [Device.ID], excluding excluded: String?) throws -> [Evidence]
    /// Every device with inventory evidence.
    func devicesWithEvidence() throws -> [Device.ID]
    /// Everything sources saw on a device, present first by name, then what was removed, latest first.
    func sightings(on device: Device.ID) throws -> [SoftwareSighting]
    /// Unrecognised titles by the number of devices that have them, most first.
    func unrecognized(limit: Int) throws -> [UnrecognizedTitle]
    /// The license manager's own catalog document.
    func ownCatalog() throws -> String?

    // MARK: Provenance, for evidence handed to an auditor

    /// The publishers the kept products name, each distinct spelling once.
    func publishers() throws -> [String]
    /// The installations of `products` (removed ones too), each with the batch that last wrote it, by device,
    /// product and version.
    func installations(of products: [Product.ID]) throws -> [ImportedInstallation]
    /// The usage sessions of `products`, each with the batch that wrote it, by product, then start.
    func usage(of products: [Product.ID]) throws -> [ImportedSession]
    /// The import batches with these ids, by id; an id no batch has is left out.
    func batches(ids: [Int64]) throws -> [ImportBatch]

    // MARK: Positions and the audit trail

    /// Snapshots, oldest first, with their totals, and one product's figures in each when asked.
    func snapshots(product: Product.ID?) throws -> [SnapshotSummary]
    /// Every product's demand in every snapshot, oldest snapshot first.
    func snapshotDemand() throws -> [DatedDemand]
    /// The latest snapshot's id, generation and day, when there is one.
    func latestSnapshot() throws -> SnapshotMark?
    /// The estate's currency and its exchange rates.
    func currencyConversion() throws -> CurrencyConversion
    /// What was recorded as taken back, in the order recorded.
    func reclaimMarks() throws -> [ReclaimMark]

    // MARK: Contracts

    func contract(_ id: Contract.ID) throws -> Contract?
    /// Every contract, by id.
    func contracts() throws -> [Contract]
    /// The documents attached to a contract (or to any, with nil), in the order they were attached.
    func documents(of contract: Contract.ID?) throws -> [ContractDocument]
    func document(_ id: Int64) throws -> ContractDocument?

    // MARK: Alerts

    /// The alert rules, by id.
    func alertRules() throws -> [AlertRule]
    /// The send log, newest first, at most `limit`.
    func alertDeliveries(limit: Int) throws -> [AlertDelivery]
    /// The alerts not sent yet whose next attempt is due by `now` (all of them with nil), oldest first.
    func pendingDeliveries(dueBy now: Instant?) throws -> [AlertDelivery]

    /// A number that changes whenever the estate changes: a position computed at one generation is current while
    /// the store is at the same one.
    func generation() throws -> Int64
    /// Audit entries, oldest first, optionally of one entity or record.
    func auditEntries(entity: String?, id: String?) throws -> [AuditEntry]
    /// The last audit entry, and the sequence the store recorded as the head of the chain apart from it.
    func auditHead() throws -> (last: AuditEntry?, recorded: Int64?)

    // MARK: Accounts

    /// Every account, by name.
    func accounts() throws -> [Account]
    func account(named name: String) throws -> Account?
    func session(digest: String) throws -> AccountSession?
    func token(digest: String) throws -> APIToken?
    /// How many sign-ins failed under `key` (an account or an address) since `since`.
    func signInFailures(key: String, since: Instant) throws -> Int
}

/// What a write transaction can do beyond reading.
public protocol StoreWriter: StoreReader {
    // MARK: Imports

    /// Records an import batch (counts follow with `closeBatch`) and returns its number.
    func openBatch(_ source: ImportSource, mode: String) throws -> Int64
    /// Records what a batch did, and for a license-server log where it came from.
    func closeBatch(_ batch: Int64, counts: ImportCounts, origin: String?) throws
    /// Writes one collection's changes, positions referring to `estate(asOf:)`'s order in this transaction. New
    /// installations are first seen on `day`. Installations, sessions and denials come from imports: they need a
    /// batch. `progress` hears how many were written.
    func apply<R: StoredRecord>(_ changes: Changes<R>, batch: Int64?, day: Day, progress: (Int) -> Void) throws
    /// Makes each product's components the ones listed (a product belongs to at most one suite).
    func setSuites(_ products: [Product]) throws
    func setCurrency(_ currency: String?) throws
    /// Forgets pools and feature mappings of products no longer kept.
    func dropOrphanedPools() throws

    // MARK: Edits, one record each (outside any batch)

    func insert(_ entitlement: Entitlement) throws
    func update(_ entitlement: Entitlement) throws
    /// Adds a currency's rate of a day, or replaces the one it had that day.
    func insert(_ rate: ExchangeRate) throws
    func insert(_ mark: ReclaimMark) throws
    func insert(_ contract: Contract) throws
    func update(_ contract: Contract) throws
    /// Records a document attached to a contract; returns its id.
    func insert(_ document: ContractDocument) throws -> Int64

    // MARK: Alerts

    /// Adds a rule (its id is given by the store) and returns its id.
    func insert(_ rule: AlertRule) throws -> Int64
    func deleteAlertRule(_ id: Int64) throws
    /// Records an alert to send unless one of its rule, subject and stage is recorded already; true when recorded.
    func insert(_ delivery: AlertDelivery) throws -> Bool
    /// Records an attempt: sent, or failed with its error and the next try.
    func recordAttempt(_ id: Int64, sent: Instant?, error: String?, nextAttempt: Instant) throws
    func insert(_ product: Product) throws
    /// Updates a product's own values (not its components).
    func update(_ product: Product) throws
    func insert(_ device: Device) throws
    func update(_ device: Device) throws
    func update(_ person: Person) throws
    func insert(_ assignment: Assignment) throws
    /// Deletes one kept assignment equal to `assignment`.
    func delete(_ assignment: Assignment) throws

    // MARK: License servers

    func setFeatureMapping(_ feature: String, to product: Product.ID) throws
    /// Moves the sessions, denials and pools stored under `feature` to `product`; returns how many moved.
    func moveFeature(_ feature: String, to product: Product.ID) throws -> Int
    /// Deletes a product nothing refers to; false where something does.
    func deleteProductIfUnreferenced(_ id: Product.ID) throws -> Bool
    /// Keeps a status sample and, where it has any, makes its pools the server's.
    func recordSample(server: String, at: Instant, batch: Int64, pools: [ServerPool]) throws

    // MARK: Inventory evidence

    /// Keeps a new raw title and returns its id.
    func insertTitle(_ title: TitleKey, outcome: TitleOutcome) throws -> Int64
    func updateTitle(_ id: Int64, outcome: TitleOutcome) throws
    /// Marks sightings removed on `day`.
    func removeSightings(_ ids: [Int64], on day: Day, batch: Int64) throws
    /// Gives a device's current sightings by `source` `day` as their last day.
    func touchSightings(device: Device.ID, source: String, on day: Day, batch: Int64) throws
    func insertSightings(_ sightings: [NewSighting], batch: Int64) throws
    /// Replaces the inventory-derived installations of `devices` with `installations`.
    func replaceDerivedInstallations(
        of devices: [Device.ID], with installations: [DerivedInstallation], batch: Int64)
        throws
    func saveOwnCatalog(_ document: String) throws

    // MARK: Positions and the audit trail

    /// Keeps a position as a snapshot at `generation` and returns its id; an automatic snapshot replaces the
    /// previous automatic one of the same day.
    func insertSnapshot(
        _ reconciliation: Reconciliation, takenAt: Instant, generation: Int64, automatic: Bool
    ) throws
        -> Int64
    /// Moves the store to a new generation: the kept position is no longer current.
    func markChanged() throws
    /// Appends an entry whose hash the caller chained (see `AuditChain`), and records it as the head.
    func insertAuditEntry(_ entry: AuditEntry) throws

    // MARK: Accounts

    func insert(_ account: Account) throws
    func update(_ account: Account) throws
    func insert(_ session: AccountSession) throws
    func deleteSession(digest: String) throws
    /// Ends every session of an account, and every session that expired before `expiredBefore`.
    func deleteSessions(of account: String?, expiredBefore: Instant?) throws
    func insert(_ token: APIToken) throws
    func deleteTokens(of account: String) throws
    func recordSignInFailure(key: String, at: Instant) throws
    /// Forgets the failures under `key`, and every failure older than `olderThan`.
    func clearSignInFailures(key: String?, olderThan: Instant?) throws
}
