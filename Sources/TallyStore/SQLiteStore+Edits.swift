import GRDB
import TallyCore
import TallyFormats

extension SQLiteStore {
    public func apply(_ edit: Edit, actor: String, at: Instant) throws(StoreError) {
        try write { db in
            // The estate the edit leaves behind must still be valid: checked whole, as an import is.
            var estate = try Self.loadEstate(db, asOf: at.day)
            let change = try Self.apply(edit, to: &estate)
            do throws(EstateError) {
                try estate.validate()
            } catch {
                throw StoreError.refused(estate.describe(error))
            }
            let context = ImportContext(day: at.day, estate: estate)
            try Self.write(edit, estate: estate, in: db, context: context)
            try AuditTrail.append(change, actor: actor, at: at, in: db)
        }
    }

    /// Applies an edit to the estate in memory and describes it for the audit trail.
    private static func apply(_ edit: Edit, to estate: inout Estate) throws -> AuditTrail.Change {
        switch edit {
        case .addEntitlement(let item):
            guard !estate.entitlements.contains(where: { $0.id == item.id }) else {
                throw StoreError.refused(
                    "entitlement \"\(item.id)\" already exists; change it with `tally entitlement edit`")
            }
            estate.entitlements.append(item)
            return .init(
                entity: "entitlement", id: item.id.rawValue, action: "add", before: nil,
                after: EstateFile.json(of: item))
        case .editEntitlement(let item):
            let index = try position(of: item.id.rawValue, in: estate.entitlements.map(\.id.rawValue), "entitlement")
            let before = estate.entitlements[index]
            estate.entitlements[index] = item
            return .init(
                entity: "entitlement", id: item.id.rawValue, action: "edit",
                before: EstateFile.json(of: before), after: EstateFile.json(of: item))
        case .retireEntitlement(let id, let day):
            let index = try position(of: id.rawValue, in: estate.entitlements.map(\.id.rawValue), "entitlement")
            let before = estate.entitlements[index]
            if let start = before.start, day < start {
                throw StoreError.refused(
                    "entitlement \"\(id)\" starts \(start), after \(day); retire it on or after its start")
            }
            estate.entitlements[index].end = day
            return .init(
                entity: "entitlement", id: id.rawValue, action: "retire", before: EstateFile.json(of: before),
                after: EstateFile.json(of: estate.entitlements[index]))
        case .addProduct(let item):
            guard !estate.products.contains(where: { $0.id == item.id }) else {
                throw StoreError.refused("product \"\(item.id)\" already exists; change it with `tally product edit`")
            }
            estate.products.append(item)
            return .init(
                entity: "product", id: item.id.rawValue, action: "add", before: nil,
                after: EstateFile.json(of: item))
        case .editProduct(var item):
            let index = try position(of: item.id.rawValue, in: estate.products.map(\.id.rawValue), "product")
            let before = estate.products[index]
            item.components = before.components
            estate.products[index] = item
            return .init(
                entity: "product", id: item.id.rawValue, action: "edit", before: EstateFile.json(of: before),
                after: EstateFile.json(of: item))
        case .editDevice(let item):
            let index = try position(of: item.id.rawValue, in: estate.devices.map(\.id.rawValue), "device")
            let before = estate.devices[index]
            estate.devices[index] = item
            return .init(
                entity: "device", id: item.id.rawValue, action: "edit", before: EstateFile.json(of: before),
                after: EstateFile.json(of: item))
        case .retireDevice(let id, let day):
            let index = try position(of: id.rawValue, in: estate.devices.map(\.id.rawValue), "device")
            let before = estate.devices[index]
            if let retired = before.retired {
                throw StoreError.refused("device \"\(id)\" is already retired, on \(retired)")
            }
            estate.devices[index].active = false
            estate.devices[index].retired = day
            return .init(
                entity: "device", id: id.rawValue, action: "retire", before: EstateFile.json(of: before),
                after: EstateFile.json(of: estate.devices[index]))
        case .retirePerson(let id, let day):
            let index = try position(of: id.rawValue, in: estate.people.map(\.id.rawValue), "person")
            let before = estate.people[index]
            if let retired = before.retired {
                throw StoreError.refused("person \"\(id)\" is already retired, on \(retired)")
            }
            estate.people[index].active = false
            estate.people[index].retired = day
            return .init(
                entity: "person", id: id.rawValue, action: "retire", before: EstateFile.json(of: before),
                after: EstateFile.json(of: estate.people[index]))
        case .assign(let item):
            guard !estate.assignments.contains(item) else {
                throw StoreError.refused("\(describe(item)) is already assigned")
            }
            estate.assignments.append(item)
            return .init(
                entity: "assignment", id: item.product.rawValue, action: "assign", before: nil,
                after: EstateFile.json(of: item))
        case .unassign(let item):
            guard let index = estate.assignments.firstIndex(of: item) else {
                throw StoreError.refused("\(describe(item)) is not assigned; `tally export` lists the assignments")
            }
            estate.assignments.remove(at: index)
            return .init(
                entity: "assignment", id: item.product.rawValue, action: "unassign",
                before: EstateFile.json(of: item), after: nil)
        }
    }

    /// Writes the one row an edit changed.
    private static func write(_ edit: Edit, estate: Estate, in db: Database, context: ImportContext) throws {
        switch edit {
        case .addEntitlement(let item):
            try EstateTables.entitlements.insert(item, in: db, context: context)
            try writeCovers(of: item, in: db)
        case .editEntitlement(let item):
            try EstateTables.entitlements.update(item, id: item.id.rawValue, in: db, context: context)
            try writeCovers(of: item, in: db)
        case .retireEntitlement(let id, _):
            if let item = estate.entitlements.first(where: { $0.id == id }) {
                try EstateTables.entitlements.update(item, id: id.rawValue, in: db, context: context)
            }
        case .addProduct(let item):
            try EstateTables.products.insert(item, in: db, context: context)
        case .editProduct(let item):
            if let stored = estate.products.first(where: { $0.id == item.id }) {
                try EstateTables.products.update(stored, id: item.id.rawValue, in: db, context: context)
            }
        case .editDevice(let item):
            try EstateTables.devices.update(item, id: item.id.rawValue, in: db, context: context)
        case .retireDevice(let id, let day):
            try db.execute(
                sql: "UPDATE device SET active = 0, retired = ?, batch = NULL WHERE id = ?",
                arguments: [day.description, id.rawValue])
        case .retirePerson(let id, let day):
            try db.execute(
                sql: "UPDATE person SET active = 0, retired = ?, batch = NULL WHERE id = ?",
                arguments: [day.description, id.rawValue])
        case .assign(let item):
            try EstateTables.assignments.insert(item, in: db, context: context)
        case .unassign(let item):
            let values = EstateTables.assignments.values(item, context)
            try db.execute(
                sql: """
                    DELETE FROM assignment WHERE rowid = (SELECT rowid FROM assignment
                    WHERE product = ? AND person IS ? AND device IS ? ORDER BY rowid LIMIT 1)
                    """,
                arguments: StatementArguments(values))
        }
    }

    private static func writeCovers(of item: Entitlement, in db: Database) throws {
        try db.execute(sql: "DELETE FROM entitlement_covers WHERE entitlement = ?", arguments: [item.id.rawValue])
        for (position, product) in item.covers.enumerated() {
            try db.execute(
                sql: "INSERT INTO entitlement_covers (entitlement, position, product) VALUES (?, ?, ?)",
                arguments: [item.id.rawValue, position, product.rawValue])
        }
    }

    private static func position(of id: String, in ids: [String], _ kind: String) throws -> Int {
        guard let index = ids.firstIndex(of: id) else { throw StoreError.unknown(kind: kind, id: id) }
        return index
    }

    private static func describe(_ item: Assignment) -> String {
        switch item.assignee {
        case .person(let person): return "\"\(item.product)\" to person \"\(person)\""
        case .device(let device): return "\"\(item.product)\" to device \"\(device)\""
        }
    }
}
