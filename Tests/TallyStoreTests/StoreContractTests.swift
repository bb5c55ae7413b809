import Foundation
import GRDB
import TallyCore
import TallyStore
import TallyTestSupport
import Testing

@testable import TallyPostgres
@testable import TallySQLite

/// The contract every backend keeps: each store operation, transactions, concurrent writers. A new backend joins
/// `StoreBackend` and must pass every test here unchanged.
@Suite("Store contract")
struct StoreContractTests {
    let day = Day("2026-11-29")!
    let at = Instant("2026-11-29T10:00:00Z")!

    func source(_ name: String = "f.json") -> ImportSource {
        ImportSource(name: name, digest: "d", actor: "tester", at: at)
    }

    /// A small estate with one record of every kind.
    var estate: Estate {
        var estate = Estate(asOf: day, currency: "EUR")
        estate.departments = [Department(id: "eng", name: "Engineering"), Department(id: "ops", parent: "eng")]
        estate.people = [Person(id: "ann", login: "ann", department: "eng"), Person(id: "bob")]
        estate.devices = [
            Device(id: "esx1", processors: 2, coresPerProcessor: 16),
            Device(id: "vm1", kind: .virtual, host: "esx1", vcpus: 4, user: "ann"),
        ]
        estate.products = [
            Product(id: "office", publisher: "Microsoft", name: "Office", components: ["word"]),
            Product(id: "word", publisher: "Microsoft", name: "Word"),
            Product(id: "sql", publisher: "Microsoft", name: "SQL Server", license: License(metric: .core)),
            Product(id: "matlab", license: License(metric: .concurrent)),
        ]
        estate.installations = [
            Installation(device: "vm1", product: "word", version: Version("16.0"), lastSeen: day),
            Installation(device: "vm1", product: "sql", lastSeen: day, source: "sccm"),
        ]
        estate.usage = [
            UsageSession(
                product: "matlab", user: "ann", host: "vm1", start: at, end: Instant("2026-11-29T11:00:00Z"),
                source: "flexlm:lic1")
        ]
        estate.denials = [Denial(product: "matlab", user: "bob", at: at, reason: "no licenses", source: "flexlm:lic1")]
        estate.assignments = [Assignment(product: "office", assignee: .person("ann"))]
        estate.entitlements = [
            Entitlement(id: "E1", product: "office", quantity: 5, unitCost: 300, vendor: "Contoso"),
            Entitlement(id: "E2", product: "sql", quantity: 16, covers: [], scope: "eng", purchaseOrder: "PO-7"),
        ]
        return estate
    }

    /// Writes a whole estate into an empty store as an import does.
    func fill(_ store: any Store, with estate: Estate) async throws {
        try await store.write { writer throws in
            let batch = try writer.openBatch(source(), mode: "replace")
            func all<R: StoredRecord>(_ records: [R]) throws {
                try writer.apply(Changes.replacing([], with: records), batch: batch, day: day) { _ in }
            }
            try all(estate.departments)
            try all(estate.people)
            try all(estate.devices)
            try all(estate.products)
            try all(estate.installations)
            try all(estate.usage)
            try all(estate.denials)
            try all(estate.assignments)
            try all(estate.entitlements)
            try writer.setSuites(estate.products)
            try writer.setCurrency(estate.currency)
            try writer.closeBatch(batch, counts: ImportCounts(inserted: 14), origin: nil)
        }
    }

    @Test("an estate written collection by collection reads back equal", arguments: StoreBackend.allCases)
    func roundTrip(_ backend: StoreBackend) async throws {
        let store = try backend.open()
        try await fill(store, with: estate)
        let read = try await store.read { try $0.estate(asOf: day) }
        #expect(read == estate)
        let batches = try await store.read { try $0.batches(PageRequest()) }
        #expect(batches.total == 1 && batches.items.first?.counts.inserted == 14)
    }

    @Test("records fetched by id, with components and covers; missing ones are nil", arguments: StoreBackend.allCases)
    func fetchByID(_ backend: StoreBackend) async throws {
        let store = try backend.open()
        try await fill(store, with: estate)
        try await store.read { reader throws in
            #expect(try reader.product("office")?.components == ["word"])
            #expect(try reader.product("nope") == nil)
            #expect(try reader.entitlement("E2")?.scope == "eng")
            #expect(try reader.device("vm1")?.host == "esx1")
            #expect(try reader.person("ann")?.department == "eng")
            #expect(try reader.department("ops")?.parent == "eng")
            #expect(try reader.virtualMachines(on: "esx1") == ["vm1"])
            #expect(try reader.count(of: Assignment(product: "office", assignee: .person("ann"))) == 1)
            #expect(try reader.entitlements(touching: "sql").map(\.id) == ["E2"])
        }
    }

    @Test("writes per entity change one record and leave the rest", arguments: StoreBackend.allCases)
    func writesPerEntity(_ backend: StoreBackend) async throws {
        let store = try backend.open()
        try await fill(store, with: estate)
        try await store.write { writer throws in
            try writer.insert(Entitlement(id: "E3", product: "sql", quantity: 8, covers: ["sql"]))
            var e1 = try #require(try writer.entitlement("E1"))
            e1.quantity = 6
            try writer.update(e1)
            var word = try #require(try writer.product("word"))
            word.name = "Microsoft Word"
            try writer.update(word)
            try writer.insert(Product(id: "visio"))
            var vm = try #require(try writer.device("vm1"))
            vm.vcpus = 8
            try writer.update(vm)
            try writer.insert(Device(id: "ws9"))
            var bob = try #require(try writer.person("bob"))
            bob.retired = day
            bob.active = false
            try writer.update(bob)
            try writer.insert(Assignment(product: "visio", assignee: .device("ws9")))
            try writer.delete(Assignment(product: "office", assignee: .person("ann")))
        }
        let read = try await store.read { try $0.estate(asOf: day) }
        #expect(read.entitlements.map(\.quantity) == [6, 16, 8])
        #expect(read.entitlements.last?.covers == ["sql"])
        #expect(read.products.first { $0.id == "word" }?.name == "Microsoft Word")
        #expect(read.products.first { $0.id == "office" }?.components == ["word"])
        #expect(read.devices.map(\.id) == ["esx1", "vm1", "ws9"] && read.devices[1].vcpus == 8)
        #expect(read.people.last?.retired == day)
        #expect(read.assignments == [Assignment(product: "visio", assignee: .device("ws9"))])
        #expect(read.installations == estate.installations)
    }

    @Test("changes update and remove records by their stored position", arguments: StoreBackend.allCases)
    func changesByPosition(_ backend: StoreBackend) async throws {
        let store = try backend.open()
        try await fill(store, with: estate)
        var next = estate.installations
        next[0].lastSeen = day.adding(days: 1)
        next.remove(at: 1)
        next.append(Installation(device: "esx1", product: "sql", lastSeen: day))
        let changes = Changes.replacing(estate.installations, with: next)
        #expect(changes.counts == ImportCounts(inserted: 1, updated: 1, unchanged: 0, removed: 1))
        try await store.write { writer throws in
            let batch = try writer.openBatch(source(), mode: "replace")
            try writer.apply(changes, batch: batch, day: day) { _ in }
        }
        #expect(try await store.read { try $0.estate(asOf: day) }.installations == next)
    }

    @Test("a transaction that fails, or a dry run, changes nothing", arguments: StoreBackend.allCases)
    func rollback(_ backend: StoreBackend) async throws {
        struct Stop: Error {}
        let store = try backend.open()
        try await fill(store, with: estate)
        await #expect(throws: Stop.self) {
            try await store.write { writer throws in
                try writer.insert(Product(id: "half"))
                try writer.markChanged()
                throw Stop()
            }
        }
        let generation = try await store.read { try $0.generation() }
        try await store.write(rollback: true) { writer in
            try writer.insert(Product(id: "dry"))
            try writer.markChanged()
        }
        let products = try await store.read { try $0.estate(asOf: day) }.products.map(\.id)
        #expect(!products.contains("half") && !products.contains("dry"))
        #expect(try await store.read { try $0.generation() } == generation)
    }

    @Test(
        "concurrent writers each commit whole; readers see no half-written transaction",
        arguments: StoreBackend.allCases)
    func concurrentWriters(_ backend: StoreBackend) async throws {
        let store = try backend.open()
        try await fill(store, with: estate)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<24 {
                group.addTask {
                    try await store.write { writer throws in
                        try writer.insert(Product(id: Product.ID("p\(i)")))
                        try writer.insert(
                            Entitlement(id: Entitlement.ID("e\(i)"), product: Product.ID("p\(i)"), quantity: i))
                        try writer.markChanged()
                    }
                }
                group.addTask {
                    let estate = try await store.read { try $0.estate(asOf: day) }
                    let products = Set(estate.products.map(\.id))
                    // Every entitlement read has its product: no transaction is seen half done.
                    #expect(estate.entitlements.allSatisfy { products.contains($0.product) })
                }
            }
            try await group.waitForAll()
        }
        let read = try await store.read { try $0.estate(asOf: day) }
        #expect(read.products.count == estate.products.count + 24 && read.entitlements.count == 26)
        #expect(try await store.read { try $0.generation() } >= 25)
    }

    @Test("lists are paged, searched, filtered and ordered", arguments: StoreBackend.allCases)
    func lists(_ backend: StoreBackend) async throws {
        let store = try backend.open()
        try await fill(store, with: estate)
        try await store.read { reader throws in
            let page = try reader.products(ProductQuery(page: PageRequest(offset: 1, limit: 2)))
            #expect(page.total == 4 && page.items.map(\.product.id) == ["office", "sql"])
            #expect(try reader.products(ProductQuery(search: "sql")).items.map(\.product.id) == ["sql"])
            #expect(try reader.products(ProductQuery(metric: .concurrent)).items.map(\.product.id) == ["matlab"])
            #expect(try reader.products(ProductQuery(search: "%")).total == 0)
            #expect(try reader.entitlements(EntitlementQuery(search: "contoso")).items.map(\.id) == ["E1"])
            #expect(try reader.entitlements(EntitlementQuery(product: "sql")).items.map(\.id) == ["E2"])
            #expect(try reader.devices(RecordQuery(search: "vm")).items.map(\.id) == ["vm1"])
            #expect(try reader.people(RecordQuery(page: PageRequest(limit: 1))).total == 2)
        }
        try await store.write { writer in
            try writer.insert(Entitlement(id: "E8", product: "sql", quantity: 1, end: Day("2027-01-31")))
            try writer.insert(Entitlement(id: "E9", product: "sql", quantity: 1, end: Day("2027-03-01")))
        }
        let ending = try await store.read { reader in
            try reader.entitlements(EntitlementQuery(ending: Day("2027-01-01")!...Day("2027-02-28")!)).items.map(\.id)
        }
        #expect(ending == ["E8"])
    }

    @Test(
        "snapshots keep positions by generation; the latest position's figures list with products",
        arguments: StoreBackend.allCases)
    func snapshots(_ backend: StoreBackend) async throws {
        let store = try backend.open()
        try await fill(store, with: estate)
        let reconciliation = try Reconciler.reconcile(estate)
        let first = try await store.write { writer throws in
            try writer.markChanged()
            return try writer.insertSnapshot(
                reconciliation, takenAt: at, generation: try writer.generation(), automatic: false)
        }
        try await store.write { writer throws in
            _ = try writer.insertSnapshot(
                reconciliation, takenAt: at, generation: try writer.generation(), automatic: true)
            _ = try writer.insertSnapshot(
                reconciliation, takenAt: at, generation: try writer.generation(), automatic: true)
        }
        try await store.read { reader throws in
            let history = try reader.snapshots(product: "sql")
            // The second automatic snapshot of the day replaced the first.
            #expect(history.map(\.automatic) == [false, true] && history.first?.id == first)
            #expect(history.last?.position?.demand == reconciliation.positions.first { $0.product == "sql" }?.demand)
            let mark = try #require(try reader.latestSnapshot())
            #expect(mark.generation == (try reader.generation()) && mark.asOf == day)
            let sql = try reader.products(ProductQuery(search: "sql")).items.first
            #expect(sql?.position?.status == reconciliation.positions.first { $0.product == "sql" }?.status.rawValue)
        }
    }

    @Test("audit entries are appended, chained and verified; the head is kept apart", arguments: StoreBackend.allCases)
    func audit(_ backend: StoreBackend) async throws {
        let store = try backend.open()
        for i in 1...3 {
            try await store.write { writer throws in
                try writer.appendAudit(
                    AuditChange(entity: "product", id: "p\(i)", action: "add", before: nil, after: "{}"),
                    actor: "ann", at: at)
            }
        }
        try await store.read { reader throws in
            let entries = try reader.auditEntries(entity: nil, id: nil)
            #expect(entries.map(\.sequence) == [1, 2, 3] && entries[1].previousHash == entries[0].hash)
            #expect(try reader.auditEntries(entity: "product", id: "p2").count == 1)
            #expect(try reader.auditHead().recorded == 3)
            #expect(AuditChain.verify(entries, head: 3, key: nil) == .intact(entries: 3))
            #expect(AuditChain.verify(Array(entries.dropLast()), head: 3, key: nil).isBroken)
        }
    }

    @Test("license-server records: feature map, moves, samples and pools", arguments: StoreBackend.allCases)
    func licenseServers(_ backend: StoreBackend) async throws {
        let store = try backend.open()
        var withFeature = estate
        withFeature.products.append(Product(id: "MLM:MATLAB", license: License(metric: .concurrent)))
        withFeature.usage[0].product = "MLM:MATLAB"
        withFeature.usage[0].feature = "MLM:MATLAB"
        try await fill(store, with: withFeature)
        let pool = ServerPool(
            server: "lic1", vendor: "MLM", feature: "MLM:MATLAB", product: "MLM:MATLAB", version: "1", issued: 10,
            inUse: 1, reserved: 0, expires: nil, sampledAt: at)
        try await store.write { writer throws in
            let batch = try writer.openBatch(source("lmstat.txt"), mode: "merge")
            try writer.recordSample(server: "lic1", at: at, batch: batch, pools: [pool])
            try writer.closeBatch(batch, counts: ImportCounts(), origin: "flexlm:lic1 (UTC)")
        }
        try await store.write { writer throws in
            try writer.setFeatureMapping("MLM:MATLAB", to: "matlab")
            #expect(try writer.moveFeature("MLM:MATLAB", to: "matlab") == 2)
            #expect(try writer.deleteProductIfUnreferenced("MLM:MATLAB"))
            #expect(try !writer.deleteProductIfUnreferenced("matlab"))
        }
        try await store.read { reader throws in
            #expect(try reader.featureMap() == ["MLM:MATLAB": "matlab"])
            #expect(try reader.serverPools().map(\.product) == ["matlab"])
            #expect(try reader.lastSamples() == ["lic1": at])
            #expect(try reader.batch(digest: "d", otherThan: "flexlm:lic2 (UTC)")?.id == 2)
            #expect(try reader.batch(digest: "d", otherThan: "flexlm:lic1 (UTC)") == nil)
            #expect(try reader.estate(asOf: day).usage.map(\.product) == ["matlab"])
        }
    }

    @Test(
        "provenance: installations and sessions of some products with their batch, batches by id, publishers",
        arguments: StoreBackend.allCases)
    func provenance(_ backend: StoreBackend) async throws {
        let store = try backend.open()
        var withOracle = estate
        withOracle.products.append(Product(id: "ora", publisher: "Oracle", license: License(metric: .core)))
        withOracle.installations.append(Installation(device: "esx1", product: "ora", removed: day))
        try await fill(store, with: withOracle)
        let second = try await store.write { writer throws in
            let batch = try writer.openBatch(source("later.json"), mode: "merge")
            try writer.apply(
                Changes.replacing([], with: [Installation(device: "vm1", product: "ora", lastSeen: day)]),
                batch: batch, day: day
            ) { _ in }
            try writer.closeBatch(batch, counts: ImportCounts(inserted: 1), origin: nil)
            return batch
        }
        try await store.read { reader throws in
            #expect(try reader.publishers() == ["Microsoft", "Oracle"])
            let installed = try reader.installations(of: ["ora", "sql"])
            #expect(
                installed.map { "\($0.installation.device) \($0.installation.product)" } == [
                    "esx1 ora", "vm1 ora", "vm1 sql",
                ])
            #expect(installed.map(\.batch) == [1, second, 1])
            #expect(installed[0].installation.removed == day && installed[0].firstSeen == day)
            #expect(installed[2].installation.source == "sccm")
            #expect(try reader.installations(of: []).isEmpty)
            let sessions = try reader.usage(of: ["matlab"])
            #expect(sessions.map(\.session) == estate.usage && sessions.map(\.batch) == [1])
            #expect(try reader.usage(of: ["ora"]).isEmpty)
            let batches = try reader.batches(ids: [second, 1, 99])
            #expect(batches.map(\.id) == [1, second] && batches.map(\.source) == ["f.json", "later.json"])
        }
    }

    @Test("inventory evidence: titles, sightings, evidence and derived installations", arguments: StoreBackend.allCases)
    func evidence(_ backend: StoreBackend) async throws {
        let store = try backend.open()
        try await fill(store, with: estate)
        let visio = TitleKey(
            publisher: "Microsoft Corporation", name: "Microsoft Visio Professional 2016", version: "16.0")
        let free = TitleKey(publisher: "", name: "7-Zip", version: "")
        try await store.write { writer throws in
            try writer.insert(Product(id: "visio"))
            let batch = try writer.openBatch(source("inventory"), mode: "inventory:osquery")
            let a = try writer.insertTitle(
                visio, outcome: TitleOutcome(kind: "product", product: "visio", version: "2016", rule: nil))
            let b = try writer.insertTitle(
                free, outcome: TitleOutcome(kind: "unrecognized", product: nil, version: nil, rule: nil))
            try writer.insertSightings(
                [
                    NewSighting(device: "vm1", source: "osquery", title: a, installed: nil, day: day),
                    NewSighting(device: "vm1", source: "osquery", title: b, installed: nil, day: day),
                ], batch: batch)
            try writer.updateTitle(b, outcome: TitleOutcome(kind: "ignored", product: nil, version: nil, rule: "free"))
            let derived = Installation(
                device: "vm1", product: "visio", version: Version("2016"), lastSeen: day, source: "inventory:osquery")
            try writer.replaceDerivedInstallations(
                of: ["vm1"], with: [DerivedInstallation(installation: derived, firstSeen: day)], batch: batch)
        }
        let later = day.adding(days: 7)
        try await store.write { writer throws in
            let batch = try writer.openBatch(source("inventory"), mode: "inventory:osquery")
            let current = try writer.currentSightings(source: "osquery")["vm1"] ?? [:]
            #expect(current.count == 2)
            let seven = try #require(try writer.titles().first { $0.key == free })
            try writer.removeSightings([try #require(current[seven.id]).id], on: later, batch: batch)
            try writer.touchSightings(device: "vm1", source: "osquery", on: later, batch: batch)
        }
        try await store.read { reader throws in
            #expect(try reader.titles().map(\.outcome.kind) == ["product", "ignored"])
            #expect(try reader.devicesWithEvidence() == ["vm1"])
            let evidence = try reader.evidence(on: ["vm1"], excluding: nil)
            #expect(evidence.map(\.product) == ["visio"] && evidence.first?.lastSeen == later)
            let sightings = try reader.sightings(on: "vm1")
            #expect(sightings.map(\.name) == ["Microsoft Visio Professional 2016", "7-Zip"])
            #expect(sightings.last?.removed == later && sightings.last?.lastSeen == day)
            #expect(try reader.estate(asOf: day).installations.filter { $0.product == "visio" }.count == 1)
            #expect(try reader.unrecognized(limit: 5).isEmpty)
        }
    }
}

extension AuditVerification {
    var isBroken: Bool {
        if case .broken = self { return true }
        return false
    }
}

extension StoreContractTests {
    @Test(
        "a large installation table read in two halves at once reads back whole and in order",
        arguments: StoreBackend.allCases.filter { $0 != .sqliteMemory })
    func parallelRead(_ backend: StoreBackend) async throws {
        let store = try backend.open()
        let day = Day("2026-11-29")!
        var estate = Estate(asOf: day)
        estate.devices = (0..<500).map { Device(id: Device.ID("ws-\($0)")) }
        estate.products = (0..<50).map { Product(id: Product.ID("p\($0)")) }
        // SQLite reads in halves from 200,000 rows; the scratch PostgreSQL stores from 1,000.
        let count = backend == .sqliteFile ? 250_000 : 25_000
        estate.installations = (0..<count).map { i in
            Installation(
                device: Device.ID("ws-\(i % 500)"), product: Product.ID("p\(i / 500 % 50)"),
                version: i % 3 == 0 ? nil : Version("\(i % 7).0"),
                installed: i % 5 == 0 ? day.adding(days: -i % 900) : nil,
                lastSeen: day, source: i % 2 == 0 ? "sccm" : nil)
        }
        let written = estate
        try await store.write { writer throws in
            let estate = written
            let batch = try writer.openBatch(
                ImportSource(name: "f", digest: "d", actor: "t", at: day.start), mode: "replace")
            try writer.apply(Changes.replacing([], with: estate.devices), batch: batch, day: day) { _ in }
            try writer.apply(Changes.replacing([], with: estate.products), batch: batch, day: day) { _ in }
            try writer.apply(Changes.replacing([], with: estate.installations), batch: batch, day: day) { _ in }
        }
        let read = try await store.read { try $0.estate(asOf: day) }
        #expect(read.installations.count == estate.installations.count)
        #expect(read.installations == estate.installations)
        let table = try await store.read { try $0.estateForReconciling(asOf: day).installations }
        #expect(table.device.count == estate.installations.count)
        #expect(table == InstallationTable(estate.installations))
    }

}

/// The backends the contract runs against.
enum StoreBackend: String, CaseIterable, CustomStringConvertible {
    case sqliteMemory, sqliteFile, postgres

    /// SQLite always; PostgreSQL where `TALLY_TEST_POSTGRES` names a server to make scratch databases on.
    static var allCases: [StoreBackend] {
        [.sqliteMemory, .sqliteFile] + (PostgresScratch.server == nil ? [] : [.postgres])
    }

    var description: String { rawValue }

    func open() throws -> any Store {
        switch self {
        case .sqliteMemory:
            return try SQLiteStore()
        case .sqliteFile:
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("tally-contract-\(UUID().uuidString).sqlite").path
            return try SQLiteStore(path: path)
        case .postgres:
            return try PostgresScratch.store()
        }
    }
}

/// What only the SQLite backend does.
@Suite("SQLite backend")
struct SQLiteBackendTests {
    @Test("a writable store an earlier Tally wrote is brought up to date when opened for reading")
    func olderStoreRead() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tally-\(UUID().uuidString).sqlite")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let older = try DatabaseQueue(path: path)
        try SQLiteStore.migrator.migrate(older, upTo: "v6: where a license-server log's batch came from")
        try older.close()
        // The generation counter came after v6: reading it needs the store migrated.
        let reader = try SQLiteStore(path: path, access: .readOnly)
        #expect(try await reader.read { try $0.generation() } >= 1)
    }

    @Test("a store a newer Tally wrote is refused for writing, naming both schemas, and still read")
    func newerStore() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tally-\(UUID().uuidString).sqlite")
            .path
        _ = try SQLiteStore(path: path)
        let raw = try DatabaseQueue(path: path)
        try await raw.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: the future')")
        }
        do {
            _ = try SQLiteStore(path: path)
            Issue.record("a newer store was opened for writing")
        } catch {
            #expect(error.description.contains("written by a newer Tally (schema \"v99: the future\")"))
            #expect(error.description.contains("knows schemas up to \"v"))
        }
        let reader = try SQLiteStore(path: path, access: .readOnly)
        #expect(try await reader.read { try $0.generation() } >= 1)
    }

    @Test("a reader opens while another process writes, and a store opened for reading refuses writes")
    func readersDoNotWait() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tally-\(UUID().uuidString).sqlite")
            .path
        _ = try SQLiteStore(path: path)
        var holding = Configuration()
        holding.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: path, configuration: holding)
        try await other.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        // The write lock is held throughout: a reader that waited for it would fail, busy.
        let reader = try SQLiteStore(path: path, access: .readOnly, lockTimeout: 1)
        #expect(try await reader.read { try $0.generation() } >= 1)
        await #expect(throws: TallyError.self) { try await reader.write { try $0.markChanged() } }
        try await other.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
    }
}
