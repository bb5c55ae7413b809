import TallyCore
import TallyFormats
import TallyStore

/// How an import treats what the store already holds.
public enum ImportMode: String, CaseIterable, Sendable {
    /// Insert new records, update changed ones, keep what the file does not mention.
    case merge
    /// Make the store equal to the file: what the file does not mention is removed.
    case replace
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

extension Operations {
    /// Imports an estate file: `merge` upserts and keeps what the file does not mention, `replace` makes the store
    /// equal to it. The result must be a valid estate, or nothing is written; `dryRun` only counts.
    public func importEstate(
        _ file: consuming Upload, mode: ImportMode, dryRun: Bool, by caller: Caller,
        progress: ImportProgress? = nil
    ) async throws(TallyError) -> ImportSummary {
        let source = ImportSource(name: file.name, digest: file.digest, actor: caller.name, at: now)
        let estate: Estate
        do throws(FormatError) {
            estate = try EstateFile.decode(file.bytes)
        } catch {
            throw .invalid(path: "", reason: error.description)
        }
        // The bytes are not needed once decoded: a large file's memory goes back before the store is read.
        _ = consume file
        let decoded = Taken(consume estate)
        let signing = signing
        return try await writing(dryRun: dryRun) { writer in
            try Self.importEstate(
                try decoded.take(), mode: mode, source: source, dryRun: dryRun, progress: progress, signing: signing,
                in: writer)
        }
    }

    /// The store's whole estate, dated `asOf` (today by default), as an estate file holds it.
    public func exportEstate(asOf: Day? = nil) async throws(TallyError) -> Estate {
        let day = asOf ?? today
        return try await reading { try $0.estate(asOf: day) }
    }

    /// Imports `file` in an open transaction. `kept` is what the store holds, when the caller loaded it already;
    /// `origin` is kept with a license-server log's batch.
    static func importEstate(
        _ file: consuming Estate, mode: ImportMode, source: ImportSource, dryRun: Bool, progress: ImportProgress?,
        kept: Estate? = nil, origin: String? = nil, signing: AuditSigning = .unkeyed, in writer: any StoreWriter
    ) throws -> ImportSummary {
        // An installation without a last-seen day was seen on the day of the import.
        for i in file.installations.indices where file.installations[i].lastSeen == nil {
            file.installations[i].lastSeen = source.at.day
        }
        let asOf = file.asOf
        let kept = try kept ?? writer.estate(asOf: asOf)
        // One estate in memory from here where possible: a merge is made in the kept records' own memory.
        let plan: ImportPlan
        if mode == .merge {
            plan = .merge(EstateMerge(consume file, into: consume kept))
        } else {
            plan = .replace(kept: kept, target: consume file)
        }
        let target = plan.target
        // The estate is checked on another core while its rows are written: the transaction is rolled back, nothing
        // kept, when it is not valid; a write refused meanwhile (a duplicate key) is reported as the check's problem.
        let validation = Background { () -> EstateError? in
            do throws(EstateError) {
                try target.validate()
                return nil
            } catch {
                return error
            }
        }
        func checked() throws {
            guard let problem = validation.value else { return }
            if case .merge(let merge) = plan { throw TallyError(merge.locate(problem)) }
            throw TallyError(problem)
        }
        if dryRun { try checked() }
        let batch = dryRun ? nil : try writer.openBatch(source, mode: mode.rawValue)
        // The digest of the estate the import leaves, for the audit entry, summed while the rows are written.
        let digests = signing.digests
        let state = batch.map { _ in Background { EstateDigest(target, keys: digests, onEveryCore: false) } }
        let total = plan.total
        var done = 0
        func write<R: StoredRecord>(_ list: KeyPath<Estate, [R]>) throws -> (String, ImportCounts) {
            let changes = plan.changes(list)
            if let batch {
                let offset = done
                try writer.apply(changes, batch: batch, day: source.at.day) { progress?(offset + $0, total) }
            }
            done += target[keyPath: list].count
            progress?(done, total)
            return (R.collection, changes.counts)
        }
        // Referenced tables first, so that foreign keys checked at commit find their rows.
        let collections: [(String, ImportCounts)]
        do {
            collections = [
                try write(\.departments), try write(\.people), try write(\.devices), try write(\.products),
                try write(\.installations), try write(\.usage), try write(\.denials), try write(\.assignments),
                try write(\.entitlements), try write(\.contracts), try write(\.rates),
            ]
        } catch {
            try checked()
            throw error
        }
        try checked()
        let summary = ImportSummary(batch: batch, collections: collections)
        guard let batch, let state else { return summary }
        try writer.setSuites(target.products)
        // Pools and feature mappings of products a replacing import removed go with them.
        try writer.dropOrphanedPools()
        try writer.setCurrency(target.currency)
        let counts = summary.total
        try writer.closeBatch(batch, counts: counts, origin: origin)
        try signing.append(
            AuditChange(
                entity: "import", id: String(batch), action: mode.rawValue, before: nil,
                after: JSONWriter.object([
                    "source": .string(source.name), "digest": .string(source.digest), "inserted": .int(counts.inserted),
                    "updated": .int(counts.updated), "unchanged": .int(counts.unchanged),
                    "removed": .int(counts.removed),
                ])),
            actor: source.actor, at: source.at, state: state.value, in: writer)
        try writer.markChanged()
        return summary
    }
}

/// How each collection of an import is written against what the store keeps.
private enum ImportPlan {
    /// A merge wrote down its changes as it was made.
    case merge(EstateMerge)
    /// A replacement matches identities itself.
    case replace(kept: Estate, target: Estate)

    /// The estate the store holds once the import is written.
    var target: Estate {
        switch self {
        case .merge(let merge): merge.estate
        case .replace(_, let target): target
        }
    }

    /// Records in the estate to write, for progress.
    var total: Int {
        let target = target
        return target.departments.count + target.people.count + target.devices.count + target.products.count
            + target.installations.count + target.usage.count + target.denials.count + target.assignments.count
            + target.entitlements.count + target.contracts.count
    }

    func changes<R: StoredRecord>(_ list: KeyPath<Estate, [R]>) -> Changes<R> {
        switch self {
        case .merge(let merge): merge.changes(list)
        case .replace(let kept, let target): .replacing(kept[keyPath: list], with: target[keyPath: list])
        }
    }
}
