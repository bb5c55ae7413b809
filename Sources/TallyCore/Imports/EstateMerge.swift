/// A file applied to what is kept: each file record replaces the kept record of the same identity (the n-th of equal
/// identities the n-th kept), the others are appended; nothing kept is removed. Remembers, for every record of the
/// result, its index in the file (nil for one only the store holds), so that counts and errors speak of the file.
public struct EstateMerge: Sendable {
    /// The estate after the merge: the kept records first, in their order, then the file's new ones.
    public private(set) var estate: Estate
    /// Per collection, each merged record's index in the file, or nil.
    public private(set) var origins: [String: [Int?]] = [:]

    /// Merges `file` into `kept`; the result is dated as the file, with the file's currency where it has one.
    public init(_ file: Estate, into kept: Estate) {
        var merged = kept
        var origins: [String: [Int?]] = [:]
        func apply<R: StoredRecord>(_ list: WritableKeyPath<Estate, [R]>) {
            let (records, fromFile) = Self.merge(kept[keyPath: list], file[keyPath: list])
            merged[keyPath: list] = records
            origins[R.collection] = fromFile
        }
        apply(\.departments)
        apply(\.people)
        apply(\.devices)
        apply(\.products)
        apply(\.installations)
        apply(\.usage)
        apply(\.denials)
        apply(\.assignments)
        apply(\.entitlements)
        // The estate file has no feature: a session or denial from a file keeps the feature it was recorded under.
        for i in kept.usage.indices where merged.usage[i].feature == nil {
            merged.usage[i].feature = kept.usage[i].feature
        }
        for i in kept.denials.indices where merged.denials[i].feature == nil {
            merged.denials[i].feature = kept.denials[i].feature
        }
        merged.asOf = file.asOf
        merged.currency = file.currency ?? kept.currency
        self.estate = merged
        self.origins = origins
    }

    /// Whether each record of a collection came from the file.
    public func counted(_ collection: String) -> [Bool] { (origins[collection] ?? []).map { $0 != nil } }

    static func merge<R: StoredRecord>(_ kept: [R], _ file: [R]) -> (records: [R], fromFile: [Int?]) {
        if kept.isEmpty { return (file, Array(file.indices)) }
        var records = kept
        var fromFile = [Int?](repeating: nil, count: kept.count)
        var waiting: [R.Identity: [Int]] = [:]
        waiting.reserveCapacity(kept.count)
        for (i, record) in kept.enumerated() { waiting[record.identity, default: []].append(i) }
        var taken: [R.Identity: Int] = [:]
        taken.reserveCapacity(file.count)
        for (index, record) in file.enumerated() {
            let key = record.identity
            let next = taken[key, default: 0]
            if let slots = waiting[key], next < slots.count {
                records[slots[next]] = record
                fromFile[slots[next]] = index
                taken[key] = next + 1
            } else {
                records.append(record)
                fromFile.append(index)
            }
        }
        return (records, fromFile)
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
