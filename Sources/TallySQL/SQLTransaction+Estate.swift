import TallyCore
import TallyStore

extension SQLTransaction {
    func estate(asOf: Day) throws -> Estate {
        var estate = try estateWithoutInstallations(asOf: asOf)
        estate.installations = try db.readInstallations()
        return estate
    }

    func estateForReconciling(asOf: Day) throws -> (estate: Estate, installations: InstallationTable) {
        (try estateWithoutInstallations(asOf: asOf), try db.readInstallationTable())
    }

    func estateWithoutInstallations(asOf: Day) throws -> Estate {
        var estate = Estate(asOf: asOf)
        estate.currency = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'currency'")
        estate.departments = try EstateTables.departments.fetchAll(db)
        estate.people = try EstateTables.people.fetchAll(db)
        estate.devices = try EstateTables.devices.fetchAll(db)
        estate.products = try EstateTables.products.fetchAll(db)
        let components = try components(where: nil)
        for i in estate.products.indices { estate.products[i].components = components[estate.products[i].id] ?? [] }
        estate.usage = try EstateTables.usage.fetchAll(db)
        estate.denials = try EstateTables.denials.fetchAll(db)
        estate.assignments = try EstateTables.assignments.fetchAll(db)
        estate.entitlements = try EstateTables.entitlements.fetchAll(db)
        estate.contracts = try EstateTables.contracts.fetchAll(db)
        estate.rates = try EstateTables.rates.fetchAll(db)
        let covers = try covers(where: nil)
        for i in estate.entitlements.indices {
            estate.entitlements[i].covers = covers[estate.entitlements[i].id] ?? []
        }
        return estate
    }

    func currencyConversion() throws -> CurrencyConversion {
        CurrencyConversion(
            currency: try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'currency'"),
            rates: try EstateTables.rates.fetchAll(db))
    }

    func insert(_ rate: ExchangeRate) throws {
        try db.execute(
            sql: "DELETE FROM exchange_rate WHERE currency = ? AND date = ?",
            arguments: [rate.currency, rate.date.description])
        try EstateTables.rates.insert(rate, in: db)
    }

    func reclaimMarks() throws -> [ReclaimMark] {
        try SQLRow.fetchAll(db, sql: "SELECT device, product, day, actor, note FROM reclaim_mark ORDER BY id").map {
            row in
            guard let day = try Column.day(row, 2) else { throw TallyError.failed("a stored reclaim has no day") }
            return ReclaimMark(device: .init(row[0]), product: .init(row[1]), day: day, actor: row[3], note: row[4])
        }
    }

    func insert(_ mark: ReclaimMark) throws {
        try db.execute(
            sql: "INSERT INTO reclaim_mark (device, product, day, actor, note) VALUES (?, ?, ?, ?, ?)",
            arguments: [mark.device.rawValue, mark.product.rawValue, mark.day.description, mark.actor, mark.note])
    }

    func contract(_ id: Contract.ID) throws -> Contract? {
        try EstateTables.contracts.fetch(db, where: "id = ?", [id.rawValue]).first
    }

    func contracts() throws -> [Contract] {
        try EstateTables.contracts.fetchAll(db).sorted { $0.id.rawValue < $1.id.rawValue }
    }

    func department(_ id: Department.ID) throws -> Department? {
        try EstateTables.departments.fetch(db, where: "id = ?", [id.rawValue]).first
    }

    func person(_ id: Person.ID) throws -> Person? {
        try EstateTables.people.fetch(db, where: "id = ?", [id.rawValue]).first
    }

    func device(_ id: Device.ID) throws -> Device? {
        try EstateTables.devices.fetch(db, where: "id = ?", [id.rawValue]).first
    }

    func product(_ id: Product.ID) throws -> Product? {
        guard var product = try EstateTables.products.fetch(db, where: "id = ?", [id.rawValue]).first else {
            return nil
        }
        product.components = try components(where: id)[id] ?? []
        return product
    }

    func entitlement(_ id: Entitlement.ID) throws -> Entitlement? {
        guard var item = try EstateTables.entitlements.fetch(db, where: "id = ?", [id.rawValue]).first else {
            return nil
        }
        item.covers = try covers(where: id)[id] ?? []
        return item
    }

    func entitlements(touching product: Product.ID) throws -> [Entitlement] {
        var items = try EstateTables.entitlements.fetch(
            db, where: "product = ?1 OR id IN (SELECT entitlement FROM entitlement_covers WHERE product = ?1)",
            [product.rawValue])
        for i in items.indices { items[i].covers = try covers(where: items[i].id)[items[i].id] ?? [] }
        return items
    }

    func virtualMachines(on device: Device.ID) throws -> [Device.ID] {
        try String.fetchAll(db, sql: "SELECT id FROM device WHERE host = ? ORDER BY id", arguments: [device.rawValue])
            .map { Device.ID($0) }
    }

    func count(of assignment: Assignment) throws -> Int {
        try Int.fetchOne(
            db,
            sql:
                "SELECT count(*) FROM assignment WHERE product = ? AND person IS NOT DISTINCT FROM ? AND device IS NOT DISTINCT FROM ?",
            arguments: SQLArguments(EstateTables.assignments.values(assignment))) ?? 0
    }

    /// Each suite's components, in order (of one suite, or of all).
    private func components(where suite: Product.ID?) throws -> [Product.ID: [Product.ID]] {
        var bySuite: [Product.ID: [Product.ID]] = [:]
        let filter = suite == nil ? "suite IS NOT NULL" : "suite = ?"
        for row in try SQLRow.fetchAll(
            db, sql: "SELECT suite, id FROM product WHERE \(filter) ORDER BY suite, suite_position",
            arguments: SQLArguments(suite.map { [$0.rawValue] } ?? []))
        {
            bySuite[Product.ID(row[0] as String), default: []].append(Product.ID(row[1] as String))
        }
        return bySuite
    }

    /// The covered products of each of `ids`, in order: one query for a page of entitlements.
    func covers(of ids: [Entitlement.ID]) throws -> [Entitlement.ID: [Product.ID]] {
        guard !ids.isEmpty else { return [:] }
        var covers: [Entitlement.ID: [Product.ID]] = [:]
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        for row in try SQLRow.fetchAll(
            db,
            sql: "SELECT entitlement, product FROM entitlement_covers WHERE entitlement IN (\(marks)) "
                + "ORDER BY entitlement, position", arguments: SQLArguments(ids.map(\.rawValue)))
        {
            covers[Entitlement.ID(row[0] as String), default: []].append(Product.ID(row[1] as String))
        }
        return covers
    }

    /// Each entitlement's covered products, in order (of one entitlement, or of all).
    private func covers(where entitlement: Entitlement.ID?) throws -> [Entitlement.ID: [Product.ID]] {
        var covers: [Entitlement.ID: [Product.ID]] = [:]
        let filter = entitlement == nil ? "" : " WHERE entitlement = ?"
        for row in try SQLRow.fetchAll(
            db, sql: "SELECT entitlement, product FROM entitlement_covers\(filter) ORDER BY entitlement, position",
            arguments: SQLArguments(entitlement.map { [$0.rawValue] } ?? []))
        {
            covers[Entitlement.ID(row[0] as String), default: []].append(Product.ID(row[1] as String))
        }
        return covers
    }
}

extension SQLTransaction {
    func apply<R: StoredRecord>(_ changes: Changes<R>, batch: Int64?, day: Day, progress: (Int) -> Void) throws {
        guard let mapping = EstateTables.mapping(of: R.self) else {
            throw TallyError.failed("no table keeps \(R.collection)")
        }
        try mapping.apply(changes, batch: batch, day: day, in: db, progress: progress)
        if let changes = changes as? Changes<Entitlement> {
            // A new entitlement has no covers yet; an updated one's are replaced. One statement each way, not one a
            // row: a round trip a row costs a server more than the rows.
            let updated = changes.updated.map(\.record)
            try deleteCovers(of: updated.map(\.id.rawValue))
            try insertCovers(of: changes.inserted + updated)
        }
    }

    func setSuites(_ products: [Product]) throws {
        try db.execute(sql: "UPDATE product SET suite = NULL, suite_position = NULL WHERE suite IS NOT NULL")
        let update = try db.prepare(sql: "UPDATE product SET suite = ?, suite_position = ? WHERE id = ?")
        for suite in products {
            for (position, component) in suite.components.enumerated() {
                try update.execute(arguments: [suite.id.rawValue, position, component.rawValue])
            }
        }
    }

    func setCurrency(_ currency: String?) throws {
        try db.execute(
            sql:
                "INSERT INTO setting (key, value) VALUES ('currency', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            arguments: [currency])
    }

    func dropOrphanedPools() throws {
        try db.execute(sql: "DELETE FROM license_pool WHERE product NOT IN (SELECT id FROM product)")
        try db.execute(sql: "DELETE FROM feature_map WHERE product NOT IN (SELECT id FROM product)")
    }

    func insert(_ entitlement: Entitlement) throws {
        try EstateTables.entitlements.insert(entitlement, in: db)
        try writeCovers(of: entitlement)
    }

    func update(_ entitlement: Entitlement) throws {
        try EstateTables.entitlements.update(entitlement, id: entitlement.id.rawValue, in: db)
        try writeCovers(of: entitlement)
    }

    func insert(_ contract: Contract) throws {
        try EstateTables.contracts.insert(contract, in: db)
    }

    func update(_ contract: Contract) throws {
        try EstateTables.contracts.update(contract, id: contract.id.rawValue, in: db)
    }

    func insert(_ product: Product) throws {
        try EstateTables.products.insert(product, in: db)
    }

    func update(_ product: Product) throws {
        try EstateTables.products.update(product, id: product.id.rawValue, in: db)
    }

    func insert(_ device: Device) throws {
        try EstateTables.devices.insert(device, in: db)
    }

    func update(_ device: Device) throws {
        try EstateTables.devices.update(device, id: device.id.rawValue, in: db)
    }

    func update(_ person: Person) throws {
        try EstateTables.people.update(person, id: person.id.rawValue, in: db)
    }

    func insert(_ assignment: Assignment) throws {
        try EstateTables.assignments.insert(assignment, in: db)
    }

    func delete(_ assignment: Assignment) throws {
        try db.execute(
            sql: """
                DELETE FROM assignment WHERE rowid = (SELECT rowid FROM assignment
                WHERE product = ? AND person IS NOT DISTINCT FROM ? AND device IS NOT DISTINCT FROM ? ORDER BY rowid LIMIT 1)
                """,
            arguments: SQLArguments(EstateTables.assignments.values(assignment)))
    }

    private func writeCovers(of item: Entitlement) throws {
        try deleteCovers(of: [item.id.rawValue])
        try insertCovers(of: [item])
    }

    private func deleteCovers(of entitlements: [String]) throws {
        guard !entitlements.isEmpty else { return }
        try db.execute(
            sql: "DELETE FROM entitlement_covers WHERE entitlement IN (\(db.dialect.jsonTexts))",
            arguments: [Self.jsonList(entitlements)])
    }

    private func insertCovers(of entitlements: [Entitlement]) throws {
        guard entitlements.contains(where: { !$0.covers.isEmpty }) else { return }
        try db.bulkInsert(into: "entitlement_covers", columns: ["entitlement", "position", "product"]) { add in
            for item in entitlements {
                for (position, product) in item.covers.enumerated() {
                    try add([.text(item.id.rawValue), .int(Int64(position)), .text(product.rawValue)])
                }
            }
        }
    }
}

extension EstateTables {
    /// The table that keeps a collection.
    static func mapping<R: StoredRecord>(of type: R.Type) -> TableMapping<R>? {
        let mappings: [any Sendable] = [
            departments, people, devices, products, installations, usage, denials, assignments, entitlements,
            contracts, rates,
        ]
        for mapping in mappings { if let match = mapping as? TableMapping<R> { return match } }
        return nil
    }
}
