import Foundation
import TallyCore
import Testing
import ZIPFoundation

@testable import TallyFormats

/// The chargeback as CSV and as a workbook: both sheets there, money cells in cents, text a spreadsheet would run
/// defused.
@Suite("Chargeback output")
struct ChargebackOutputTests {
    /// One department whose name a spreadsheet would run as a formula, a person in it and one in none, a yearly
    /// subscription of 3 units at 100 for the whole of 2026: 100 each to the department, to no department, to unused.
    private func report() throws -> ChargebackReport {
        let estate = Estate(
            asOf: Day("2026-12-31")!, currency: "EUR",
            departments: [Department(id: "ops", name: "=HYPERLINK(\"x\")", costCenter: "CC-9")],
            people: [Person(id: "ann", department: "ops"), Person(id: "ben")],
            devices: [Device(id: "w1", user: "ann"), Device(id: "w2", user: "ben")],
            products: [Product(id: "app", name: "App", license: License(metric: .user))],
            installations: [
                Installation(device: "w1", product: "app", version: nil),
                Installation(device: "w2", product: "app", version: nil),
            ],
            entitlements: [
                Entitlement(
                    id: "S-1", product: "app", quantity: 3, start: Day("2026-01-01"), unitCost: 100, costPeriod: .year)
            ])
        return Chargeback.compute(
            estate: estate, position: try Reconciler.reconcile(estate), period: ChargebackPeriod(year: 2026)!,
            conversion: CurrencyConversion(currency: "EUR", rates: []))
    }

    /// Every file in a ZIP archive, by path.
    private func unpack(_ bytes: [UInt8]) throws -> [String: String] {
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        var files: [String: String] = [:]
        for entry in archive {
            var content: [UInt8] = []
            _ = try archive.extract(entry) { content.append(contentsOf: $0) }
            files[entry.path] = String(decoding: content, as: UTF8.self)
        }
        return files
    }

    @Test("The workbook holds two sheets, By department and Detail, with a header row and money cells")
    func workbook() throws {
        let files = try unpack(try ChargebackOutput.xlsx(try report()))
        let book = try #require(files["xl/workbook.xml"])
        #expect(book.contains(#"name="By department""#) && book.contains(#"name="Detail""#))
        let rows = try #require(files["xl/worksheets/sheet1.xml"])
        #expect(rows.contains(#"<t xml:space="preserve">Department</t>"#) && rows.contains("state=\"frozen\""))
        #expect(rows.contains(#"<t xml:space="preserve">(unused)</t>"#))
        #expect(rows.contains(#"<t xml:space="preserve">Total</t>"#))
        // ops's recurring share (column F of row 2) is a money cell of 100.
        #expect(rows.contains(#"<c r="F2" s="1"><v>100</v></c>"#))
        // The total row (row 5, after ops, no department and unused): 300.
        #expect(rows.contains(#"<c r="G5" s="1"><v>300</v></c>"#))
        let detail = try #require(files["xl/worksheets/sheet2.xml"])
        #expect(detail.contains(#"<t xml:space="preserve">Entitlement</t>"#))
        #expect(detail.contains(#"<t xml:space="preserve">S-1</t>"#))
        #expect(detail.contains(#"<t xml:space="preserve">recurring</t>"#))
    }

    @Test("The CSV gives the rows and the total with cents, defusing a name a spreadsheet would run")
    func csv() throws {
        let text = ChargebackOutput.csv(try report())
        let lines = text.split(separator: "\r\n").map(String.init)
        #expect(lines.first == ChargebackOutput.header.joined(separator: ","))
        #expect(lines[1] == #"ops,"'=HYPERLINK(""x"")",CC-9,,0.00,100.00,100.00,1"#)
        #expect(lines[2] == "(no department),,,,0.00,100.00,100.00,1")
        #expect(lines[3] == "(unused),,,,0.00,100.00,100.00,1")
        #expect(lines[4] == "Total,,,,0.00,300.00,300.00,3")
        let detail = ChargebackOutput.detailCSV(try report()).split(separator: "\r\n")
        #expect(detail.first == "department,product,entitlement,costType,units,cost")
        #expect(detail.contains("(unused),app,S-1,recurring,1,100.00"))
    }
}
