/// The PostgreSQL store's schema, one migration per shipped version, applied in order when a store is opened and
/// recorded in `tally_schema`. Migrations are append-only: never edit one that shipped.
///
/// The tables are SQLite's (the same statements run on both), with PostgreSQL's types: integers are `BIGINT`, reals
/// `DOUBLE PRECISION`, texts compare byte by byte (`COLLATE "C"`, as SQLite's do) whatever the database's locale. The
/// estate's tables keep their rows' order in `rowid`, as SQLite's implicit column does.
///
/// The estate's tables keep no foreign keys here: PostgreSQL checks each with a trigger per row, which took a fifth of
/// a first import of 20,000 devices. Every write validates the whole resulting estate first, references included
/// (as for SQLite's bulk tables), and `audit verify` names data changed behind Tally's back. The keys kept are those
/// whose cascade or check is part of the behaviour: an entitlement's covers, a snapshot's positions, an account's
/// sessions and tokens.
enum PostgresSchema {
    static let migrations: [(id: String, sql: String)] = [
        ("p1: the store of Tally's SQLite schema v15", version1)
    ]

    private static let version1 = """
        CREATE TABLE import_batch (
            id BIGSERIAL PRIMARY KEY, source TEXT COLLATE "C" NOT NULL, digest TEXT COLLATE "C" NOT NULL,
            at TEXT COLLATE "C" NOT NULL, actor TEXT COLLATE "C" NOT NULL, mode TEXT COLLATE "C" NOT NULL,
            inserted BIGINT NOT NULL, updated BIGINT NOT NULL, unchanged BIGINT NOT NULL, removed BIGINT NOT NULL,
            origin TEXT COLLATE "C");
        CREATE TABLE setting (key TEXT COLLATE "C" PRIMARY KEY, value TEXT COLLATE "C");
        INSERT INTO setting (key, value) VALUES ('generation', '1');
        CREATE TABLE department (
            id TEXT COLLATE "C" PRIMARY KEY, name TEXT COLLATE "C", cost_center TEXT COLLATE "C",
            parent TEXT COLLATE "C",
            batch BIGINT, rowid BIGSERIAL UNIQUE);
        CREATE TABLE person (
            id TEXT COLLATE "C" PRIMARY KEY, name TEXT COLLATE "C", login TEXT COLLATE "C", email TEXT COLLATE "C",
            department TEXT COLLATE "C",
            active BIGINT NOT NULL, retired TEXT COLLATE "C", batch BIGINT,
            rowid BIGSERIAL UNIQUE);
        CREATE TABLE device (
            id TEXT COLLATE "C" PRIMARY KEY, hostname TEXT COLLATE "C", kind TEXT COLLATE "C" NOT NULL,
            host TEXT COLLATE "C",
            processors BIGINT NOT NULL, cores_per_processor BIGINT, vcpus BIGINT, processor_model TEXT COLLATE "C",
            serial TEXT COLLATE "C", os TEXT COLLATE "C",
            "user" TEXT COLLATE "C",
            department TEXT COLLATE "C",
            active BIGINT NOT NULL, last_seen TEXT COLLATE "C", retired TEXT COLLATE "C", cluster TEXT COLLATE "C",
            partitioning TEXT COLLATE "C" NOT NULL DEFAULT 'soft', batch BIGINT,
            rowid BIGSERIAL UNIQUE);
        CREATE TABLE product (
            id TEXT COLLATE "C" PRIMARY KEY, publisher TEXT COLLATE "C", name TEXT COLLATE "C",
            metric TEXT COLLATE "C" NOT NULL, min_cores_per_processor BIGINT NOT NULL,
            min_cores_per_device BIGINT NOT NULL, min_cores_per_vm BIGINT NOT NULL,
            core_factor TEXT COLLATE "C" NOT NULL, pvu_per_core TEXT COLLATE "C" NOT NULL,
            virtualization TEXT COLLATE "C" NOT NULL, devices_per_user BIGINT, window_days BIGINT NOT NULL,
            unit_price DOUBLE PRECISION,
            suite TEXT COLLATE "C", suite_position BIGINT,
            duplicates TEXT COLLATE "C", rule TEXT COLLATE "C", vm_requires_rights BIGINT NOT NULL DEFAULT 0,
            vms_per_license BIGINT, minimum_users_per_processor BIGINT NOT NULL DEFAULT 0,
            minimum_users_per_device BIGINT NOT NULL DEFAULT 0, batch BIGINT,
            rowid BIGSERIAL UNIQUE);
        -- Installations, usage and denials are the bulk of the store: their order is their key.
        CREATE TABLE installation (
            rowid BIGSERIAL PRIMARY KEY, device TEXT COLLATE "C" NOT NULL, product TEXT COLLATE "C" NOT NULL,
            version TEXT COLLATE "C", installed TEXT COLLATE "C", last_used TEXT COLLATE "C",
            last_seen TEXT COLLATE "C", source TEXT COLLATE "C", first_seen TEXT COLLATE "C" NOT NULL,
            batch BIGINT NOT NULL, removed TEXT COLLATE "C");
        CREATE TABLE usage_session (
            rowid BIGSERIAL PRIMARY KEY, product TEXT COLLATE "C" NOT NULL, "user" TEXT COLLATE "C",
            host TEXT COLLATE "C", start BIGINT NOT NULL, "end" BIGINT, count BIGINT NOT NULL,
            source TEXT COLLATE "C", batch BIGINT, feature TEXT COLLATE "C");
        CREATE TABLE denial (
            rowid BIGSERIAL PRIMARY KEY, product TEXT COLLATE "C" NOT NULL, "user" TEXT COLLATE "C",
            host TEXT COLLATE "C", at BIGINT NOT NULL, reason TEXT COLLATE "C", source TEXT COLLATE "C", batch BIGINT,
            feature TEXT COLLATE "C");
        CREATE TABLE assignment (
            rowid BIGSERIAL PRIMARY KEY,
            product TEXT COLLATE "C" NOT NULL,
            person TEXT COLLATE "C",
            device TEXT COLLATE "C",
            batch BIGINT,
            CHECK ((person IS NULL) <> (device IS NULL)));
        CREATE TABLE entitlement (
            id TEXT COLLATE "C" PRIMARY KEY,
            product TEXT COLLATE "C" NOT NULL,
            quantity BIGINT, version TEXT COLLATE "C", downgrade BIGINT NOT NULL, start TEXT COLLATE "C",
            "end" TEXT COLLATE "C", unlimited BIGINT NOT NULL,
            scope_department TEXT COLLATE "C",
            unit_cost DOUBLE PRECISION, cost_period TEXT COLLATE "C" NOT NULL, vendor TEXT COLLATE "C",
            contract TEXT COLLATE "C", purchase_order TEXT COLLATE "C", notes TEXT COLLATE "C",
            software_assurance BIGINT NOT NULL DEFAULT 0, currency TEXT COLLATE "C",
            batch BIGINT, rowid BIGSERIAL UNIQUE);
        CREATE TABLE entitlement_covers (
            entitlement TEXT COLLATE "C" NOT NULL
                REFERENCES entitlement(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
            position BIGINT NOT NULL,
            product TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (entitlement, position));
        CREATE TABLE snapshot (
            id BIGSERIAL PRIMARY KEY, as_of TEXT COLLATE "C" NOT NULL, taken_at TEXT COLLATE "C" NOT NULL,
            currency TEXT COLLATE "C", exposure DOUBLE PRECISION NOT NULL, surplus_value DOUBLE PRECISION NOT NULL,
            shortfall BIGINT NOT NULL, generation BIGINT NOT NULL DEFAULT 0, automatic BIGINT NOT NULL DEFAULT 0);
        CREATE TABLE snapshot_position (
            snapshot BIGINT NOT NULL REFERENCES snapshot(id), product TEXT COLLATE "C" NOT NULL,
            metric TEXT COLLATE "C" NOT NULL, demand BIGINT NOT NULL, covered BIGINT NOT NULL,
            shortfall BIGINT NOT NULL, supply BIGINT, surplus BIGINT NOT NULL, exposure DOUBLE PRECISION,
            surplus_value DOUBLE PRECISION NOT NULL, status TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (snapshot, product));
        CREATE TABLE audit_entry (
            sequence BIGINT PRIMARY KEY, at TEXT COLLATE "C" NOT NULL, actor TEXT COLLATE "C" NOT NULL,
            entity TEXT COLLATE "C" NOT NULL, entity_id TEXT COLLATE "C" NOT NULL, action TEXT COLLATE "C" NOT NULL,
            before TEXT COLLATE "C", after TEXT COLLATE "C", previous_hash TEXT COLLATE "C" NOT NULL,
            hash TEXT COLLATE "C" NOT NULL, state TEXT COLLATE "C");
        CREATE INDEX audit_entry_subject ON audit_entry(entity, entity_id);
        CREATE TABLE feature_map (
            feature TEXT COLLATE "C" PRIMARY KEY,
            product TEXT COLLATE "C" NOT NULL);
        CREATE TABLE license_server_sample (
            id BIGSERIAL PRIMARY KEY, server TEXT COLLATE "C" NOT NULL, at BIGINT NOT NULL,
            batch BIGINT NOT NULL, checkouts BIGINT NOT NULL, pools BIGINT NOT NULL);
        CREATE INDEX license_server_sample_server ON license_server_sample(server, at);
        CREATE TABLE license_pool (
            server TEXT COLLATE "C" NOT NULL, position BIGINT NOT NULL, vendor TEXT COLLATE "C",
            feature TEXT COLLATE "C" NOT NULL,
            product TEXT COLLATE "C" NOT NULL,
            version TEXT COLLATE "C", issued BIGINT, in_use BIGINT, reserved BIGINT NOT NULL,
            expires TEXT COLLATE "C", sampled_at BIGINT NOT NULL, PRIMARY KEY (server, position));
        CREATE TABLE software_title (
            id BIGSERIAL PRIMARY KEY, publisher TEXT COLLATE "C" NOT NULL, name TEXT COLLATE "C" NOT NULL,
            version TEXT COLLATE "C" NOT NULL, outcome TEXT COLLATE "C" NOT NULL, product TEXT COLLATE "C",
            clean_version TEXT COLLATE "C", rule TEXT COLLATE "C", UNIQUE (publisher, name, version));
        CREATE TABLE raw_software (
            id BIGSERIAL PRIMARY KEY, device TEXT COLLATE "C" NOT NULL, source TEXT COLLATE "C" NOT NULL,
            title BIGINT NOT NULL, installed TEXT COLLATE "C",
            first_seen TEXT COLLATE "C" NOT NULL, last_seen TEXT COLLATE "C" NOT NULL, removed TEXT COLLATE "C",
            batch BIGINT NOT NULL);
        CREATE INDEX raw_software_device ON raw_software(device, source);
        CREATE INDEX device_host ON device(host);
        CREATE INDEX entitlement_product ON entitlement(product);
        CREATE INDEX entitlement_covers_product ON entitlement_covers(product);
        CREATE INDEX snapshot_position_product ON snapshot_position(product);
        CREATE INDEX device_user ON device("user");
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
        CREATE TABLE account (
            name TEXT COLLATE "C" PRIMARY KEY, role TEXT COLLATE "C" NOT NULL, department TEXT COLLATE "C",
            password_hash TEXT COLLATE "C", disabled BIGINT NOT NULL, created BIGINT NOT NULL);
        CREATE TABLE account_session (
            digest TEXT COLLATE "C" PRIMARY KEY, account TEXT COLLATE "C" NOT NULL REFERENCES account(name),
            csrf TEXT COLLATE "C" NOT NULL, created BIGINT NOT NULL, expires BIGINT NOT NULL);
        CREATE INDEX account_session_account ON account_session(account);
        CREATE TABLE api_token (
            digest TEXT COLLATE "C" PRIMARY KEY, account TEXT COLLATE "C" NOT NULL REFERENCES account(name),
            created BIGINT NOT NULL, expires TEXT COLLATE "C");
        CREATE INDEX api_token_account ON api_token(account);
        CREATE TABLE sign_in_failure (key TEXT COLLATE "C" NOT NULL, at BIGINT NOT NULL);
        CREATE INDEX sign_in_failure_key ON sign_in_failure(key, at);
        CREATE TABLE contract (
            id TEXT COLLATE "C" PRIMARY KEY, vendor TEXT COLLATE "C", number TEXT COLLATE "C",
            start TEXT COLLATE "C", "end" TEXT COLLATE "C", renewal TEXT COLLATE "C", notice_days BIGINT,
            auto_renew BIGINT NOT NULL, owner TEXT COLLATE "C", notes TEXT COLLATE "C",
            batch BIGINT, rowid BIGSERIAL UNIQUE);
        CREATE TABLE contract_document (
            id BIGSERIAL PRIMARY KEY, contract TEXT COLLATE "C" NOT NULL, name TEXT COLLATE "C" NOT NULL,
            sha256 TEXT COLLATE "C" NOT NULL, size BIGINT NOT NULL, added BIGINT NOT NULL,
            actor TEXT COLLATE "C" NOT NULL);
        CREATE INDEX contract_document_contract ON contract_document(contract);
        CREATE TABLE alert_rule (
            id BIGSERIAL PRIMARY KEY, kind TEXT COLLATE "C" NOT NULL, stages TEXT COLLATE "C" NOT NULL,
            threshold DOUBLE PRECISION, channel TEXT COLLATE "C" NOT NULL, target TEXT COLLATE "C" NOT NULL,
            secret TEXT COLLATE "C");
        CREATE TABLE alert_delivery (
            id BIGSERIAL PRIMARY KEY, rule BIGINT NOT NULL, subject TEXT COLLATE "C" NOT NULL,
            stage TEXT COLLATE "C" NOT NULL, key TEXT COLLATE "C" NOT NULL, title TEXT COLLATE "C" NOT NULL,
            text TEXT COLLATE "C" NOT NULL, channel TEXT COLLATE "C" NOT NULL, target TEXT COLLATE "C" NOT NULL,
            secret TEXT COLLATE "C", created BIGINT NOT NULL, status TEXT COLLATE "C" NOT NULL,
            attempts BIGINT NOT NULL, last_error TEXT COLLATE "C", next_attempt BIGINT NOT NULL, sent BIGINT,
            UNIQUE (rule, subject, stage));
        CREATE INDEX alert_delivery_pending ON alert_delivery(status, next_attempt);
        CREATE TABLE exchange_rate (
            currency TEXT COLLATE "C" NOT NULL, date TEXT COLLATE "C" NOT NULL, rate DOUBLE PRECISION NOT NULL,
            batch BIGINT, rowid BIGSERIAL PRIMARY KEY);
        CREATE TABLE reclaim_mark (
            id BIGSERIAL PRIMARY KEY, device TEXT COLLATE "C" NOT NULL, product TEXT COLLATE "C" NOT NULL,
            day TEXT COLLATE "C" NOT NULL, actor TEXT COLLATE "C" NOT NULL, note TEXT COLLATE "C");
        """
}
