/// Records inserted, updated, left unchanged and removed by an import.
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

    public static func + (a: ImportCounts, b: ImportCounts) -> ImportCounts {
        ImportCounts(
            inserted: a.inserted + b.inserted, updated: a.updated + b.updated,
            unchanged: a.unchanged + b.unchanged, removed: a.removed + b.removed)
    }
}

/// What writing a collection takes, against the records kept in their stored order: the records to insert, the
/// stored ones (by position in that order) to update or remove, and the counts an import reports.
public struct Changes<Record: StoredRecord>: Sendable {
    public var inserted: [Record] = []
    public var updated: [(position: Int, record: Record)] = []
    public var removed: [Int] = []
    /// What the import did, counting only the records of the file (a merge keeps the others unchanged).
    public var counts = ImportCounts()

    public init() {}

    /// Nothing to write.
    public var isEmpty: Bool { inserted.isEmpty && updated.isEmpty && removed.isEmpty }
}

extension Changes {
    /// Makes what is kept (`stored`, in stored order) equal to `records`: a record of the same identity as a stored
    /// one (the n-th of equal identities, the n-th stored) updates it where its values differ, others are inserted,
    /// stored records left over are removed.
    public static func replacing(_ stored: [Record], with records: [Record]) -> Changes {
        var changes = Changes()
        if stored.isEmpty {
            changes.inserted = records
            changes.counts.inserted = records.count
            return changes
        }
        var queues = IdentityQueues(stored)
        for record in records {
            if let position = queues.match(record.identity) {
                if record.sameValues(as: stored[position]) {
                    changes.counts.unchanged += 1
                } else {
                    changes.counts.updated += 1
                    changes.updated.append((position, record))
                }
            } else {
                changes.counts.inserted += 1
                changes.inserted.append(record)
            }
        }
        changes.removed = queues.unmatched
        changes.counts.removed = changes.removed.count
        return changes
    }
}
