import Foundation
import TallyCore
import TallyFormats
import TallyStore
import Testing

@testable import TallyApp
@testable import TallySQLite

/// The evidence pack handed to a publisher's auditor, on a small estate worked by hand: Oracle Database on two
/// servers (2 x 8 cores and 1 x 4 cores at a core factor of 0.5: 8 + 2 = 10 processor licenses) with one purchase of 8
/// under a contract that has its ordering document; Oracle Forms used once on a license server with nothing bought;
/// WebLogic, bought and installed nowhere; SQL Server on one of the servers, which is not Oracle's.
@Suite("Audit evidence pack")
struct AuditPackTests {
    private let ana = Caller("ana")
    private let today = Day("2026-11-29")!
    private let document = Array("%PDF-1.7 Oracle ordering document, CSI 4711".utf8)

    private var estate: Estate {
        Estate(
            asOf: today, currency: "EUR",
            departments: [Department(id: "dba", name: "Database administration")],
            people: [Person(id: "eve", login: "eve")],
            devices: [
                Device(id: "db1", processors: 2, coresPerProcessor: 8, department: "dba"),
                Device(id: "db2", processors: 1, coresPerProcessor: 4),
            ],
            products: [
                Product(
                    id: "oracle-db-ee", publisher: "Oracle", name: "Database Enterprise Edition",
                    license: License(metric: .core, coreFactor: .value(0.5)), unitPrice: 47_500),
                Product(
                    id: "oracle-forms", publisher: "Oracle", name: "Forms & Reports",
                    license: License(metric: .concurrent)),
                Product(id: "weblogic", publisher: "oracle", name: "WebLogic Server"),
                Product(id: "sql-std", publisher: "Microsoft", name: "SQL Server Standard"),
            ],
            installations: [
                Installation(device: "db1", product: "oracle-db-ee", version: Version("19c"), source: "sccm"),
                Installation(device: "db2", product: "oracle-db-ee", installed: Day("2026-10-01"), source: "sccm"),
                Installation(device: "db1", product: "sql-std"),
            ],
            usage: [
                UsageSession(
                    product: "oracle-forms", user: "eve", host: "pc7", start: Instant("2026-11-20T09:00:00Z")!,
                    end: Instant("2026-11-20T17:00:00Z")!, source: "flexlm:lic1")
            ],
            entitlements: [
                Entitlement(
                    id: "ORA-PO-1", product: "oracle-db-ee", quantity: 8, start: Day("2026-01-01"), unitCost: 47_500,
                    vendor: "Oracle", contract: "ORA-CSI-4711", purchaseOrder: "PO-88"),
                Entitlement(id: "MS-1", product: "sql-std", quantity: 1, contract: "EA-1"),
            ],
            contracts: [
                Contract(id: "ORA-CSI-4711", vendor: "Oracle", number: "4711", start: Day("2026-01-01")),
                Contract(id: "EA-1", vendor: "SoftwareONE"),
            ])
    }

    /// The estate imported from a file, as a license manager does, and the contract's document attached.
    private func store() async throws -> (Operations, Upload) {
        let store = try SQLiteStore()
        let operations = store.operations()
        let file = Upload(name: "oracle-estate.json", bytes: EstateFile.encode(estate))
        _ = try await operations.importEstate(file, mode: .replace, dryRun: false, by: ana)
        _ = try await operations.attachDocument(
            to: "ORA-CSI-4711", Upload(name: "scans/Ordering Document.pdf", bytes: document), by: ana)
        return (operations, file)
    }

    private func text(_ pack: AuditPack, _ path: String) throws -> String {
        let file = try #require(pack.files.first { $0.path == path }, "\(path) is in the pack")
        return String(decoding: file.bytes, as: UTF8.self)
    }

    /// A CSV file's lines after its header, each split at its commas (the test's values hold none).
    private func rows(_ pack: AuditPack, _ path: String) throws -> [[String]] {
        try text(pack, path).split(separator: "\r\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    @Test("The pack holds exactly its files, README and summary first, SHA256SUMS over all of them last")
    func files() async throws {
        let (operations, _) = try await store()
        let pack = try await operations.auditPack(publisher: "Oracle")
        #expect(
            pack.files.map(\.path) == [
                "README.txt", "summary.html", "positions.csv", "consumers.csv", "entitlements.csv", "contracts.csv",
                "documents.csv", "evidence.csv", "usage.csv", "imports.csv", "audit.txt",
                "documents/ORA-CSI-4711/Ordering Document.pdf", "SHA256SUMS",
            ])
        #expect(pack.name == "tally-audit-oracle-2026-11-29")
        let sums = try text(pack, "SHA256SUMS").split(separator: "\n").map(String.init)
        #expect(sums == pack.files.dropLast().map { "\($0.sha256)  \($0.path)" })
        // The summary lists every file but itself and SHA256SUMS, with its digest.
        let summary = try text(pack, "summary.html")
        for file in pack.files where file.path != "summary.html" && file.path != "SHA256SUMS" {
            #expect(
                summary.contains("<td>\(file.path)</td><td class=\"n\">\(PositionTable.grouped(file.bytes.count))</td>")
            )
            #expect(summary.contains(file.sha256))
        }
        #expect(!summary.contains("<script") && !summary.contains("javascript:"))
    }

    @Test("The figures are the position's, worked by hand: 10 licenses needed, 8 bought, 2 short at 47,500")
    func figures() async throws {
        let (operations, _) = try await store()
        let pack = try await operations.auditPack(publisher: "oracle")
        #expect(pack.publisher == "Oracle")
        let position = try await operations.reconcile(asOf: today, save: false).reconciliation
        let database = try #require(position.positions.first { $0.product == "oracle-db-ee" })
        #expect(database.demand == 10 && database.covered == 8 && database.shortfall == 2)
        #expect(database.exposure == 95_000 && database.status == .under)
        let positions = try rows(pack, "positions.csv")
        #expect(
            positions.map { $0[0] } == ["oracle-db-ee", "oracle-forms"],
            "WebLogic has no position, SQL Server is not Oracle's")
        #expect(Array(positions[0][5...13]) == ["10", "8", "2", "8", "0", "47500", "95000", "0", "under"])
        // Forms: one session in the window, nothing bought, no price: its exposure is unknown, not 0.
        #expect(Array(positions[1][5...13]) == ["1", "0", "1", "0", "0", "", "", "0", "under"])
        let summary = try text(pack, "summary.html")
        #expect(summary.contains("<td class=\"n\">10</td><td class=\"n\">8</td>"))
        #expect(summary.contains(#"id="total-exposure">95,000.00<"#))
        #expect(summary.contains("1 product(s) in shortfall have no known price"))
        #expect(summary.contains("No position on this day (no demand, no active entitlement of its own): weblogic."))
        #expect(summary.contains("<li>Core factor: 0.5</li>"))
        // Text from the store is escaped.
        #expect(summary.contains("Forms &amp; Reports") && !summary.contains("Forms & Reports"))

        let consumers = try rows(pack, "consumers.csv")
        #expect(consumers.map { $0[1] } == ["device:db1", "device:db2", "pool"])
        #expect(consumers.map { Int($0[2]) } == [8, 2, 1])
        #expect(consumers.reduce(0) { $0 + Int($1[5])! } == 3)
        #expect(consumers[0][6] == "dba" && consumers[0][7] == "Database administration")
        let entitlements = try rows(pack, "entitlements.csv")
        #expect(entitlements.count == 1 && entitlements[0][0] == "ORA-PO-1")
        // used, unused, unit cost, currency, contract, order.
        #expect(entitlements[0][6] == "8" && entitlements[0][7] == "0" && entitlements[0][13] == "47500")
        #expect(entitlements[0][14] == "EUR" && entitlements[0][18] == "ORA-CSI-4711" && entitlements[0][19] == "PO-88")
        #expect(try rows(pack, "contracts.csv").map { $0[0] } == ["ORA-CSI-4711"])
    }

    @Test("evidence.csv names the batch and the SHA-256 of the file each installation was imported from")
    func evidence() async throws {
        let (operations, file) = try await store()
        let pack = try await operations.auditPack(publisher: "Oracle")
        let batch = ["1", "oracle-estate.json", file.digest, testSource.at.description, "ana"]
        let evidence = try rows(pack, "evidence.csv")
        #expect(evidence.map { $0[0] + " " + $0[1] } == ["db1 oracle-db-ee", "db2 oracle-db-ee"])
        #expect(evidence.allSatisfy { Array($0.suffix(5)) == batch })
        #expect(evidence[0][2] == "19c" && evidence[0][9] == "sccm" && evidence[1][3] == "2026-10-01")
        let usage = try rows(pack, "usage.csv")
        #expect(usage.count == 1 && usage[0][0] == "oracle-forms" && usage[0][1] == "eve")
        #expect(Array(usage[0].suffix(5)) == batch)
        let imports = try rows(pack, "imports.csv")
        #expect(imports.count == 1 && Array(imports[0][0...4]) == batch)
        let audit = try text(pack, "audit.txt")
        let head = try #require(try await operations.auditHead())
        #expect(audit.contains("entries: \(head.sequence)\n") && audit.contains("head hash: \(head.hash)\n"))
        #expect(audit.contains("result: The audit trail is intact: 2 entries"))
        #expect(try text(pack, "summary.html").contains(head.hash))
    }

    @Test("A document is the bytes attached, under a safe name, with the digest recorded")
    func documents() async throws {
        let (operations, _) = try await store()
        let pack = try await operations.auditPack(publisher: "Oracle")
        let file = try #require(pack.files.first { $0.path.hasPrefix("documents/") })
        #expect(file.bytes == document && file.sha256 == AuditChain.digest(document))
        let listed = try rows(pack, "documents.csv")
        #expect(listed.count == 1 && listed[0][2] == file.path && listed[0][3] == file.sha256)
        #expect(try rows(pack, "contracts.csv")[0].last == file.path)
    }

    @Test("A document whose stored bytes changed fails the pack, naming it")
    func changedDocument() async throws {
        let (operations, _) = try await store()
        let folder = operations.store.documentFolder
        let stored = (folder as NSString).appendingPathComponent(AuditChain.digest(document))
        try Data("forged".utf8).write(to: URL(fileURLWithPath: stored))
        let error = await failure { _ = try await operations.auditPack(publisher: "Oracle") }
        #expect(error?.contains("was changed after it was attached") == true)
    }

    @Test("As of an earlier day, the pack counts the estate as it was: db2 was not installed yet")
    func earlierDay() async throws {
        let (operations, _) = try await store()
        let pack = try await operations.auditPack(publisher: "Oracle", asOf: Day("2026-09-01"))
        #expect(pack.name == "tally-audit-oracle-2026-09-01")
        let database = try #require(try rows(pack, "positions.csv").first)
        #expect(Array(database[5...7]) == ["8", "8", "0"])
        let evidence = try rows(pack, "evidence.csv")
        #expect(evidence.map { $0[8] } == ["true", "false"], "db2's installation is kept as evidence, not counted")
    }

    @Test("An unknown publisher is refused and nothing is written")
    func unknownPublisher() async throws {
        let (operations, _) = try await store()
        let before = try await operations.store.read { (try $0.generation(), try $0.auditHead().last?.hash) }
        await #expect(throws: TallyError.notFound(kind: "publisher", id: "Orcle")) {
            _ = try await operations.auditPack(publisher: " Orcle ")
        }
        #expect(try await operations.publishers() == ["Microsoft", "Oracle"])
        let after = try await operations.store.read { (try $0.generation(), try $0.auditHead().last?.hash) }
        #expect(before == after)
    }

    @Test("Written to a folder or a ZIP file, whole; a folder that is not empty or a file that exists is refused")
    func writing() async throws {
        let (operations, _) = try await store()
        let pack = try await operations.auditPack(publisher: "Oracle")
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("tally-pack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }

        let folder = base.appendingPathComponent("pack").path
        try pack.write(to: folder, replace: false)
        for file in pack.files {
            let written = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(file.path))
            #expect(written.map([UInt8].init) == file.bytes, "\(file.path)")
        }
        // Again: refused, and with replace, replaced.
        #expect(throws: TallyError.conflict("\(folder): is a folder that holds an audit pack already")) {
            try pack.write(to: folder, replace: false)
        }
        try pack.write(to: folder, replace: true)

        let zip = base.appendingPathComponent("pack.zip").path
        try pack.write(to: zip, replace: false)
        #expect(FileManager.default.contents(atPath: zip).map([UInt8].init) == (try pack.zip()))
        #expect(throws: TallyError.conflict("\(zip): exists already")) { try pack.write(to: zip, replace: false) }

        // A folder holding anything else is never replaced, even when asked, and is left as it was.
        let other = base.appendingPathComponent("notes").path
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: (other as NSString).appendingPathComponent("a.txt")))
        for replace in [false, true] {
            #expect(throws: TallyError.self) { try pack.write(to: other, replace: replace) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: other) == ["a.txt"])
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: base.path)) == ["pack", "pack.zip", "notes"])
        // An empty folder takes the pack.
        let empty = base.appendingPathComponent("empty").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        try pack.write(to: empty, replace: false)
        #expect(FileManager.default.fileExists(atPath: (empty as NSString).appendingPathComponent("SHA256SUMS")))
    }

    @Test("Names of documents are made safe to unpack anywhere, and distinct whatever their case")
    func safeNames() {
        var paths = PackPaths()
        #expect(paths.document("../../etc/passwd", of: "C/1") == "documents/C_1/_.._etc_passwd")
        #expect(paths.document("order.pdf", of: "C/1") == "documents/C_1/order.pdf")
        #expect(paths.document("ORDER.pdf", of: "C/1") == "documents/C_1/ORDER-2.pdf")
        #expect(paths.document("con.txt", of: "c_1") == "documents/c_1-2/_con.txt")
        #expect(paths.document("..", of: ".") == "documents/contract/document")
        #expect(paths.document("a\u{0}b:c*?.pdf ", of: "x") == "documents/x/a_b_c__.pdf")
        #expect(paths.document("Angebot Müller.pdf", of: "x") == "documents/x/Angebot Müller.pdf")
    }
}
