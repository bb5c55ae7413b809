import TallyCore
import TallyStore

extension SQLTransaction {
    func products(_ query: ProductQuery) throws -> Page<ProductListing> {
        var conditions: [String] = []
        var arguments: [(any SQLValueConvertible)?] = []
        if let search = query.search, !search.isEmpty {
            conditions.append(
                "(p.id \(db.dialect.like) ?1 ESCAPE '\\' OR p.name \(db.dialect.like) ?1 ESCAPE '\\' OR p.publisher \(db.dialect.like) ?1 ESCAPE '\\')"
            )
            arguments.append(Self.contains(search))
        }
        if let publisher = query.publisher {
            conditions.append("p.publisher = ?\(arguments.count + 1)")
            arguments.append(publisher)
        }
        if let metric = query.metric {
            conditions.append("p.metric = ?\(arguments.count + 1)")
            arguments.append(metric.rawValue)
        }
        if let status = query.status {
            conditions.append("s.status = ?\(arguments.count + 1)")
            arguments.append(status.rawValue)
        }
        let latest = "(SELECT max(id) FROM snapshot)"
        let from = """
            FROM product p LEFT JOIN snapshot_position s ON s.product = p.id AND s.snapshot = \(latest)
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            """
        let order =
            switch query.order {
            case .name: "p.id"
            case .exposure: "coalesce(s.exposure, 0) DESC, p.id"
            case .shortfall: "coalesce(s.shortfall, 0) DESC, p.id"
            }
        let total = try Int.fetchOne(db, sql: "SELECT count(*) \(from)", arguments: SQLArguments(arguments)) ?? 0
        let rows = try SQLRow.fetchAll(
            db,
            sql: """
                SELECT p.id, s.status, s.demand, s.covered, s.shortfall, s.exposure, s.surplus_value \(from)
                ORDER BY \(order) LIMIT \(query.page.limit) OFFSET \(query.page.offset)
                """, arguments: SQLArguments(arguments))
        var items: [ProductListing] = []
        for row in rows {
            let id = Product.ID(row[0] as String)
            guard let product = try product(id) else { continue }
            let position = (row[1] as String?).map { status in
                SnapshotPosition(
                    product: id, status: status, demand: row[2], covered: row[3], shortfall: row[4],
                    exposure: row[5], surplusValue: row[6])
            }
            items.append(ProductListing(product: product, position: position))
        }
        return Page(items: items, total: total)
    }

    func entitlements(_ query: EntitlementQuery) throws -> Page<Entitlement> {
        var conditions: [String] = []
        var arguments: [(any SQLValueConvertible)?] = []
        if let search = query.search, !search.isEmpty {
            conditions.append(
                "(id \(db.dialect.like) ?1 ESCAPE '\\' OR vendor \(db.dialect.like) ?1 ESCAPE '\\' OR contract \(db.dialect.like) ?1 ESCAPE '\\' "
                    + "OR purchase_order \(db.dialect.like) ?1 ESCAPE '\\')")
            arguments.append(Self.contains(search))
        }
        if let product = query.product {
            conditions.append("product = ?\(arguments.count + 1)")
            arguments.append(product.rawValue)
        }
        if let ending = query.ending {
            conditions.append("\"end\" BETWEEN ?\(arguments.count + 1) AND ?\(arguments.count + 2)")
            arguments += [ending.lowerBound.description, ending.upperBound.description]
        }
        let filter = conditions.isEmpty ? nil : conditions.joined(separator: " AND ")
        let total =
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM entitlement" + (filter.map { " WHERE \($0)" } ?? ""),
                arguments: SQLArguments(arguments)) ?? 0
        let mapping = EstateTables.entitlements
        var items = try SQLRow.fetchAll(
            db,
            sql: "SELECT \(mapping.columns.joined(separator: ", ")) FROM \(mapping.table)"
                + (filter.map { " WHERE \($0)" } ?? "")
                + " ORDER BY id LIMIT \(query.page.limit) OFFSET \(query.page.offset)",
            arguments: SQLArguments(arguments)
        ).map(mapping.record)
        let covers = try covers(of: items.map(\.id))
        for i in items.indices { items[i].covers = covers[items[i].id] ?? [] }
        return Page(items: items, total: total)
    }

    func devices(_ query: RecordQuery) throws -> Page<Device> {
        try page(EstateTables.devices, query, searching: ["id", "hostname", "serial"])
    }

    func people(_ query: RecordQuery) throws -> Page<Person> {
        try page(EstateTables.people, query, searching: ["id", "name", "login", "email"])
    }

    func batches(_ page: PageRequest) throws -> Page<ImportBatch> {
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM import_batch") ?? 0
        let items = try BatchRow.fetchAll(
            db,
            sql: "SELECT \(BatchRow.columns) FROM import_batch ORDER BY id DESC LIMIT \(page.limit) "
                + "OFFSET \(page.offset)"
        ).map(\.batch)
        return Page(items: items, total: total)
    }

    func openBatch(_ source: ImportSource, mode: String) throws -> Int64 {
        try Self.insertedID(
            db,
            sql: """
                INSERT INTO import_batch (source, digest, at, actor, mode, inserted, updated, unchanged, removed)
                VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0)
                """,
            arguments: [source.name, source.digest, source.at.description, source.actor, mode])
    }

    func closeBatch(_ batch: Int64, counts: ImportCounts, origin: String?) throws {
        try db.execute(
            sql: """
                UPDATE import_batch SET inserted = ?, updated = ?, unchanged = ?, removed = ?, origin = ? WHERE id = ?
                """,
            arguments: [counts.inserted, counts.updated, counts.unchanged, counts.removed, origin, batch])
    }

    func batch(digest: String, otherThan origin: String) throws -> ImportBatch? {
        try BatchRow.fetchOne(
            db,
            sql: """
                SELECT \(BatchRow.columns) FROM import_batch
                WHERE digest = ? AND origin IS NOT NULL AND origin <> ? ORDER BY id LIMIT 1
                """, arguments: [digest, origin]
        )?.batch
    }

    func batch(of session: UsageSession) throws -> ImportBatch? {
        try BatchRow.fetchOne(
            db,
            sql: """
                SELECT b.id, b.source, b.digest, b.at, b.actor, b.mode, b.inserted, b.updated, b.unchanged, b.removed,
                    b.origin
                FROM usage_session u JOIN import_batch b ON b.id = u.batch
                WHERE u.product = ? AND u."user" IS NOT DISTINCT FROM ? AND u.host IS NOT DISTINCT FROM ? AND u.start = ? AND u.source IS NOT DISTINCT FROM ? LIMIT 1
                """,
            arguments: [
                session.product.rawValue, session.user, session.host, session.start.secondsSinceEpoch, session.source,
            ]
        )?.batch
    }

    /// One page of a table's records whose columns contain a text.
    private func page<R>(
        _ mapping: TableMapping<R>, _ query: RecordQuery, searching columns: [String]
    ) throws
        -> Page<R>
    {
        var filter: String?
        var arguments: SQLArguments = []
        if let search = query.search, !search.isEmpty {
            filter = columns.map { "\($0) \(db.dialect.like) ?1 ESCAPE '\\'" }.joined(separator: " OR ")
            arguments = [Self.contains(search)]
        }
        let total =
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM \(mapping.table)" + (filter.map { " WHERE \($0)" } ?? ""),
                arguments: arguments) ?? 0
        let rows = try SQLRow.fetchAll(
            db,
            sql: "SELECT \(mapping.columns.joined(separator: ", ")) FROM \(mapping.table)"
                + (filter.map { " WHERE \($0)" } ?? "")
                + " ORDER BY id LIMIT \(query.page.limit) OFFSET \(query.page.offset)", arguments: arguments)
        return Page(items: try rows.map(mapping.record), total: total)
    }

    /// A LIKE pattern for text containing `search`, its own `%`, `_` and `\` taken literally.
    private static func contains(_ search: String) -> String {
        var pattern = "%"
        for character in search {
            if character == "%" || character == "_" || character == "\\" { pattern.append("\\") }
            pattern.append(character)
        }
        return pattern + "%"
    }
}
