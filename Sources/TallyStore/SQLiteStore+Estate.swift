import GRDB
import TallyCore

extension SQLiteStore {
    public func importEstate(
        _ file: Estate, mode: ImportMode, source: ImportSource, dryRun: Bool, progress: ImportProgress?
    ) throws(StoreError) -> ImportSummary {
        try importing(dryRun: dryRun) { (db: Database) throws -> ImportSummary in
            let current = mode == .merge ? try Self.loadEstate(db, asOf: file.asOf) : nil
            return try importEstate(
                file, mode: mode, current: current, source: source, dryRun: dryRun, progress: progress, in: db)
        }
    }

    /// Runs an import in one transaction, rolled back for a dry run, turning driver errors into the store's.
    func importing<T>(dryRun: Bool, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try database.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction {
                    result = try body(db)
                    return dryRun ? .rollback : .commit
                }
                guard let result else { throw StoreError.database("the import did not finish") }
                return result
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .database(Self.reason(error))
        }
    }

    public func loadEstate(asOf: Day) throws(StoreError) -> Estate {
        try read { db in try Self.loadEstate(db, asOf: asOf) }
    }

    /// Imports `file` in an open transaction; `current` is what the store holds, for a merge.
    func importEstate(
        _ file: Estate, mode: ImportMode, current: Estate?, source: ImportSource, dryRun: Bool,
        progress: ImportProgress?, in db: Database
    ) throws -> ImportSummary {
        var target = file
        var fromFile = EstateCounted()
        if let current {
            // Identities need no suites: they are the leading columns.
            (target, fromFile) = Self.merge(current, file, context: ImportContext(day: source.at.day))
            target.currency = file.currency ?? current.currency
        }
        do throws(EstateError) {
            try target.validate()
        } catch {
            throw current == nil ? StoreError.invalidEstate(error) : fromFile.locate(error, in: target)
        }
        let context = ImportContext(day: source.at.day, estate: target)

        var batch: Int64?
        if !dryRun {
            batch = try Self.openBatch(source, mode: mode.rawValue, in: db)
        }
        let total =
            target.departments.count + target.people.count + target.devices.count + target.products.count
            + target.installations.count + target.usage.count + target.denials.count + target.assignments.count
            + target.entitlements.count
        var done = 0
        func sync<R>(
            _ mapping: TableMapping<R>, _ records: [R], _ origins: [Int?]?, current: [R]? = nil
        ) throws
            -> (String, ImportCounts)
        {
            let counted = origins?.map { $0 != nil }
            let report: (Int) -> Void = { written in progress?(done + written, total) }
            let counts =
                try current.map {
                    try mapping.syncMerged(
                        records, current: $0, counted: counted, in: db, batch: batch, context: context,
                        progress: report)
                } ?? mapping.sync(records, counted: counted, in: db, batch: batch, context: context, progress: report)
            done += records.count
            progress?(done, total)
            return (mapping.collection, counts)
        }
        // Referenced tables first, so that foreign keys checked at commit find their rows.
        let collections = [
            try sync(EstateTables.departments, target.departments, fromFile.departments),
            try sync(EstateTables.people, target.people, fromFile.people),
            try sync(EstateTables.devices, target.devices, fromFile.devices),
            try sync(EstateTables.products, target.products, fromFile.products),
            // The bulk tables reuse the merge's matching: their rows are the current estate's, in order.
            try sync(
                EstateTables.installations, target.installations, fromFile.installations,
                current: current?.installations),
            try sync(EstateTables.usage, target.usage, fromFile.usage, current: current?.usage),
            try sync(EstateTables.denials, target.denials, fromFile.denials, current: current?.denials),
            try sync(EstateTables.assignments, target.assignments, fromFile.assignments),
            try sync(EstateTables.entitlements, target.entitlements, fromFile.entitlements),
        ]
        if batch != nil {
            try Self.writeCovers(target.entitlements, in: db)
            // Pools and feature mappings of products a replacing import removed go with them.
            try db.execute(sql: "DELETE FROM license_pool WHERE product NOT IN (SELECT id FROM product)")
            try db.execute(sql: "DELETE FROM feature_map WHERE product NOT IN (SELECT id FROM product)")
            try db.execute(
                sql: "INSERT OR REPLACE INTO setting (key, value) VALUES ('currency', ?)",
                arguments: [target.currency])
        }
        let summary = ImportSummary(batch: batch, collections: collections)
        if let batch {
            let total = summary.total
            try Self.closeBatch(batch, counts: total, in: db)
            try AuditTrail.append(
                AuditTrail.Change(
                    entity: "import", id: String(batch), action: mode.rawValue, before: nil,
                    after: Self.json(summary: summary, source: source)),
                actor: source.actor, at: source.at, in: db)
        }
        return summary
    }

    /// Records an import batch (its counts follow with `closeBatch`) and returns its number.
    static func openBatch(_ source: ImportSource, mode: String, in db: Database) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO import_batch (source, digest, at, actor, mode, inserted, updated, unchanged, removed)
                VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0)
                """,
            arguments: [source.name, source.digest, source.at.description, source.actor, mode])
        return db.lastInsertedRowID
    }

    /// Records what a batch did.
    static func closeBatch(_ batch: Int64, counts: ImportCounts, in db: Database) throws {
        try db.execute(
            sql: "UPDATE import_batch SET inserted = ?, updated = ?, unchanged = ?, removed = ? WHERE id = ?",
            arguments: [counts.inserted, counts.updated, counts.unchanged, counts.removed, batch])
    }

    /// For each record of a merged estate, its index in the file, or nil where only the store holds it (only the
    /// file's records are counted, and an error names the file's index).
    struct EstateCounted {
        var departments: [Int?]?, people: [Int?]?, devices: [Int?]?, products: [Int?]?, installations: [Int?]?
        var usage: [Int?]?, denials: [Int?]?, assignments: [Int?]?, entitlements: [Int?]?

        /// The origins of one collection, by its name in the format.
        subscript(collection: String) -> [Int?]? {
            switch collection {
            case "departments": return departments
            case "people": return people
            case "devices": return devices
            case "products": return products
            case "installations": return installations
            case "usage": return usage
            case "denials": return denials
            case "assignments": return assignments
            case "entitlements": return entitlements
            default: return nil
            }
        }

        /// An error about the merged estate, told against the file (`installations[1]`) or, for a record only the
        /// store holds, against the store; a duplicate's first use is told the same way.
        func locate(_ error: EstateError, in merged: Estate) -> StoreError {
            let path = locate(error.path, in: merged)
            if case .duplicateID(_, let id, let firstPath) = error {
                return .invalidEstate(.duplicateID(path: path, id: id, firstPath: locate(firstPath, in: merged)))
            }
            return .invalidEstate(error.at(path))
        }

        /// A path of the merged estate as a path of the file, or, for what only the store holds, the record's name.
        private func locate(_ path: String, in merged: Estate) -> String {
            guard let open = path.firstIndex(of: "["), let close = path[open...].firstIndex(of: "]"),
                let index = Int(path[path.index(after: open)..<close]),
                let origins = self[String(path[..<open])], index < origins.count
            else { return path }
            let rest = path[path.index(after: close)...]
            let collection = path[..<open]
            if let original = origins[index] { return "\(collection)[\(original)]\(rest)" }
            let name = merged.recordName(collection, index) ?? "\(collection)[\(index)]"
            return "the store's \(name)\(rest.hasPrefix(".") ? " " + rest.dropFirst() : String(rest))"
        }
    }

    static func merge(_ current: Estate, _ file: Estate, context: ImportContext) -> (Estate, EstateCounted) {
        var merged = current
        var counted = EstateCounted()
        (merged.departments, counted.departments) = EstateTables.departments.merge(
            current.departments, file.departments, context: context)
        (merged.people, counted.people) = EstateTables.people.merge(current.people, file.people, context: context)
        (merged.devices, counted.devices) = EstateTables.devices.merge(current.devices, file.devices, context: context)
        (merged.products, counted.products) = EstateTables.products.merge(
            current.products, file.products, context: context)
        (merged.installations, counted.installations) = EstateTables.installations.merge(
            current.installations, file.installations, context: context)
        (merged.usage, counted.usage) = EstateTables.usage.merge(current.usage, file.usage, context: context)
        (merged.denials, counted.denials) = EstateTables.denials.merge(current.denials, file.denials, context: context)
        // The estate file has no feature: a session or denial from a file keeps the feature it was recorded under.
        for i in current.usage.indices where merged.usage[i].feature == nil {
            merged.usage[i].feature = current.usage[i].feature
        }
        for i in current.denials.indices where merged.denials[i].feature == nil {
            merged.denials[i].feature = current.denials[i].feature
        }
        (merged.assignments, counted.assignments) = EstateTables.assignments.merge(
            current.assignments, file.assignments, context: context)
        (merged.entitlements, counted.entitlements) = EstateTables.entitlements.merge(
            current.entitlements, file.entitlements, context: context)
        merged.asOf = file.asOf
        return (merged, counted)
    }

    /// The `covers` lists, rewritten whole: they are short.
    static func writeCovers(_ entitlements: [Entitlement], in db: Database) throws {
        try db.execute(sql: "DELETE FROM entitlement_covers")
        let insert = try db.makeStatement(
            sql: "INSERT INTO entitlement_covers (entitlement, position, product) VALUES (?, ?, ?)")
        for entitlement in entitlements {
            for (position, product) in entitlement.covers.enumerated() {
                try insert.execute(arguments: [entitlement.id.rawValue, position, product.rawValue])
            }
        }
    }

    static func loadEstate(_ db: Database, asOf: Day) throws -> Estate {
        var estate = Estate(asOf: asOf)
        estate.currency = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'currency'")
        estate.departments = try EstateTables.departments.fetchAll(db)
        estate.people = try EstateTables.people.fetchAll(db)
        estate.devices = try EstateTables.devices.fetchAll(db)
        estate.products = try EstateTables.products.fetchAll(db)
        let components = try Row.fetchAll(
            db, sql: "SELECT suite, id FROM product WHERE suite IS NOT NULL ORDER BY suite, suite_position")
        var bySuite: [String: [Product.ID]] = [:]
        for row in components { bySuite[row[0], default: []].append(Product.ID(row[1])) }
        for i in estate.products.indices {
            estate.products[i].components = bySuite[estate.products[i].id.rawValue] ?? []
        }
        estate.installations = try EstateTables.installations.fetchAll(db)
        estate.usage = try EstateTables.usage.fetchAll(db)
        estate.denials = try EstateTables.denials.fetchAll(db)
        estate.assignments = try EstateTables.assignments.fetchAll(db)
        estate.entitlements = try EstateTables.entitlements.fetchAll(db)
        var covers: [String: [Product.ID]] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT entitlement, product FROM entitlement_covers ORDER BY entitlement, position")
        {
            covers[row[0], default: []].append(Product.ID(row[1]))
        }
        for i in estate.entitlements.indices {
            estate.entitlements[i].covers = covers[estate.entitlements[i].id.rawValue] ?? []
        }
        return estate
    }

    static func json(summary: ImportSummary, source: ImportSource) -> String {
        func quoted(_ text: String) -> String { "\"" + escaped(text) + "\"" }
        let total = summary.total
        return "{\"source\": \(quoted(source.name)), \"digest\": \(quoted(source.digest)), "
            + "\"inserted\": \(total.inserted), \"updated\": \(total.updated), \"unchanged\": \(total.unchanged), "
            + "\"removed\": \(total.removed)}"
    }
}

extension EstateError {
    /// The same error at another path.
    func at(_ path: String) -> EstateError {
        switch self {
        case .unknownReference(_, let kind, let id): return .unknownReference(path: path, kind: kind, id: id)
        case .duplicateID(_, let id, let firstPath): return .duplicateID(path: path, id: id, firstPath: firstPath)
        case .invalidValue(_, let reason): return .invalidValue(path: path, reason: reason)
        }
    }
}
