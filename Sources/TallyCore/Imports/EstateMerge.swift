/// A file applied to what is kept: each file record replaces the kept record of the same identity (the n-th of equal
/// identities the n-th kept), the others are appended; nothing kept is removed. Remembers, for every record of the
/// result, its index in the file (nil for one only the store holds), so that counts and errors speak of the file.
public struct EstateMerge: Sendable {
    /// The estate after the merge: the kept records first, in their order, then the file's new ones.
    public private(set) var estate: Estate
    /// Per collection, each merged record's index in the file, or nil.
    public private(set) var origins: [String: [Int?]] = [:]
    /// Per collection, what writing the merge takes against the kept records (a `Changes` of its record type).
    private var changes: [String: any Sendable] = [:]

    /// Merges `file` into `kept`; the result is dated as the file, with the file's currency where it has one. Both
    /// are consumed: the merge is made in the kept records' own memory, and what writing it takes is noted as it goes.
    public init(_ file: Estate, into kept: Estate) {
        var merged = consume kept
        var origins: [String: [Int?]] = [:]
        var changes: [String: any Sendable] = [:]
        func apply<R: StoredRecord>(
            _ list: WritableKeyPath<Estate, [R]>, keeping keep: (inout R, R) -> Void = { _, _ in }
        ) {
            var records = merged[keyPath: list]
            merged[keyPath: list] = []
            let (fromFile, written) = Self.merge(into: &records, file[keyPath: list], keeping: keep)
            merged[keyPath: list] = records
            origins[R.collection] = fromFile
            changes[R.collection] = written
        }
        apply(\.departments)
        apply(\.contracts)
        apply(\.people)
        apply(\.devices)
        apply(\.products)
        apply(\.installations)
        // The estate file has no feature: a session or denial from a file keeps the feature it was recorded under.
        apply(\.usage) { record, kept in if record.feature == nil { record.feature = kept.feature } }
        apply(\.denials) { record, kept in if record.feature == nil { record.feature = kept.feature } }
        apply(\.assignments)
        apply(\.entitlements)
        apply(\.rates)
        merged.asOf = file.asOf
        merged.currency = file.currency ?? merged.currency
        self.estate = merged
        self.origins = origins
        self.changes = changes
    }

    /// What writing one collection of the merge takes: the file's records that changed a kept one, the new ones,
    /// counted against the file.
    public func changes<R: StoredRecord>(_ list: KeyPath<Estate, [R]>) -> Changes<R> {
        guard let written = changes[R.collection] as? Changes<R> else {
            preconditionFailure("every collection of an estate is merged")
        }
        return written
    }

    /// Applies `file` to `records` in place: a file record replaces the kept one of its identity (after `keep` takes
    /// from the kept record what the file cannot say), the others are appended.
    static func merge<R: StoredRecord>(
        into records: inout [R], _ file: [R], keeping keep: (inout R, R) -> Void
    ) -> (fromFile: [Int?], changes: Changes<R>) {
        var changes = Changes<R>()
        if records.isEmpty {
            // Nothing kept: the file's records, sharing its memory.
            records = file
            changes.inserted = file
            changes.counts.inserted = file.count
            return (Array(file.indices), changes)
        }
        let keptCount = records.count
        var fromFile = [Int?](repeating: nil, count: keptCount)
        var queues = IdentityQueues(records)
        for (index, original) in file.enumerated() {
            if let slot = queues.match(original.identity) {
                var record = original
                keep(&record, records[slot])
                if record.sameValues(as: records[slot]) {
                    changes.counts.unchanged += 1
                } else {
                    changes.counts.updated += 1
                    changes.updated.append((slot, record))
                }
                records[slot] = record
                fromFile[slot] = index
            } else {
                records.append(original)
                fromFile.append(index)
                changes.inserted.append(original)
                changes.counts.inserted += 1
            }
        }
        return (fromFile, changes)
    }

    /// An error about the merged estate, told against the file (`installations[1]`) or, for a record only the store
    /// holds, by the record's name; a duplicate's first use is told the same way.
    public func locate(_ error: EstateError) -> EstateError {
        let path = locate(error.path)
        if case .duplicateID(_, let id, let firstPath) = error {
            return .duplicateID(path: path, id: id, firstPath: locate(firstPath))
        }
        return error.at(path)
    }

    private func locate(_ path: String) -> String {
        guard let open = path.firstIndex(of: "["), let close = path[open...].firstIndex(of: "]"),
            let index = Int(path[path.index(after: open)..<close]),
            let origins = origins[String(path[..<open])], index < origins.count
        else { return path }
        let rest = path[path.index(after: close)...]
        let collection = path[..<open]
        if let original = origins[index] { return "\(collection)[\(original)]\(rest)" }
        let name = estate.recordName(collection, index) ?? "\(collection)[\(index)]"
        return "the store's \(name)\(rest.hasPrefix(".") ? " " + rest.dropFirst() : String(rest))"
    }
}

extension EstateError {
    /// The same error at another path.
    public func at(_ path: String) -> EstateError {
        switch self {
        case .unknownReference(_, let kind, let id): return .unknownReference(path: path, kind: kind, id: id)
        case .duplicateID(_, let id, let firstPath): return .duplicateID(path: path, id: id, firstPath: firstPath)
        case .invalidValue(_, let reason): return .invalidValue(path: path, reason: reason)
        }
    }
}
