import Foundation
import TallyCore
import TallyFormats
import TallyStore
import Testing

@testable import TallyApp
@testable import TallySQLite

/// Contracts as the license manager keeps them: records of the estate that group entitlements, documents kept
/// beside the store, and the renewals they lead to.
@Suite("Contracts and renewals")
struct ContractTests {
    private let who = Caller("ana")
    /// 2026-11-29 10:00.
    private let today = Day("2026-11-29")!

    /// A store with two products and their purchases under one contract renewing on 2026-12-20.
    private func estate() -> Estate {
        Estate(
            asOf: today, currency: "EUR",
            devices: (1...5).map { Device(id: .init("pc\($0)")) },
            products: [
                Product(id: "ide", name: "IDE", license: License(metric: .device)),
                Product(id: "viz", name: "Viz", license: License(metric: .device)),
            ],
            installations: (1...3).map { Installation(device: .init("pc\($0)"), product: "ide") }
                + (1...5).map { Installation(device: .init("pc\($0)"), product: "viz") },
            entitlements: [
                // 3 used of 5: renew 3, save 2 x 100 a year.
                Entitlement(id: "E1", product: "ide", quantity: 5, unitCost: 100, costPeriod: .year, contract: "C1"),
                // 5 used of 4: short 1, renew 5, one more at 10 a month.
                Entitlement(id: "E2", product: "viz", quantity: 4, unitCost: 10, costPeriod: .month, contract: "C1"),
                // Not started yet, and ends on its own day, beyond the window.
                Entitlement(
                    id: "E3", product: "viz", quantity: 1, start: Day("2027-01-01"), end: Day("2027-06-30"),
                    unitCost: 10, costPeriod: .month),
            ],
            contracts: [
                Contract(
                    id: "C1", vendor: "Contoso", end: Day("2026-12-20"), noticeDays: 30, autoRenew: true,
                    owner: "ana@example.com")
            ])
    }

    @Test("Renewals: entitlements renew with their contract; the advice and its money are worked by hand")
    func renewals() async throws {
        let store = try SQLiteStore()
        try await store.importEstate(estate(), mode: .replace)
        let operations = store.operations()
        let (lines, currency) = try await operations.renewals(within: 90)
        #expect(currency == "EUR")
        #expect(lines.map(\.id) == ["C1", "E1", "E2"])
        let contract = lines[0], ide = lines[1], viz = lines[2]
        // 2026-12-20 minus 30 days: 2026-11-20, before today.
        #expect(contract.noticeDeadline == Day("2026-11-20") && contract.noticePassed && contract.autoRenew)
        #expect(ide.ends == Day("2026-12-20") && ide.owned == 5 && ide.used == 3)
        #expect(ide.advice == .renewFewer && ide.renewUnits == 3 && ide.annualCost == 500 && ide.saving == 200)
        #expect(viz.owned == 4 && viz.used == 4 && viz.advice == .renewMore && viz.renewUnits == 5)
        // 4 units at 10 a month: 480 a year; one more costs 120 a year.
        #expect(viz.annualCost == 480 && viz.saving == -120)
        #expect(contract.annualCost == 980 && contract.saving == 80 && contract.advice == .renewMore)
        #expect(
            RenewalOutput.sentence(ide, currency: "EUR")
                == "ide (E1) renews 2026-12-20 (notice was due 2026-11-20): 5 owned, 3 used - renew 3, save 200.00 EUR a year"
        )
        #expect(try await operations.renewals(within: 10).renewals.isEmpty)
    }

    @Test("A renewal ordered already sets the price of renewing")
    func renewalPrice() async throws {
        var estate = estate()
        estate.entitlements.append(
            Entitlement(
                id: "E1-next", product: "ide", quantity: 5, start: Day("2026-12-21"), unitCost: 120, costPeriod: .year,
                contract: "C1"))
        let store = try SQLiteStore()
        try await store.importEstate(estate, mode: .replace)
        let lines = try await store.operations().renewals(within: 90).renewals
        #expect(!lines.contains { $0.id == "E1-next" })
        let ide = try #require(lines.first { $0.id == "E1" })
        // 5 at 120 a year to renew; renewing the 3 used saves 2 x 120.
        #expect(ide.annualCost == 600 && ide.saving == 240 && ide.renewUnits == 3)
    }

    @Test("A contract is added, edited and exported with the estate; wrong terms are refused by field")
    func contractRecord() async throws {
        let store = try SQLiteStore()
        try await store.importEstate(estate(), mode: .replace)
        let operations = store.operations()
        var change = ContractChange()
        change.noticeDays = 60
        change.cleared = [.owner]
        let edited = try await operations.editContract("C1", change, by: who)
        #expect(edited.noticeDays == 60 && edited.owner == nil && edited.vendor == "Contoso")
        await #expect(
            throws: TallyError.invalid(path: "contract \"C2\" end", reason: "2026-01-01 is before the start 2026-06-01")
        ) {
            try await operations.addContract(
                Contract(id: "C2", start: Day("2026-06-01"), end: Day("2026-01-01")), by: who)
        }
        await #expect(throws: TallyError.conflict("contract \"C1\" already exists")) {
            try await operations.addContract(Contract(id: "C1"), by: who)
        }
        let exported = try await operations.exportEstate()
        #expect(exported.contracts.map(\.id) == ["C1"] && exported.contracts[0].noticeDays == 60)
        let text = String(decoding: EstateFile.encode(exported), as: UTF8.self)
        #expect(text.contains(#""contracts": ["#) && text.contains(#""noticeDays": 60"#))
        #expect(try EstateFile.decode(EstateFile.encode(exported)).contracts == exported.contracts)
        #expect(try await operations.auditLog(entity: "contract").map(\.action) == ["edit"])
        #expect(try await operations.verifyAuditTrail() == .intact(entries: 2))
    }

    @Test("A document is kept beside the store under its SHA-256, audited, and read back only as it was attached")
    func documents() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tally-\(UUID().uuidString).sqlite")
            .path
        let store = try SQLiteStore(path: path)
        try await store.importEstate(estate(), mode: .replace)
        let operations = store.operations()
        let bytes = Array("%PDF-1.7 the signed order".utf8)
        let document = try await operations.attachDocument(
            to: "C1", Upload(name: "../../orders/C1 order.pdf", bytes: bytes), by: who)
        #expect(document.name == "C1 order.pdf" && document.size == bytes.count)
        #expect(document.sha256 == AuditChain.digest(bytes))
        let file = path + ".documents/" + document.sha256
        #expect(FileManager.default.contents(atPath: file).map([UInt8].init) == bytes)
        #expect(try await operations.document(document.id).bytes == bytes)
        #expect(try await operations.documents(of: "C1").map(\.id) == [document.id])
        #expect(try await operations.auditLog(entity: "contract").last?.action == "attach")
        await #expect(throws: TallyError.notFound(kind: "contract", id: "C9")) {
            try await operations.attachDocument(to: "C9", Upload(name: "x", bytes: bytes), by: who)
        }
        // A file changed behind the store's back is refused, not served.
        try Data("%PDF-1.7 another order".utf8).write(to: URL(fileURLWithPath: file))
        await #expect(throws: TallyError.self) { try await operations.document(document.id) }
        #expect(try await operations.verifyAuditTrail() == .intact(entries: 2))
    }
}
