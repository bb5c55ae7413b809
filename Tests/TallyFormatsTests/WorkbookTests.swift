import Foundation
import Testing
import ZIPFoundation

@testable import TallyFormats

/// Workbooks written as .xlsx and files packed as ZIP, read back with ZIPFoundation as another program would:
/// the parts are there, text is escaped, hostile names and paths are made safe or refused.
@Suite("Workbook and ZIP pack")
struct WorkbookTests {
    /// Every file in a ZIP archive, in the order the archive holds them.
    private func unpack(_ bytes: [UInt8]) throws -> [(path: String, bytes: [UInt8])] {
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        var files: [(path: String, bytes: [UInt8])] = []
        for entry in archive {
            var content: [UInt8] = []
            _ = try archive.extract(entry) { content.append(contentsOf: $0) }
            files.append((entry.path, content))
        }
        return files
    }

    /// The text of one part of an .xlsx.
    private func part(_ path: String, of workbook: Workbook) throws -> String {
        let files = try unpack(try workbook.xlsx())
        let file = try #require(files.first { $0.path == path }, "no part \(path)")
        return String(decoding: file.bytes, as: UTF8.self)
    }

    private let licences = Workbook.Sheet(
        name: "Positions",
        rows: [
            [.text("Product"), .text("Owned"), .text("Price"), .text("Use")],
            [.text(#"Visio <Pro> & "Std""#), .number(25), .money(1299.5), .percent(0.125)],
        ],
        columnWidths: [30, 10.5])

    @Test("The .xlsx opens again with ZIPFoundation and holds every part, compressed, in order")
    func parts() throws {
        let workbook = Workbook(sheets: [licences, Workbook.Sheet(name: "Devices", rows: [[.text("ws-1")]])])
        let bytes = try workbook.xlsx()
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        #expect(
            archive.map(\.path) == [
                "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "xl/workbook.xml",
                "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
            ])
        #expect(archive.allSatisfy { $0.type == .file && $0.isCompressed })
        #expect(try unpack(bytes).allSatisfy { String(validating: $0.bytes, as: UTF8.self) != nil })
        let types = try part("[Content_Types].xml", of: workbook)
        #expect(types.contains(#"PartName="/xl/worksheets/sheet2.xml""#))
        let relations = try part("xl/_rels/workbook.xml.rels", of: workbook)
        #expect(relations.contains(#"Id="rId2""#) && relations.contains(#"Target="worksheets/sheet2.xml""#))
        #expect(relations.contains(#"Id="rId3""#) && relations.contains(#"Target="styles.xml""#))
        #expect(try workbook.xlsx() == bytes, "the same workbook gives the same bytes")
    }

    @Test("Sheet XML holds the escaped text, the numbers with their formats, the bold header and the frozen pane")
    func sheetXML() throws {
        let xml = try part("xl/worksheets/sheet1.xml", of: Workbook(sheets: [licences]))
        #expect(xml.contains(#"<c r="A1" s="3" t="inlineStr"><is><t xml:space="preserve">Product</t></is></c>"#))
        #expect(xml.contains("Visio &lt;Pro&gt; &amp; &quot;Std&quot;"))
        #expect(xml.contains(#"<c r="B2"><v>25</v></c>"#))
        #expect(xml.contains(#"<c r="C2" s="1"><v>1299.5</v></c>"#))
        #expect(xml.contains(#"<c r="D2" s="2"><v>0.125</v></c>"#))
        #expect(xml.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        #expect(xml.contains(#"<col min="2" max="2" width="10.5" customWidth="1"/>"#))
        let styles = try part("xl/styles.xml", of: Workbook(sheets: [licences]))
        #expect(styles.contains(##"<numFmt numFmtId="164" formatCode="#,##0.00"/>"##))
        #expect(styles.contains(#"<numFmt numFmtId="165" formatCode="0.0%"/>"#))
        #expect(styles.contains("<font><b/>"))
        #expect(styles.contains(#"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#))
    }

    @Test("Without a header row nothing is bold or frozen")
    func noHeader() throws {
        let sheet = Workbook.Sheet(name: "Data", rows: [[.text("a"), .money(1)]], hasHeaderRow: false)
        let xml = try part("xl/worksheets/sheet1.xml", of: Workbook(sheets: [sheet]))
        #expect(!xml.contains("<pane"))
        #expect(xml.contains(#"<c r="A1" t="inlineStr">"#) && xml.contains(#"<c r="B1" s="1"><v>1</v></c>"#))
    }

    @Test("Columns are lettered A to Z, then AA, AB... as far as Excel's XFD")
    func columnLetters() throws {
        let names = [0, 1, 25, 26, 27, 51, 52, 701, 702, 16_383].map(Workbook.columnName)
        #expect(names == ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD"])
        let row = (0..<28).map { Workbook.Cell.number(Double($0)) }
        let xml = try part("xl/worksheets/sheet1.xml", of: Workbook(sheets: [.init(name: "Wide", rows: [row])]))
        #expect(xml.contains(#"<c r="Z1" s="3"><v>25</v></c><c r="AA1" s="3"><v>26</v></c>"#))
        #expect(xml.contains(#"<c r="AB1" s="3"><v>27</v></c></row>"#))
    }

    @Test("Hostile tab names become names Excel accepts: no [ ] : * ? / \\, at most 31 long, unique in any case")
    func tabNames() throws {
        let x40 = String(repeating: "x", count: 40)
        let y31 = String(repeating: "y", count: 31)
        let names = Workbook.tabNames([
            #"a/b\c:d*e?f[g]"#, "", "  ", "History", "'Q1'", x40, "Costs", "COSTS", "costs", y31, y31,
            "bell\u{7}\u{0}", "日本語😀",
        ])
        let expected = [
            "a_b_c_d_e_f_g_", "Sheet2", "Sheet3", "History_", "Q1", String(x40.prefix(31)), "Costs", "COSTS (2)",
            "costs (3)", y31, y31.prefix(27) + " (2)", "bell", "日本語😀",
        ]
        #expect(names == expected)
        let workbook = Workbook(sheets: [.init(name: #"R&D <"2026">"#, rows: [])])
        #expect(try part("xl/workbook.xml", of: workbook).contains(#"name="R&amp;D &lt;&quot;2026&quot;&gt;""#))
    }

    @Test("Characters XML cannot hold are dropped; tab, line feed and carriage return are kept")
    func controlCharacters() throws {
        let sheet = Workbook.Sheet(name: "T", rows: [[.text("a\u{0}b\u{1B}c\td\r\ne\u{FFFE}f")]], hasHeaderRow: false)
        let xml = try part("xl/worksheets/sheet1.xml", of: Workbook(sheets: [sheet]))
        #expect(xml.contains("<t xml:space=\"preserve\">abc\td&#13;\nef</t>"))
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
    }

    @Test("Numbers that are not finite leave their cells empty rather than write nan or inf")
    func nonFinite() throws {
        let row: [Workbook.Cell] = [.number(.nan), .money(.infinity), .percent(-.infinity), .number(2), .empty]
        let xml = try part("xl/worksheets/sheet1.xml", of: Workbook(sheets: [.init(name: "N", rows: [row])]))
        #expect(xml.contains(#"<row r="1"><c r="D1" s="3"><v>2</v></c></row>"#))
        #expect(!xml.contains("nan") && !xml.contains("inf"))
    }

    @Test("Text past Excel's 32,767 characters a cell is cut there")
    func longText() throws {
        let sheet = Workbook.Sheet(name: "L", rows: [[.text(String(repeating: "x", count: 40_000))]])
        let xml = try part("xl/worksheets/sheet1.xml", of: Workbook(sheets: [sheet]))
        #expect(xml.contains(">" + String(repeating: "x", count: 32_767) + "<"))
    }

    @Test("A workbook with no sheet, or a row wider than Excel's 16,384 columns, is refused")
    func refusedWorkbooks() {
        #expect(throws: FormatError.field(path: "sheets", reason: "a workbook needs at least one sheet")) {
            try Workbook(sheets: []).xlsx()
        }
        let wide = Array(repeating: Workbook.Cell.number(1), count: 16_385)
        #expect(throws: FormatError.self) { try Workbook(sheets: [.init(name: "W", rows: [wide])]).xlsx() }
    }

    @Test(
        "Paths that could unpack outside the folder are refused",
        arguments: [
            "../x", "a/../b", "a/..", "./a", "/etc/passwd", #"a\b"#, #"..\x"#, "C:x", "c:/x", "a//b", "a/", "",
            "a\u{0}b", "a\nb",
        ])
    func unsafePaths(path: String) {
        var pack = ZipPack()
        #expect(throws: FormatError.self) { try pack.add(path: path, bytes: [1]) }
        #expect(pack.paths.isEmpty)
    }

    @Test("A path already in the pack, in any case, or as a folder, is refused")
    func duplicatePaths() throws {
        var pack = ZipPack()
        try pack.add(path: "evidence/report.csv", bytes: [1])
        #expect(throws: FormatError.self) { try pack.add(path: "evidence/report.csv", bytes: [2]) }
        #expect(throws: FormatError.self) { try pack.add(path: "Evidence/REPORT.csv", bytes: [2]) }
        #expect(throws: FormatError.self) { try pack.add(path: "evidence", bytes: [2]) }
        #expect(throws: FormatError.self) { try pack.add(path: "evidence/report.csv/x", bytes: [2]) }
        try pack.add(path: "evidence/report.csv.1", bytes: [3])
        #expect(pack.paths == ["evidence/report.csv", "evidence/report.csv.1"])
    }

    @Test("A 2 MB file, an empty one and a unicode name round-trip in the order added, with a fixed date")
    func roundTrip() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let big = (0..<2 * 1024 * 1024).map { index -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Half noise and half runs, so that deflate has something to do and something it cannot shrink.
            return index % 4096 < 2048 ? UInt8(truncatingIfNeeded: state >> 56) : UInt8(index / 4096 % 256)
        }
        var pack = ZipPack()
        try pack.add(path: "documents/contract.pdf", bytes: big)
        try pack.add(path: "empty.txt", bytes: [])
        try pack.add(path: "Prüfung/東京 übersicht.html", bytes: Array("<p>ok</p>".utf8))
        let bytes = try pack.archive()
        let files = try unpack(bytes)
        #expect(files.map(\.path) == ["documents/contract.pdf", "empty.txt", "Prüfung/東京 übersicht.html"])
        #expect(files[0].bytes == big)
        #expect(files[1].bytes.isEmpty)
        #expect(files[2].bytes == Array("<p>ok</p>".utf8))
        #expect(bytes.count < big.count, "the runs are compressed")
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        let dates = archive.compactMap { $0.fileAttributes[.modificationDate] as? Date }
        #expect(dates == Array(repeating: Date(timeIntervalSince1970: 315_532_800), count: 3))
        #expect(try pack.archive() == bytes, "the same files give the same bytes")
    }
}
