import TallyCore

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

/// One import as kept: its source, when and by whom, how, and what it did.
public struct ImportBatch: Sendable, Equatable {
    public var id: Int64
    public var source: String
    public var digest: String
    public var at: String
    public var actor: String
    public var mode: String
    public var counts: ImportCounts
    /// For a license-server log: `flexlm:SERVER (ZONE)`.
    public var origin: String?

    public init(
        id: Int64, source: String, digest: String, at: String, actor: String, mode: String, counts: ImportCounts,
        origin: String?
    ) {
        self.id = id
        self.source = source
        self.digest = digest
        self.at = at
        self.actor = actor
        self.mode = mode
        self.counts = counts
        self.origin = origin
    }
}

/// Which part of a long list to read.
public struct PageRequest: Sendable, Equatable {
    public var offset: Int
    public var limit: Int

    /// A page; `limit` is at least 1.
    public init(offset: Int = 0, limit: Int = 50) {
        self.offset = max(0, offset)
        self.limit = max(1, limit)
    }
}

/// One page of a list, and how long the whole list is.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var total: Int

    public init(items: [Item], total: Int) {
        self.items = items
        self.total = total
    }
}

extension Page: Equatable where Item: Equatable {}

/// Records whose id, or name, contains a text.
public struct RecordQuery: Sendable, Equatable {
    public var search: String?
    public var page: PageRequest

    public init(search: String? = nil, page: PageRequest = PageRequest()) {
        self.search = search
        self.page = page
    }
}

/// Products to list: matching a text, of a publisher, metric or status (in the latest snapshot), in an order.
public struct ProductQuery: Sendable, Equatable {
    public enum Order: String, Sendable, CaseIterable { case name, exposure, shortfall }

    public var search: String?
    public var publisher: String?
    public var metric: License.Metric?
    public var status: ComplianceStatus?
    public var order: Order
    public var page: PageRequest

    public init(
        search: String? = nil, publisher: String? = nil, metric: License.Metric? = nil,
        status: ComplianceStatus? = nil, order: Order = .name, page: PageRequest = PageRequest()
    ) {
        self.search = search
        self.publisher = publisher
        self.metric = metric
        self.status = status
        self.order = order
        self.page = page
    }
}

/// A product with its figures in the latest snapshot, where it had a position then.
public struct ProductListing: Sendable, Equatable {
    public var product: Product
    public var position: SnapshotPosition?

    public init(product: Product, position: SnapshotPosition?) {
        self.product = product
        self.position = position
    }
}

/// Entitlements to list: matching a text (id, vendor, contract, order), of one product.
public struct EntitlementQuery: Sendable, Equatable {
    public var search: String?
    public var product: Product.ID?
    /// Only those whose term ends within these days.
    public var ending: ClosedRange<Day>?
    public var page: PageRequest

    public init(
        search: String? = nil, product: Product.ID? = nil, ending: ClosedRange<Day>? = nil,
        page: PageRequest = PageRequest()
    ) {
        self.search = search
        self.product = product
        self.ending = ending
        self.page = page
    }
}

/// One dated position kept, with its totals or one product's figures.
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
    /// Kept by the store on its own to keep the latest position current, rather than asked for.
    public var automatic: Bool

    public init(
        id: Int64, asOf: Day, takenAt: Instant, exposure: Double, surplusValue: Double, productsUnder: Int,
        shortfalls: [License.Metric: Int], position: SnapshotPosition?, automatic: Bool = false
    ) {
        self.id = id
        self.asOf = asOf
        self.takenAt = takenAt
        self.exposure = exposure
        self.surplusValue = surplusValue
        self.productsUnder = productsUnder
        self.shortfalls = shortfalls
        self.position = position
        self.automatic = automatic
    }
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

    public init(
        product: Product.ID, status: String, demand: Int, covered: Int, shortfall: Int, exposure: Double?,
        surplusValue: Double
    ) {
        self.product = product
        self.status = status
        self.demand = demand
        self.covered = covered
        self.shortfall = shortfall
        self.exposure = exposure
        self.surplusValue = surplusValue
    }
}

/// A product's demand in a snapshot: what forecasts read as history.
public struct DatedDemand: Sendable, Equatable {
    public var asOf: Day
    public var product: Product.ID
    public var demand: Int

    public init(asOf: Day, product: Product.ID, demand: Int) {
        self.asOf = asOf
        self.product = product
        self.demand = demand
    }
}

/// Which snapshot is the latest: its id, the store's generation when it was taken, and its day.
public struct SnapshotMark: Sendable, Equatable {
    public var id: Int64
    public var generation: Int64
    public var asOf: Day

    public init(id: Int64, generation: Int64, asOf: Day) {
        self.id = id
        self.generation = generation
        self.asOf = asOf
    }
}

/// A document attached to a contract: its bytes are a file in the store's document folder named by their SHA-256.
public struct ContractDocument: Sendable, Equatable {
    public var id: Int64
    public var contract: Contract.ID
    /// The file's name as it was attached (`EA-2026.pdf`).
    public var name: String
    public var sha256: String
    public var size: Int
    public var added: Instant
    public var actor: String

    public init(
        id: Int64, contract: Contract.ID, name: String, sha256: String, size: Int, added: Instant, actor: String
    ) {
        self.id = id
        self.contract = contract
        self.name = name
        self.sha256 = sha256
        self.size = size
        self.added = added
        self.actor = actor
    }
}

/// An alert as the send log keeps it: recorded before it is sent, with the key every attempt carries, so that it is
/// sent once per rule, subject and stage, and never lost when a delivery fails or the process stops.
public struct AlertDelivery: Sendable, Equatable {
    public enum Status: String, Sendable { case pending, sent }

    public var id: Int64
    public var rule: Int64
    public var subject: String
    public var stage: String
    /// The idempotency key: the same on every attempt, in a header and in the body.
    public var key: String
    public var title: String
    public var text: String
    /// Where it goes, as the rule said when it was raised.
    public var channel: AlertRule.Channel
    public var created: Instant
    public var status: Status
    public var attempts: Int
    public var lastError: String?
    /// When a pending alert is tried again.
    public var nextAttempt: Instant
    public var sent: Instant?

    public init(
        id: Int64, rule: Int64, subject: String, stage: String, key: String, title: String, text: String,
        channel: AlertRule.Channel, created: Instant, status: Status = .pending, attempts: Int = 0,
        lastError: String? = nil, nextAttempt: Instant, sent: Instant? = nil
    ) {
        self.id = id
        self.rule = rule
        self.subject = subject
        self.stage = stage
        self.key = key
        self.title = title
        self.text = text
        self.channel = channel
        self.created = created
        self.status = status
        self.attempts = attempts
        self.lastError = lastError
        self.nextAttempt = nextAttempt
        self.sent = sent
    }
}
