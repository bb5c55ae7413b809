import Foundation
import TallyCore

/// A whole store copied into an empty one of any backend, table by table in one transaction on each side: every
/// record with its import batch, the positions kept, the audit trail as it is (its hashes still chain and still
/// name the data), accounts, alerts, and the documents attached to contracts.
public enum StoreCopy {
    /// What was copied.
    public struct Summary: Sendable, Equatable {
        public var tables = 0
        public var rows = 0
        public var documents = 0
    }

    /// Copies `source` into `destination`, which must hold nothing yet; `progress` hears each table's name and rows.
    public static func copy(
        from source: any SQLStore, to destination: any SQLStore, progress: (String, Int) -> Void = { _, _ in }
    ) throws -> Summary {
        var summary = Summary()
        try source.transaction(writing: false) { from in
            try destination.transaction(writing: true) { to in
                try checkEmpty(to)
                try to.execute(sql: "DELETE FROM setting")
                for table in tables {
                    let rows = try copy(table, from: from, to: to)
                    summary.tables += 1
                    summary.rows += rows
                    progress(table.name, rows)
                }
            }
        }
        summary.documents = try copyDocuments(from: source.documentFolder, to: destination.documentFolder)
        return summary
    }

    private static func checkEmpty(_ db: any SQLConnection) throws {
        for table in ["import_batch", "audit_entry", "account", "product", "device", "snapshot"] {
            if try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 > 0 {
                throw TallyError.conflict(
                    "the store to copy into is not empty (it holds \(table) rows); give a new one")
            }
        }
    }

    private static func copy(_ table: Table, from: any SQLConnection, to: any SQLConnection) throws -> Int {
        var count = 0
        let select = "SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name) ORDER BY \(table.order)"
        try to.bulkInsert(into: table.name, columns: table.columns) { add in
            try from.forEachRow(sql: select, arguments: []) { row in
                try add(row.values)
                count += 1
            }
        }
        if let sequence = table.sequence, let reset = to.dialect.resetSequence(table.name, sequence) {
            try to.execute(sql: reset)
        }
        return count
    }

    /// Copies the files the destination does not have yet (each is named by its content's SHA-256).
    private static func copyDocuments(from source: String, to destination: String) throws -> Int {
        let files = FileManager.default
        guard let names = try? files.contentsOfDirectory(atPath: source), !names.isEmpty else { return 0 }
        do {
            try files.createDirectory(atPath: destination, withIntermediateDirectories: true)
        } catch {
            throw TallyError.failed("cannot create the documents' folder \(destination)")
        }
        var copied = 0
        for name in names where !files.fileExists(atPath: destination + "/" + name) {
            do {
                try files.copyItem(atPath: source + "/" + name, toPath: destination + "/" + name)
            } catch {
                throw TallyError.failed("cannot copy the document \(name) into \(destination)")
            }
            copied += 1
        }
        return copied
    }

    /// One table: the columns both backends keep, the order its rows were written in, and the column of ids the
    /// destination numbers by itself afterwards.
    struct Table {
        let name: String
        let columns: [String]
        let order: String
        var sequence: String? = nil

        init(_ name: String, _ columns: String, order: String, sequence: String? = nil) {
            self.name = name
            self.columns = columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            self.order = order
            self.sequence = sequence
        }
    }

    /// Every table, those others refer to first. The estate's tables are read in the order their rows were written
    /// (`rowid`, which both backends keep), so that positions in `Changes` still refer to the same rows.
    static let tables: [Table] = [
        Table(
            "import_batch", "id, source, digest, at, actor, mode, inserted, updated, unchanged, removed, origin",
            order: "id", sequence: "id"),
        Table("setting", "key, value", order: "key"),
        Table("department", "id, name, cost_center, parent, batch", order: "rowid"),
        Table("person", "id, name, login, email, department, active, retired, batch", order: "rowid"),
        Table(
            "device",
            """
            id, hostname, kind, host, processors, cores_per_processor, vcpus, processor_model, serial, os, "user",
            department, active, last_seen, retired, cluster, partitioning, batch
            """, order: "rowid"),
        Table(
            "product",
            """
            id, publisher, name, metric, min_cores_per_processor, min_cores_per_device, min_cores_per_vm, core_factor,
            pvu_per_core, virtualization, devices_per_user, window_days, unit_price, suite, suite_position,
            duplicates, rule, vm_requires_rights, vms_per_license, minimum_users_per_processor,
            minimum_users_per_device, batch
            """, order: "rowid"),
        Table(
            "installation",
            "device, product, version, installed, last_used, last_seen, source, first_seen, batch, removed",
            order: "rowid"),
        Table(
            "usage_session", #"product, "user", host, start, "end", count, source, batch, feature"#, order: "rowid"),
        Table("denial", #"product, "user", host, at, reason, source, batch, feature"#, order: "rowid"),
        Table("assignment", "product, person, device, batch", order: "rowid"),
        Table(
            "entitlement",
            """
            id, product, quantity, version, downgrade, start, "end", unlimited, scope_department, unit_cost,
            cost_period, vendor, contract, purchase_order, notes, software_assurance, currency, batch
            """, order: "rowid"),
        Table("entitlement_covers", "entitlement, position, product", order: "entitlement, position"),
        Table(
            "snapshot", "id, as_of, taken_at, currency, exposure, surplus_value, shortfall, generation, automatic",
            order: "id", sequence: "id"),
        Table(
            "snapshot_position",
            "snapshot, product, metric, demand, covered, shortfall, supply, surplus, exposure, surplus_value, status",
            order: "snapshot, product"),
        Table(
            "audit_entry",
            "sequence, at, actor, entity, entity_id, action, before, after, previous_hash, hash, state",
            order: "sequence"),
        Table("feature_map", "feature, product", order: "feature"),
        Table(
            "license_server_sample", "id, server, at, batch, checkouts, pools", order: "id", sequence: "id"),
        Table(
            "license_pool",
            "server, position, vendor, feature, product, version, issued, in_use, reserved, expires, sampled_at",
            order: "server, position"),
        Table(
            "software_title", "id, publisher, name, version, outcome, product, clean_version, rule", order: "id",
            sequence: "id"),
        Table(
            "raw_software", "id, device, source, title, installed, first_seen, last_seen, removed, batch", order: "id",
            sequence: "id"),
        Table("account", "name, role, department, password_hash, disabled, created", order: "name"),
        Table("account_session", "digest, account, csrf, created, expires", order: "digest"),
        Table("api_token", "digest, account, created, expires", order: "digest"),
        Table("sign_in_failure", "key, at", order: "key, at"),
        Table(
            "contract", #"id, vendor, number, start, "end", renewal, notice_days, auto_renew, owner, notes, batch"#,
            order: "rowid"),
        Table(
            "contract_document", "id, contract, name, sha256, size, added, actor", order: "id", sequence: "id"),
        Table(
            "alert_rule", "id, kind, stages, threshold, channel, target, secret", order: "id", sequence: "id"),
        Table(
            "alert_delivery",
            """
            id, rule, subject, stage, key, title, text, channel, target, secret, created, status, attempts,
            last_error, next_attempt, sent
            """, order: "id", sequence: "id"),
        Table("exchange_rate", "currency, date, rate, batch", order: "rowid"),
        Table("reclaim_mark", "id, device, product, day, actor, note", order: "id", sequence: "id"),
    ]
}
