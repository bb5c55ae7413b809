import GRDB
import TallyCore

extension SQLiteStore {
    /// The schema, one migration per shipped version. Migrations are append-only: never edit one that shipped.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: estate, imports, snapshots, audit") { db in
            try db.execute(sql: version1)
        }
        migrator.registerMigration("v2: license servers") { db in
            try db.execute(sql: version2)
        }
        migrator.registerMigration("v3: inventory evidence and the catalog") { db in
            try db.execute(sql: version3)
        }
        migrator.registerMigration("v4: dates, duplicates, sessions seen in samples") { db in
            try db.execute(sql: version4)
        }
        migrator.registerMigration("v5: clusters, partitions, virtualization rights, rule templates") { db in
            try db.execute(sql: version5)
        }
        migrator.registerMigration("v6: where a license-server log's batch came from") { db in
            try db.execute(sql: "ALTER TABLE import_batch ADD COLUMN origin TEXT")
        }
        migrator.registerMigration("v7: ids in Unicode normalization form C") { db in
            try normalizeStoredIDs(db)
        }
        migrator.registerMigration("v8: generations, automatic snapshots, lookups for edits") { db in
            try db.execute(sql: version8)
        }
        migrator.registerMigration("v9: the digest of the estate each audited change left") { db in
            try db.execute(sql: "ALTER TABLE audit_entry ADD COLUMN state TEXT")
        }
        migrator.registerMigration("v10: indexes for the references foreign keys check") { db in
            try db.execute(sql: version10)
        }
        migrator.registerMigration("v11: accounts, sessions, API tokens, failed sign-ins") { db in
            try db.execute(sql: version11)
        }
        migrator.registerMigration("v12: contracts and their documents") { db in
            try db.execute(sql: version12)
        }
        migrator.registerMigration("v13: alert rules and the alerts' send log") { db in
            try db.execute(sql: version13)
        }
        migrator.registerMigration("v14: entitlements priced in other currencies, and exchange rates") { db in
            try db.execute(sql: version14)
        }
        migrator.registerMigration("v15: what was taken back from devices") { db in
            try db.execute(sql: version15)
        }
        return migrator
    }

    private static let version1 = """
        CREATE TABLE import_batch (
            id INTEGER PRIMARY KEY, source TEXT NOT NULL, digest TEXT NOT NULL, at TEXT NOT NULL,
            actor TEXT NOT NULL, mode TEXT NOT NULL, inserted INTEGER NOT NULL, updated INTEGER NOT NULL,
            unchanged INTEGER NOT NULL, removed INTEGER NOT NULL);
        CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE department (
            id TEXT PRIMARY KEY, name TEXT, cost_center TEXT,
            parent TEXT REFERENCES department(id) DEFERRABLE INITIALLY DEFERRED,
            batch INTEGER REFERENCES import_batch(id));
        CREATE TABLE person (
            id TEXT PRIMARY KEY, name TEXT, login TEXT, email TEXT,
            department TEXT REFERENCES department(id) DEFERRABLE INITIALLY DEFERRED,
            active INTEGER NOT NULL, batch INTEGER REFERENCES import_batch(id));
        CREATE TABLE device (
            id TEXT PRIMARY KEY, hostname TEXT, kind TEXT NOT NULL,
            host TEXT REFERENCES device(id) DEFERRABLE INITIALLY DEFERRED,
            processors INTEGER NOT NULL, cores_per_processor INTEGER, vcpus INTEGER, processor_model TEXT,
            serial TEXT, os TEXT, user TEXT REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
            department TEXT REFERENCES department(id) DEFERRABLE INITIALLY DEFERRED,
            active INTEGER NOT NULL, last_seen TEXT, batch INTEGER REFERENCES import_batch(id));
        CREATE TABLE product (
            id TEXT PRIMARY KEY, publisher TEXT, name TEXT, metric TEXT NOT NULL,
            min_cores_per_processor INTEGER NOT NULL, min_cores_per_device INTEGER NOT NULL,
            min_cores_per_vm INTEGER NOT NULL, core_factor TEXT NOT NULL, pvu_per_core TEXT NOT NULL,
            virtualization TEXT NOT NULL, devices_per_user INTEGER, window_days INTEGER NOT NULL, unit_price REAL,
            suite TEXT REFERENCES product(id) DEFERRABLE INITIALLY DEFERRED, suite_position INTEGER,
            batch INTEGER REFERENCES import_batch(id));
        -- Installations, usage and denials are the bulk of the store (millions of rows): they name their device
        -- and product without a foreign key, which would cost two index lookups per row written and an index per
        -- column. Every write validates the whole resulting estate first, references included.
        CREATE TABLE installation (
            id INTEGER PRIMARY KEY, device TEXT NOT NULL, product TEXT NOT NULL,
            version TEXT, installed TEXT, last_used TEXT, last_seen TEXT, source TEXT, first_seen TEXT NOT NULL,
            batch INTEGER NOT NULL);
        CREATE TABLE usage_session (
            id INTEGER PRIMARY KEY, product TEXT NOT NULL,
            user TEXT, host TEXT, start INTEGER NOT NULL, end INTEGER, count INTEGER NOT NULL, source TEXT,
            batch INTEGER);
        CREATE TABLE denial (
            id INTEGER PRIMARY KEY, product TEXT NOT NULL,
            user TEXT, host TEXT, at INTEGER NOT NULL, reason TEXT, source TEXT, batch INTEGER);
        CREATE TABLE assignment (
            id INTEGER PRIMARY KEY,
            product TEXT NOT NULL REFERENCES product(id) DEFERRABLE INITIALLY DEFERRED,
            person TEXT REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
            device TEXT REFERENCES device(id) DEFERRABLE INITIALLY DEFERRED,
            batch INTEGER REFERENCES import_batch(id),
            CHECK ((person IS NULL) <> (device IS NULL)));
        CREATE TABLE entitlement (
            id TEXT PRIMARY KEY,
            product TEXT NOT NULL REFERENCES product(id) DEFERRABLE INITIALLY DEFERRED,
            quantity INTEGER, version TEXT, downgrade INTEGER NOT NULL, start TEXT, end TEXT,
            unlimited INTEGER NOT NULL,
            scope_department TEXT REFERENCES department(id) DEFERRABLE INITIALLY DEFERRED,
            unit_cost REAL, cost_period TEXT NOT NULL, vendor TEXT, contract TEXT, purchase_order TEXT, notes TEXT,
            batch INTEGER REFERENCES import_batch(id));
        CREATE TABLE entitlement_covers (
            entitlement TEXT NOT NULL REFERENCES entitlement(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
            position INTEGER NOT NULL,
            product TEXT NOT NULL REFERENCES product(id) DEFERRABLE INITIALLY DEFERRED,
            PRIMARY KEY (entitlement, position));
        CREATE TABLE snapshot (
            id INTEGER PRIMARY KEY, as_of TEXT NOT NULL, taken_at TEXT NOT NULL, currency TEXT,
            exposure REAL NOT NULL, surplus_value REAL NOT NULL, shortfall INTEGER NOT NULL);
        CREATE TABLE snapshot_position (
            snapshot INTEGER NOT NULL REFERENCES snapshot(id), product TEXT NOT NULL, metric TEXT NOT NULL,
            demand INTEGER NOT NULL, covered INTEGER NOT NULL, shortfall INTEGER NOT NULL, supply INTEGER,
            surplus INTEGER NOT NULL, exposure REAL, surplus_value REAL NOT NULL, status TEXT NOT NULL,
            PRIMARY KEY (snapshot, product));
        CREATE TABLE audit_entry (
            sequence INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, entity TEXT NOT NULL,
            entity_id TEXT NOT NULL, action TEXT NOT NULL, before TEXT, after TEXT, previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL);
        CREATE INDEX audit_entry_subject ON audit_entry(entity, entity_id);
        """

    /// What license servers say beyond sessions and denials: the feature each was recorded under, how features map
    /// to products, each server's samples and its pools as last sampled.
    private static let version2 = """
        ALTER TABLE usage_session ADD COLUMN feature TEXT;
        ALTER TABLE denial ADD COLUMN feature TEXT;
        CREATE TABLE feature_map (
            feature TEXT PRIMARY KEY,
            product TEXT NOT NULL REFERENCES product(id) DEFERRABLE INITIALLY DEFERRED);
        CREATE TABLE license_server_sample (
            id INTEGER PRIMARY KEY, server TEXT NOT NULL, at INTEGER NOT NULL,
            batch INTEGER NOT NULL REFERENCES import_batch(id), checkouts INTEGER NOT NULL, pools INTEGER NOT NULL);
        CREATE INDEX license_server_sample_server ON license_server_sample(server, at);
        CREATE TABLE license_pool (
            server TEXT NOT NULL, position INTEGER NOT NULL, vendor TEXT, feature TEXT NOT NULL,
            product TEXT NOT NULL REFERENCES product(id) DEFERRABLE INITIALLY DEFERRED,
            version TEXT, issued INTEGER, in_use INTEGER, reserved INTEGER NOT NULL, expires TEXT,
            sampled_at INTEGER NOT NULL, PRIMARY KEY (server, position));
        """

    /// What inventory sources saw, kept raw so that a new catalog rule can re-read it: each distinct (publisher, name,
    /// version) once with what the catalog made of it, each sighting on a device by a source with its first and
    /// last day and the day it disappeared. (The license manager's own catalog is a setting, `catalog`.)
    private static let version3 = """
        CREATE TABLE software_title (
            id INTEGER PRIMARY KEY, publisher TEXT NOT NULL, name TEXT NOT NULL, version TEXT NOT NULL,
            outcome TEXT NOT NULL, product TEXT, clean_version TEXT, rule TEXT,
            UNIQUE (publisher, name, version));
        CREATE TABLE raw_software (
            id INTEGER PRIMARY KEY, device TEXT NOT NULL, source TEXT NOT NULL,
            title INTEGER NOT NULL REFERENCES software_title(id), installed TEXT, first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL, removed TEXT, batch INTEGER NOT NULL);
        CREATE INDEX raw_software_device ON raw_software(device, source);
        """

    /// License rules v2: the day people and devices retired and installations were removed, a product's duplicates
    /// rule, and sessions known only from status samples ending at the last sample that saw them (they were left
    /// open before, which made one old sample count as use for ever).
    private static let version4 = """
        ALTER TABLE person ADD COLUMN retired TEXT;
        ALTER TABLE device ADD COLUMN retired TEXT;
        ALTER TABLE installation ADD COLUMN removed TEXT;
        ALTER TABLE product ADD COLUMN duplicates TEXT;
        UPDATE usage_session SET end = 1 + max(start, coalesce((
            SELECT max(s.at) FROM license_server_sample s
            WHERE s.server = substr(usage_session.source, instr(usage_session.source, ':') + 1)), start))
        WHERE end IS NULL AND (source LIKE 'lmstat:%' OR source LIKE 'rlmstat:%');
        """

    /// Publisher rules: the cluster a host belongs to and how a VM is partitioned, Software Assurance on purchases,
    /// and a product's rule template, virtualization rights, VMs per license and Named User Plus minimums.
    private static let version5 = """
        ALTER TABLE device ADD COLUMN cluster TEXT;
        ALTER TABLE device ADD COLUMN partitioning TEXT NOT NULL DEFAULT 'soft';
        ALTER TABLE entitlement ADD COLUMN software_assurance INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE product ADD COLUMN rule TEXT;
        ALTER TABLE product ADD COLUMN vm_requires_rights INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE product ADD COLUMN vms_per_license INTEGER;
        ALTER TABLE product ADD COLUMN minimum_users_per_processor INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE product ADD COLUMN minimum_users_per_device INTEGER NOT NULL DEFAULT 0;
        """

    /// The latest position kept current: the store's generation moves with every change, and a snapshot records the
    /// generation it was computed at (automatic ones are taken by the store itself, one per day at most). Indexes
    /// for the lookups edits make.
    private static let version8 = """
        ALTER TABLE snapshot ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE snapshot ADD COLUMN automatic INTEGER NOT NULL DEFAULT 0;
        INSERT OR IGNORE INTO setting (key, value) VALUES ('generation', '1');
        CREATE INDEX device_host ON device(host);
        CREATE INDEX entitlement_product ON entitlement(product);
        CREATE INDEX entitlement_covers_product ON entitlement_covers(product);
        CREATE INDEX snapshot_position_product ON snapshot_position(product);
        """

    /// Every column a foreign key refers through, indexed: deleting a person or a department (a replacing import
    /// removes thousands) otherwise checks every device, person and entitlement for each.
    private static let version10 = """
        CREATE INDEX device_user ON device(user);
        CREATE INDEX device_department ON device(department);
        CREATE INDEX person_department ON person(department);
        CREATE INDEX department_parent ON department(parent);
        CREATE INDEX product_suite ON product(suite);
        CREATE INDEX entitlement_scope ON entitlement(scope_department);
        CREATE INDEX assignment_product ON assignment(product);
        CREATE INDEX assignment_person ON assignment(person);
        CREATE INDEX assignment_device ON assignment(device);
        CREATE INDEX feature_map_product ON feature_map(product);
        CREATE INDEX license_pool_product ON license_pool(product);
        """

    /// Who may sign in, and with what: times are seconds since 1970; sessions and tokens are kept by the SHA-256
    /// of their value, passwords by their bcrypt hash. None of it is part of the estate (no generation moves).
    private static let version11 = """
        CREATE TABLE account (
            name TEXT PRIMARY KEY, role TEXT NOT NULL, department TEXT, password_hash TEXT,
            disabled INTEGER NOT NULL, created INTEGER NOT NULL);
        CREATE TABLE account_session (
            digest TEXT PRIMARY KEY, account TEXT NOT NULL REFERENCES account(name), csrf TEXT NOT NULL,
            created INTEGER NOT NULL, expires INTEGER NOT NULL);
        CREATE INDEX account_session_account ON account_session(account);
        CREATE TABLE api_token (
            digest TEXT PRIMARY KEY, account TEXT NOT NULL REFERENCES account(name), created INTEGER NOT NULL,
            expires TEXT);
        CREATE INDEX api_token_account ON api_token(account);
        CREATE TABLE sign_in_failure (key TEXT NOT NULL, at INTEGER NOT NULL);
        CREATE INDEX sign_in_failure_key ON sign_in_failure(key, at);
        """

    /// Contracts, and the documents attached to them: a document's bytes are a file beside the store, named by
    /// their SHA-256; the row keeps its name, digest and size, who attached it and when (seconds since 1970).
    private static let version12 = """
        CREATE TABLE contract (
            id TEXT PRIMARY KEY, vendor TEXT, number TEXT, start TEXT, end TEXT, renewal TEXT, notice_days INTEGER,
            auto_renew INTEGER NOT NULL, owner TEXT, notes TEXT, batch INTEGER REFERENCES import_batch(id));
        CREATE TABLE contract_document (
            id INTEGER PRIMARY KEY, contract TEXT NOT NULL, name TEXT NOT NULL, sha256 TEXT NOT NULL,
            size INTEGER NOT NULL, added INTEGER NOT NULL, actor TEXT NOT NULL);
        CREATE INDEX contract_document_contract ON contract_document(contract);
        """

    /// Alert rules, and the send log: an alert is recorded (pending) before it is sent, once per rule, subject and
    /// stage; times are seconds since 1970. None of it is part of the estate.
    private static let version13 = """
        CREATE TABLE alert_rule (
            id INTEGER PRIMARY KEY, kind TEXT NOT NULL, stages TEXT NOT NULL, threshold REAL, channel TEXT NOT NULL,
            target TEXT NOT NULL, secret TEXT);
        CREATE TABLE alert_delivery (
            id INTEGER PRIMARY KEY, rule INTEGER NOT NULL, subject TEXT NOT NULL, stage TEXT NOT NULL,
            key TEXT NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL, channel TEXT NOT NULL, target TEXT NOT NULL,
            secret TEXT, created INTEGER NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL, last_error TEXT,
            next_attempt INTEGER NOT NULL, sent INTEGER, UNIQUE (rule, subject, stage));
        CREATE INDEX alert_delivery_pending ON alert_delivery(status, next_attempt);
        """

    /// An entitlement's currency (null: the estate's), and the rates that convert the others, one a currency a day.
    private static let version14 = """
        ALTER TABLE entitlement ADD COLUMN currency TEXT;
        CREATE TABLE exchange_rate (
            currency TEXT NOT NULL, date TEXT NOT NULL, rate REAL NOT NULL, batch INTEGER REFERENCES import_batch(id));
        """

    /// Installations recorded as taken back (a reclaim), kept apart from the estate, as the audit trail keeps them.
    private static let version15 = """
        CREATE TABLE reclaim_mark (
            id INTEGER PRIMARY KEY, device TEXT NOT NULL, product TEXT NOT NULL, day TEXT NOT NULL,
            actor TEXT NOT NULL, note TEXT);
        """
}
