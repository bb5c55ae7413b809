import TallyCore
import TallyFormats

/// The license inventory kept over years: the estate, where each part came from, dated positions, and an audit
/// trail of every change. Every backend keeps the same contract, proven by the same tests.
public protocol Store: Sendable {
    /// Writes an estate in one transaction: `merge` upserts and keeps what the estate does not mention, `replace` makes
    /// the store equal to it. The result must be a valid estate, or nothing is written. `dryRun` only counts.
    /// `progress` hears now and then how many records of how many are written.
    func importEstate(
        _ estate: Estate, mode: ImportMode, source: ImportSource, dryRun: Bool, progress: ImportProgress?
    ) throws(StoreError) -> ImportSummary

    /// Writes what a license server said as one import (merged). First the `featureMap` given with it is kept (a
    /// feature mapped anew moves its stored sessions, denials and pools to its product); then `evidence` builds
    /// the records from what the store holds, in the same transaction. A sample older than one already kept for
    /// the same server is refused.
    func importLicenseServer(
        featureMap: [String: Product.ID], source: ImportSource, log: LogOrigin?, dryRun: Bool,
        progress: ImportProgress?, evidence: (LicenseServerContext) -> LicenseServerEvidence
    ) throws(StoreError) -> ImportSummary

    /// Counts a license-server feature (`VENDOR:FEATURE`) for `product` from now on, moving the sessions, denials
    /// and pools stored under it, as one audited change. The feature's own product (`VENDOR:FEATURE`) is removed
    /// once nothing else refers to it.
    func mapFeature(_ feature: String, to product: Product.ID, actor: String, at: Instant) throws(StoreError)

    /// Which product each mapped license-server feature (`VENDOR:FEATURE`) counts for.
    func fetchFeatureMap() throws(StoreError) -> [String: Product.ID]

    /// The license servers' pools as last sampled, by server, then in report order.
    func fetchServerPools() throws(StoreError) -> [ServerPool]

    /// Writes what an inventory source saw as one import batch: each device recognised among the stored ones (by
    /// serial, else short host name) or added, its details updated; its software replacing what `source` saw on it
    /// before (what is gone is kept, marked removed); new raw titles read by `catalog`; and the devices'
    /// installations derived again from every source's evidence.
    func importInventory(
        _ devices: [InventoryDevice], source: String, catalog: Normalizer, origin: ImportSource,
        dryRun: Bool
    ) throws(StoreError) -> InventorySummary

    /// Reads every stored raw title again with `catalog` and derives the installations afresh, as one audited change.
    func applyCatalog(_ catalog: Normalizer, actor: String, at: Instant) throws(StoreError) -> CatalogSummary

    /// Raw titles no rule recognises, by the number of devices that have them, most first.
    func fetchUnrecognized(limit: Int) throws(StoreError) -> [UnrecognizedTitle]

    /// Everything inventory sources saw on a device, present and gone, with what the catalog made of it: installed
    /// first, by name, then what was removed, latest first.
    func fetchSightings(device: Device.ID) throws(StoreError) -> [SoftwareSighting]

    /// The license manager's own catalog (a catalog document, read before the built-in one), nil when none.
    func fetchOwnCatalog() throws(StoreError) -> String?

    /// Replaces the license manager's own catalog, as one audited change described by `change`.
    func saveOwnCatalog(_ document: String, change: String, actor: String, at: Instant) throws(StoreError)

    /// The whole store as an estate dated `asOf`.
    func loadEstate(asOf: Day) throws(StoreError) -> Estate

    /// Keeps a reconciliation as a dated snapshot and returns its number.
    @discardableResult
    func recordSnapshot(_ reconciliation: Reconciliation, takenAt: Instant) throws(StoreError) -> Int64

    /// Snapshots, oldest first, with their totals, or one product's figures in each.
    func fetchSnapshots(product: Product.ID?) throws(StoreError) -> [SnapshotSummary]

    /// Applies one edit as one audited change.
    func apply(_ edit: Edit, actor: String, at: Instant) throws(StoreError)

    /// The audit trail, oldest first, optionally only the entries about one entity or one record.
    func fetchAuditLog(entity: String?, id: String?) throws(StoreError) -> [AuditEntry]

    /// Recomputes the audit trail's hash chain and names the first entry that does not match.
    func verifyAuditTrail() throws(StoreError) -> AuditVerification
}

/// Where a license-server log's sessions come from, so that the same checkouts are never counted twice: a file
/// imported already under another server name or time zone, or a log whose checkouts the store holds already shifted
/// by whole hours, is refused unless `again`.
public struct LogOrigin: Sendable, Equatable {
    /// The sessions' source (`flexlm:lic1`).
    public var source: String
    /// The time zone its clock was read in.
    public var timeZone: String
    /// Import even what looks imported already.
    public var again: Bool

    /// An origin from its parts.
    public init(source: String, timeZone: String, again: Bool = false) {
        self.source = source
        self.timeZone = timeZone
        self.again = again
    }

    /// As kept with the import batch: `flexlm:lic1 (Europe/Madrid)`.
    var recorded: String { "\(source) (\(timeZone))" }
}

/// Told during an import how many records of how many are written.
public typealias ImportProgress = @Sendable (_ done: Int, _ total: Int) -> Void

extension Store {
    /// Imports without reporting progress.
    public func importEstate(
        _ estate: Estate, mode: ImportMode, source: ImportSource, dryRun: Bool
    ) throws(StoreError) -> ImportSummary {
        try importEstate(estate, mode: mode, source: source, dryRun: dryRun, progress: nil)
    }
}

/// How an import treats what the store already holds.
public enum ImportMode: String, CaseIterable, Sendable {
    /// Insert new records, update changed ones, keep what the file does not mention.
    case merge
    /// Make the store equal to the file: what the file does not mention is removed.
    case replace
}

/// Where an import comes from, kept with every row it writes.
public struct ImportSource: Sendable, Equatable {
    public var name: String
    /// SHA-256 of the file, hex.
    public var digest: String
    public var actor: String
    public var at: Instant

    /// An import's provenance.
    public init(name: String, digest: String, actor: String, at: Instant) {
        self.name = name
        self.digest = digest
        self.actor = actor
        self.at = at
    }
}

/// Rows an import inserted, updated, left unchanged and removed.
public struct ImportCounts: Sendable, Equatable {
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var removed = 0

    /// Counts, all zero unless given.
    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0, removed: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
        self.removed = removed
    }

    static func + (a: ImportCounts, b: ImportCounts) -> ImportCounts {
        ImportCounts(
            inserted: a.inserted + b.inserted, updated: a.updated + b.updated,
            unchanged: a.unchanged + b.unchanged, removed: a.removed + b.removed)
    }
}

/// What an import did (or, dry, would do), per collection of the estate.
public struct ImportSummary: Sendable, Equatable {
    /// The batch number, nil for a dry run.
    public var batch: Int64?
    /// Per collection, in the order of the estate format.
    public var collections: [(name: String, counts: ImportCounts)]

    /// The counts of one collection (`usage`), zero where the import had none.
    public subscript(collection: String) -> ImportCounts {
        collections.first { $0.name == collection }?.counts ?? ImportCounts()
    }

    /// The sum over all collections.
    public var total: ImportCounts { collections.reduce(ImportCounts()) { $0 + $1.counts } }

    public static func == (a: ImportSummary, b: ImportSummary) -> Bool {
        a.batch == b.batch && a.collections.map(\.name) == b.collections.map(\.name)
            && a.collections.map(\.counts) == b.collections.map(\.counts)
    }
}

/// One dated position kept by `tally reconcile`, with its totals or one product's figures.
public struct SnapshotSummary: Sendable, Equatable {
    public var id: Int64
    public var asOf: Day
    public var takenAt: Instant
    public var exposure: Double
    public var surplusValue: Double
    /// Products in shortfall.
    public var productsUnder: Int
    /// Units short per metric: devices, users, cores, PVU... are never added together.
    public var shortfalls: [License.Metric: Int]
    /// The product's figures when one product was asked for and it had a position then.
    public var position: SnapshotPosition?
}

/// One product's figures in a snapshot.
public struct SnapshotPosition: Sendable, Equatable {
    public var product: Product.ID
    public var status: String
    public var demand: Int
    public var covered: Int
    public var shortfall: Int
    public var exposure: Double?
    public var surplusValue: Double
}

/// A change a license manager makes by hand, each kept as one audit entry.
public enum Edit: Sendable, Equatable {
    /// Adds an entitlement; its id must be new.
    case addEntitlement(Entitlement)
    /// Replaces an entitlement's values; its id must exist.
    case editEntitlement(Entitlement)
    /// Ends an entitlement's term on a day (it stays on record).
    case retireEntitlement(Entitlement.ID, on: Day)
    /// Adds a product; its id must be new.
    case addProduct(Product)
    /// Replaces a product's values (not its components); its id must exist.
    case editProduct(Product)
    /// Replaces a device's values (its hardware, host, cluster, partitioning, user, department); its id must exist.
    case editDevice(Device)
    /// Marks a device retired on a day (the first day it no longer counts); it stays on record.
    case retireDevice(Device.ID, on: Day)
    /// Marks a person retired on a day (the first day they no longer count, having left); they stay on record.
    case retirePerson(Person.ID, on: Day)
    case assign(Assignment)
    case unassign(Assignment)
}

/// One entry of the audit trail: who changed what, when, from which values to which, chained by hashes.
public struct AuditEntry: Sendable, Equatable {
    public var sequence: Int64
    public var at: String
    public var actor: String
    public var entity: String
    public var entityID: String
    public var action: String
    public var before: String?
    public var after: String?
    public var previousHash: String
    public var hash: String
}

/// The result of recomputing the audit trail's hash chain.
public enum AuditVerification: Sendable, Equatable {
    case intact(entries: Int)
    /// The first entry whose hash, or link to the entry before, does not match; or a gap in the numbering.
    case broken(sequence: Int64, reason: String)
}
