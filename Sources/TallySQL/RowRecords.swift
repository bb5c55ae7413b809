import TallyCore
import TallyStore

/// Rows read one by one, by column name: an audit entry.
struct AuditRow: SQLRecord {
    static let columns = "sequence, at, actor, entity, entity_id, action, before, after, previous_hash, hash, state"
    let entry: AuditEntry

    init(row: SQLRow) throws {
        entry = AuditEntry(
            sequence: row["sequence"], at: row["at"], actor: row["actor"], entity: row["entity"],
            entityID: row["entity_id"], action: row["action"], before: row["before"], after: row["after"],
            previousHash: row["previous_hash"], hash: row["hash"], state: row["state"])
    }
}

/// An import batch.
struct BatchRow: SQLRecord {
    static let columns = "id, source, digest, at, actor, mode, inserted, updated, unchanged, removed, origin"
    let batch: ImportBatch

    init(row: SQLRow) throws {
        batch = ImportBatch(
            id: row["id"], source: row["source"], digest: row["digest"], at: row["at"], actor: row["actor"],
            mode: row["mode"],
            counts: ImportCounts(
                inserted: row["inserted"], updated: row["updated"], unchanged: row["unchanged"], removed: row["removed"]
            ),
            origin: row["origin"])
    }
}

/// A license server's pool as last sampled.
struct PoolRow: SQLRecord {
    static let columns = "server, vendor, feature, product, version, issued, in_use, reserved, expires, sampled_at"
    let pool: ServerPool

    init(row: SQLRow) throws {
        pool = ServerPool(
            server: row["server"], vendor: row["vendor"], feature: row["feature"],
            product: Product.ID(row["product"] as String), version: row["version"], issued: row["issued"],
            inUse: row["in_use"], reserved: row["reserved"], expires: try Column.day(row["expires"]),
            sampledAt: Instant(secondsSinceEpoch: row["sampled_at"]))
    }
}

/// A raw title with what the catalog made of it.
struct TitleRow: SQLRecord {
    static let columns = "id, publisher, name, version, outcome, product, clean_version, rule"
    let title: StoredTitle

    init(row: SQLRow) throws {
        title = StoredTitle(
            id: row["id"], key: TitleKey(publisher: row["publisher"], name: row["name"], version: row["version"]),
            outcome: TitleOutcome(
                kind: row["outcome"], product: row["product"], version: row["clean_version"], rule: row["rule"]))
    }
}

/// A sighting of a title on a device, joined with the title.
struct SightingRow: SQLRecord {
    static let columns = """
        r.source, t.publisher, t.name, t.version, t.outcome, t.product, t.clean_version, t.rule, r.installed,
        r.first_seen, r.last_seen, r.removed
        """
    let sighting: SoftwareSighting

    init(row: SQLRow) throws {
        let publisher: String = row["publisher"], version: String = row["version"]
        sighting = SoftwareSighting(
            source: row["source"], publisher: publisher.isEmpty ? nil : publisher, name: row["name"],
            version: version.isEmpty ? nil : version, outcome: row["outcome"],
            product: (row["product"] as String?).map { Product.ID($0) }, cleanVersion: row["clean_version"],
            rule: row["rule"], installed: try Column.day(row["installed"]),
            firstSeen: try Column.day(row["first_seen"]) ?? SQLTransaction.epoch,
            lastSeen: try Column.day(row["last_seen"]) ?? SQLTransaction.epoch,
            removed: try Column.day(row["removed"]))
    }
}

/// The evidence of a recognised product on a device.
struct EvidenceRow: SQLRecord {
    static let columns =
        "r.device, t.product, t.clean_version, r.source, r.installed, r.last_seen, r.first_seen, r.removed"
    let evidence: Evidence

    init(row: SQLRow) throws {
        evidence = Evidence(
            device: Device.ID(row["device"] as String), product: Product.ID(row["product"] as String),
            version: row["clean_version"], source: row["source"], installed: try Column.day(row["installed"]),
            firstSeen: try Column.day(row["first_seen"]) ?? SQLTransaction.epoch,
            lastSeen: try Column.day(row["last_seen"]) ?? SQLTransaction.epoch,
            removed: try Column.day(row["removed"]))
    }
}

/// A snapshot's totals.
struct SnapshotRow: SQLRecord {
    static let columns = "id, as_of, taken_at, exposure, surplus_value, automatic, generation"
    let id: Int64
    let asOf: Day
    let takenAt: Instant
    let exposure: Double
    let surplusValue: Double
    let automatic: Bool
    let generation: Int64

    init(row: SQLRow) throws {
        id = row["id"]
        asOf = try Column.day(row["as_of"]) ?? SQLTransaction.epoch
        takenAt = Instant(row["taken_at"] as String) ?? Instant(secondsSinceEpoch: 0)
        exposure = row["exposure"]
        surplusValue = row["surplus_value"]
        automatic = row["automatic"]
        generation = row["generation"]
    }
}

/// One product's figures in a snapshot.
struct SnapshotPositionRow: SQLRecord {
    static let columns = "snapshot, product, status, demand, covered, shortfall, exposure, surplus_value"
    let snapshot: Int64
    let position: SnapshotPosition

    init(row: SQLRow) throws {
        snapshot = row["snapshot"]
        position = SnapshotPosition(
            product: Product.ID(row["product"] as String), status: row["status"], demand: row["demand"],
            covered: row["covered"], shortfall: row["shortfall"], exposure: row["exposure"],
            surplusValue: row["surplus_value"])
    }
}
