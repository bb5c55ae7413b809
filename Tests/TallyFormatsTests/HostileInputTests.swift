import Foundation
import TallyCore
import Testing

@testable import TallyFormats

/// Files from the field and hostile ones: every reader ends in a value or one clear error, never a crash.
@Suite("Hostile input: no crash, no silent misreading")
struct HostileInputTests {
    /// 30,000 nested `[` (60 KB) crashed the GLPI and osquery readers, which skip unknown values recursively.
    @Test("deeply nested JSON is refused by every JSON reader, naming the line and column")
    func deepNesting() {
        let deep =
            Array(repeating: UInt8(ascii: "["), count: 30_000) + Array(repeating: UInt8(ascii: "]"), count: 30_000)
        let inGLPI = Array(#"{"content": {"x": "#.utf8) + deep + Array("}}".utf8)
        let inOsquery = Array(#"[{"name": "a", "x": "#.utf8) + deep + Array("}]".utf8)
        let readers: [(String, () throws(FormatError) -> Void)] = [
            ("glpi", { () throws(FormatError) in _ = try GLPIInventory.parse(inGLPI) }),

            ("osquery", { () throws(FormatError) in _ = try OsqueryResults.parse(inOsquery, device: "x") }),
            ("estate", { () throws(FormatError) in _ = try EstateFile.decode(deep) }),
            ("catalog", { () throws(FormatError) in _ = try CatalogFile.decode(deep) }),
        ]
        for (name, read) in readers {
            do throws(FormatError) {
                try read()
                Issue.record("\(name) accepted 30,000 nested lists")
            } catch {
                #expect(!error.description.isEmpty, "\(name)")
                if name == "glpi" { #expect(error.description.contains("nested more than 128 deep")) }
            }
        }
        let skipped = deep.withUnsafeBufferPointer { buffer -> FormatError? in
            var reader = JSONReader(buffer)
            do throws(FormatError) {
                try reader.skipValue()
                return nil
            } catch {
                return error
            }
        }
        #expect(
            skipped?.description
                == "line 1, column 130: objects and lists are nested more than 128 deep; this is not a file to read")
        // Nesting within the limit still reads: an unknown key of 100 levels in a GLPI inventory is skipped.
        let hundred = Array(repeating: UInt8(ascii: "["), count: 100) + Array(repeating: UInt8(ascii: "]"), count: 100)
        #expect(throws: Never.self) {
            try GLPIInventory.parse(
                Array(#"{"content": {"x": "#.utf8) + hundred + Array(#", "hardware": {"name": "a"}}}"#.utf8))
        }
    }

    static let header = #"{"format": "tally-estate/1", "asOf": "2026-11-29""#

    static func estateFailure(_ text: String) -> String? {
        do {
            _ = try Reconciler.reconcile(try EstateFile.decode(Array(text.utf8)))
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// A price of 1e17 with one uncovered install trapped while printing, after the snapshot was saved.
    @Test("money prints at any magnitude; prices and costs beyond a trillion are refused with their path")
    func money() {
        #expect(PositionTable.money(1e17) == "100,000,000,000,000,000.00")
        #expect(PositionTable.money(-1234.5) == "-1,234.50")
        #expect(PositionTable.money(.infinity) == "-")
        #expect(PositionTable.money(9.2e16 + 0.25) == "92,000,000,000,000,000.00")
        let failure = Self.estateFailure(
            Self.header + #"""
                , "devices": [{"id": "d"}], "products": [{"id": "p", "unitPrice": 1e17}],
                "installations": [{"device": "d", "product": "p"}]}
                """#)
        #expect(failure == "products[0].unitPrice: must be a number from 0 to 1000000000000")
        #expect(
            Self.estateFailure(Self.header + #", "products": [{"id": "p", "unitPrice": 1e999}]}"#)
                == "products[0].unitPrice: the number is out of range")
        var out = JSONWriter()
        out.decimal(.infinity)
        #expect(String(decoding: out.bytes, as: UTF8.self) == "null")
    }

    /// 1,000 devices x 1e6 processors x 1e6 cores under PVU trapped on overflow.
    @Test("hardware beyond any machine is refused; sums that could overflow are checked")
    func hardwareLimits() {
        let failure = Self.estateFailure(
            Self.header + #"""
                , "devices": [{"id": "d", "processors": 1000000, "coresPerProcessor": 1000000}],
                "products": [{"id": "p", "license": {"metric": "pvu"}}], "installations": [{"device": "d", "product": "p"}]}
                """#)
        #expect(failure == "devices[0].processors: must be between 1 and 1024")
        #expect(Limits.add(Limits.totalUnits, 1) == nil && Limits.add(1, 2) == 3)
        #expect(Limits.multiply(Int.max, 2) == nil && Limits.multiply(1 << 30, 1 << 31) == nil)
        #expect(Limits.multiply(1 << 20, 1 << 20) == 1 << 40)
    }

    /// "devices[334].coresPerProcessor" came back for a GLPI file of one machine.
    @Test("a GLPI machine with impossible cores is named by its host name and the file's path")
    func glpiHardware() throws {
        let text = #"{"content": {"hardware": {"name": "ws-7"}, "cpus": [{"core": 99999999, "name": "Xeon"}]}}"#
        let report = try GLPIInventory.parse(Array(text.utf8))
        #expect(report.devices.first?.coresPerProcessor == nil && report.devices.first?.processors == 1)
        #expect(
            report.invalid == [
                .init(location: "content.cpus", reason: "\"ws-7\" has 99999999 cores per processor; expected 1 to 1024")
            ])
    }

    @Test("spreadsheet numbers are read whole or not at all")
    func strictNumbers() {
        for text in ["1e400", "2x500", "12abc34", "$1.2k", "1.2.3", "EUR 12 USD", "12 3 abc"] {
            #expect(CellValue.money(text) == nil, "\(text)")
        }
        let read: [(String, Double)] = [
            ("$1,299.00", 1299), ("1.299,00 €", 1299), ("EUR 12", 12), ("12 EUR", 12), ("CHF 1'299.50", 1299.5),
            ("(12.00)", -12), ("-12", -12), ("-$12", -12), ("1299", 1299), ("12 kr.", 12),
        ]
        for (text, value) in read { #expect(CellValue.money(text) == value, "\(text)") }
        #expect(CellValue.amount("-12") == nil && CellValue.amount("1e13") == nil)
        for text in ["2x500", "1e3", "12abc34", "-3", "many"] { #expect(CellValue.count(text) == nil, "\(text)") }
    }

    @Test("the estate reader refuses a key given twice, a collection given twice, an empty id and invalid UTF-8")
    func strictEstate() {
        #expect(
            Self.estateFailure(Self.header + #", "devices": [{"id": "ws-1", "id": "ws-9"}]}"#)
                == "devices[0].id: given twice; keep one")
        #expect(
            Self.estateFailure(Self.header + #", "devices": [], "devices": [{"id": "a"}]}"#)
                == "devices: given twice; keep one")
        #expect(
            Self.estateFailure(Self.header + #", "devices": [{"id": ""}]}"#) == "devices[0].id: an id cannot be empty")
        var bytes = Array((Self.header + #", "devices": [{"id": "caf"#).utf8)
        bytes += [0xE9] + Array(#""}]}"#.utf8)
        do {
            _ = try EstateFile.decode(bytes)
            Issue.record("invalid UTF-8 was read")
        } catch {
            #expect(error.description.contains("not valid UTF-8"))
        }
        #expect(
            Self.estateFailure(Self.header + #", "entitlements": [{"id": "e", "product": "p", "quantity": 1e999}]}"#)
                == "entitlements[0].quantity: the number is too large")
    }

    /// What PowerShell's `>` writes: UTF-16 little-endian with a byte-order mark.
    static func utf16(_ text: String) -> [UInt8] {
        [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    @Test("UTF-16 reports, logs and estate files are read like UTF-8 ones")
    func utf16Files() throws {
        let lmstat = try LicenseStatusTests.sample("lmstat", "lmstat_app2.txt")
        let fromUTF16 = try LmstatReport.parse(Self.utf16(String(decoding: lmstat, as: UTF8.self)))
        #expect(fromUTF16 == (try LmstatReport.parse(lmstat)))
        let rlm = try LicenseStatusTests.sample("rlm", "rlm_output.txt")
        #expect(
            try RlmstatReport.parse(Self.utf16(String(decoding: rlm, as: UTF8.self))) == (try RlmstatReport.parse(rlm)))
        let log = "9:00:00 (lmgrd) TIMESTAMP 6/9/2022\n9:00:01 (MLM) OUT: \"MATLAB\" ann@pc1\n"
        #expect(try FlexLMLog.parse(Self.utf16(log)).checkouts.count == 1)
        let estate = Self.header + #", "devices": [{"id": "café"}]}"#
        #expect(try EstateFile.decode(Self.utf16(estate)).devices.first?.id == "café")
    }

    @Test("ids are kept in normalization form C: a composed and a decomposed é are one id")
    func normalizedIDs() throws {
        let decomposed = Device.ID("cafe\u{301}"), composed = Device.ID("caf\u{E9}")
        #expect(Array(decomposed.rawValue.utf8) == Array(composed.rawValue.utf8))
        let estate = try EstateFile.decode(
            Array((Self.header + #", "devices": [{"id": "cafe\u0301"}, {"id": "caf\u00e9"}]}"#).utf8))
        #expect(throws: EstateError.self) { try estate.validate() }
    }

    @Test("an lmstat report's date is read or refused with its line; --at stands in for an unreadable one")
    func lmstatDates() throws {
        let bad = "Flexible License Manager status on Fri 2/30/2017 17:02\n\nLicense server status: 27000@h\n"
        do {
            _ = try LmstatReport.parse(Array(bad.utf8))
            Issue.record("a report dated 2/30 was read")
        } catch {
            #expect(error.description.hasPrefix("line 1: \"Fri 2/30/2017 17:02\" is not a date from 1970 to 2099"))
        }
        let far = "Flexible License Manager status on Fri 12/31/9999 17:02\n\nLicense server status: 27000@h\n"
        #expect(throws: FormatError.self) { try LmstatReport.parse(Array(far.utf8)) }
        let at = Instant("2017-10-20T17:00:00Z")
        #expect(try LmstatReport.parse(Array(bad.utf8), at: at).reportedAt == nil)
    }

    @Test("a FlexNet log's dates are read or refused with their line; absurd license counts are not read")
    func flexlmDates() throws {
        for date in ["2/30/2026", "1/1/0001", "1/1/9999"] {
            do {
                _ = try FlexLMLog.parse(Array("9:00:00 (lmgrd) TIMESTAMP \(date)\n9:00:01 (MLM) OUT: \"M\" a@b\n".utf8))
                Issue.record("\(date) was read")
            } catch {
                #expect(error.description.hasPrefix("line 1: \"\(date)\" is not a date from 1970 to 2099"))
            }
        }
        let huge = "9:00:00 (lmgrd) TIMESTAMP 6/9/2022\n9:00:01 (MLM) OUT: \"M\" a@b  (999999999 licenses)\n"
        let report = try FlexLMLog.parse(Array(huge.utf8))
        #expect(report.checkouts.isEmpty && report.ignoredLines["OUT (license count out of range)"] == 1)
    }

    /// `cat old.log new.log`: the clock goes back; the whole import failed on a session ending before it began.
    @Test("a log whose clock goes back ends its open sessions there, goes on, and says where")
    func clockJump() throws {
        let text = [
            "9:00:00 (lmgrd) TIMESTAMP 7/7/2022", "9:10:00 (MLM) OUT: \"M\" ann@pc1",
            "9:20:00 (MLM) OUT: \"M\" bob@pc2",
            "9:30:00 (MLM) IN: \"M\" bob@pc2", "9:40:00 (lmgrd) TIMESTAMP 5/5/2022", "9:41:00 (MLM) OUT: \"M\" cy@pc3",
            "9:45:00 (MLM) IN: \"M\" ann@pc1", "9:50:00 (MLM) IN: \"M\" cy@pc3",
        ].joined(separator: "\n")
        let report = try FlexLMLog.parse(Array(text.utf8))
        #expect(
            report.clockJumps == [
                .init(line: 5, lastBefore: .init("2022-07-07T09:30:00Z")!, firstAfter: .init("2022-05-05T09:40:00Z")!)
            ])
        #expect(report.checkouts.allSatisfy { ($0.end ?? $0.start) >= $0.start })
        let ann = try #require(report.checkouts.first { $0.user == "ann" })
        #expect(ann.end == Instant("2022-07-07T09:30:00Z"))
        #expect(report.ignoredLines["IN without OUT"] == 1)
        #expect(report.checkouts.first { $0.user == "cy" }?.end == Instant("2022-05-05T09:50:00Z"))
    }

    @Test("a column map's error never echoes a huge header whole")
    func hugeHeader() {
        let header = (0..<5_000).map { "column\($0)" + String(repeating: "x", count: 100) }.joined(separator: ",")
        let map = try? ColumnMap.parse("Host=device,Title=name", kind: .installations)
        do {
            _ = try SpreadsheetInventory.installations(Array((header + "\n").utf8), columns: map ?? .sccm)
            Issue.record("a header without the map's columns was read")
        } catch {
            #expect(error.description.count < 1_200)
            #expect(error.description.contains("and 4988 more"))
        }
    }

    @Test("Snipe-IT's own import file is read by the snipeit preset")
    func snipeitImportFile() throws {
        let list = try SpreadsheetInventory.purchases(
            InventorySamples.fixture("snipeit-import-sample.csv"), columns: .snipeit)
        #expect(list.invalid.isEmpty)
        #expect(
            list.rows.first
                == PurchaseRow(
                    product: "Adobe Acrobat Pro DC", publisher: "Adobe", quantity: 25, unitCost: 179.88,
                    start: Day("2024-04-01"), end: Day("2027-03-31"), vendor: "Insight", purchaseOrder: "PO-2024-0412",
                    notes: "Annual subscription", line: 2))
        #expect(list.rows.map(\.purchaseOrder) == ["PO-2024-0412", "SO-49120", "PO-2025-1201"])
        #expect(list.rows.last?.unitCost == 599)
    }

    @Test("usage points for a sparkline are computed in as many spans as it draws, whatever the stretch")
    func sparklineSpans() throws {
        var estate = Estate(asOf: Day("2026-11-29")!)
        estate.products = [Product(id: "m", license: License(metric: .concurrent))]
        estate.usage = [
            UsageSession(
                product: "m", user: "a", start: .init("1971-01-01T00:00:00Z")!, end: .init("1971-01-02T00:00:00Z")),
            UsageSession(
                product: "m", user: "b", start: .init("2099-06-01T00:00:00Z")!, end: .init("2099-06-02T00:00:00Z")),
        ]
        let from = Instant("1971-01-01T00:00:00Z")!, to = Instant("2099-06-03T00:00:00Z")!
        let points = try #require(UsageReport.spanPeaks(estate, products: nil, from: from, to: to, width: 40)["m"])
        #expect(
            points.count <= 40 && points.first == 1 && points.last == 1
                && points.dropFirst().dropLast().allSatisfy { $0 == 0 })
        // On a short stretch the spans are days, as the daily peaks.
        let day = Instant("2099-05-30T00:00:00Z")!
        #expect(
            UsageReport.spanPeaks(estate, products: nil, from: day, to: to, width: 40)["m"]
                == UsageReport.dailyPeaks(estate, product: "m", from: day, to: to))
    }
}
