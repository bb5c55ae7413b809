/// Writing a workbook as an Office Open XML spreadsheet (.xlsx), the format Excel, LibreOffice and Numbers open.
///
/// Text is written in each cell as an inline string (`t="inlineStr"`), not in a shared-strings part: one pass, and
/// every sheet reads on its own. Text loses the characters XML 1.0 cannot hold (control characters other than tab,
/// line feed and carriage return), and is cut at Excel's 32,767 characters a cell. A number that is not finite
/// leaves its cell empty. Tab names are made ones Excel accepts (see `tabNames`).
extension Workbook {
    /// The most rows and columns a sheet can have in Excel.
    static let maxRows = 1_048_576
    static let maxColumns = 16_384
    /// The most characters (UTF-16 code units) Excel keeps in a cell, and in a tab name.
    static let maxCellLength = 32_767
    static let maxTabNameLength = 31

    /// The workbook as the bytes of an .xlsx file; a workbook with no sheet, or a sheet past Excel's 1,048,576
    /// rows or 16,384 columns, is refused.
    public func xlsx() throws(FormatError) -> [UInt8] {
        guard !sheets.isEmpty else {
            throw .field(path: "sheets", reason: "a workbook needs at least one sheet")
        }
        let names = Self.tabNames(sheets.map(\.name))
        var pack = ZipPack()
        try pack.add(path: "[Content_Types].xml", bytes: Array(contentTypesXML().utf8))
        try pack.add(path: "_rels/.rels", bytes: Array(Self.packageRelationshipsXML.utf8))
        try pack.add(path: "docProps/core.xml", bytes: Array(Self.corePropertiesXML.utf8))
        try pack.add(path: "xl/workbook.xml", bytes: Array(Self.workbookXML(names).utf8))
        try pack.add(path: "xl/_rels/workbook.xml.rels", bytes: Array(workbookRelationshipsXML().utf8))
        try pack.add(path: "xl/styles.xml", bytes: Array(Self.stylesXML.utf8))
        for (index, sheet) in sheets.enumerated() {
            let xml = try Self.worksheetXML(sheet, index: index, name: names[index])
            try pack.add(path: "xl/worksheets/sheet\(index + 1).xml", bytes: Array(xml.utf8))
        }
        return try pack.archive()
    }

    /// Tab names Excel accepts, one for each name given and in the same order: without `[ ] : * ? / \` (each
    /// becomes `_`) or control characters, not starting or ending with `'`, not empty (`Sheet3`), not `History`,
    /// at most 31 characters, and unique regardless of case (a repeat gets ` (2)`, ` (3)`...).
    static func tabNames(_ names: [String]) -> [String] {
        var taken: Set<String> = []
        var result: [String] = []
        for (index, name) in names.enumerated() {
            var scalars = String.UnicodeScalarView()
            for scalar in XMLText.allowed(name).unicodeScalars where scalar.value >= 0x20 {
                scalars.append("[]:*?/\\".unicodeScalars.contains(scalar) ? "_" : scalar)
            }
            var base = String(scalars)
            while base.hasPrefix("'") { base.removeFirst() }
            while base.hasSuffix("'") { base.removeLast() }
            if base.allSatisfy(\.isWhitespace) { base = "Sheet\(index + 1)" }
            if base.lowercased() == "history" { base += "_" }
            base = base.prefix(utf16Units: maxTabNameLength)
            var candidate = base
            var count = 1
            while taken.contains(candidate.lowercased()) {
                count += 1
                let suffix = " (\(count))"
                candidate = base.prefix(utf16Units: maxTabNameLength - suffix.utf16.count) + suffix
            }
            taken.insert(candidate.lowercased())
            result.append(candidate)
        }
        return result
    }

    /// `A` for the first column (0), `Z` for the 26th, then `AA`, `AB`... as in the cell reference `AB12`.
    static func columnName(_ column: Int) -> String {
        var number = column + 1
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            number = (number - 1) / 26
        }
        return String(letters.reversed())
    }

    // MARK: Parts

    private static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    private static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let packageRelationshipNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"

    /// `[Content_Types].xml`: the media type of every part.
    private func contentTypesXML() -> String {
        let office = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        var xml = Self.declaration
        xml += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        xml += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        xml += #"<Default Extension="xml" ContentType="application/xml"/>"#
        xml += #"<Override PartName="/xl/workbook.xml" ContentType="\#(office).sheet.main+xml"/>"#
        xml += #"<Override PartName="/xl/styles.xml" ContentType="\#(office).styles+xml"/>"#
        for index in sheets.indices {
            xml += #"<Override PartName="/xl/worksheets/sheet\#(index + 1).xml""#
            xml += #" ContentType="\#(office).worksheet+xml"/>"#
        }
        xml += #"<Override PartName="/docProps/core.xml""#
        xml += #" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#
        return xml + "</Types>"
    }

    /// `_rels/.rels`: where the workbook and the document properties are.
    private static var packageRelationshipsXML: String {
        var xml = declaration + #"<Relationships xmlns="\#(packageRelationshipNamespace)">"#
        xml += #"<Relationship Id="rId1" Type="\#(relationshipNamespace)/officeDocument" Target="xl/workbook.xml"/>"#
        xml += #"<Relationship Id="rId2""#
        xml += #" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties""#
        xml += #" Target="docProps/core.xml"/>"#
        return xml + "</Relationships>"
    }

    /// `docProps/core.xml`: who made the file; no date, so the same workbook always gives the same bytes.
    private static var corePropertiesXML: String {
        declaration + #"<cp:coreProperties"#
            + #" xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties""#
            + #" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Tally</dc:creator></cp:coreProperties>"#
    }

    /// `xl/workbook.xml`: the tabs, in order.
    private static func workbookXML(_ names: [String]) -> String {
        var xml = declaration + #"<workbook xmlns="\#(mainNamespace)" xmlns:r="\#(relationshipNamespace)">"#
        xml += #"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
        for (index, name) in names.enumerated() {
            xml += #"<sheet name="\#(XMLText.escaped(name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }
        return xml + "</sheets></workbook>"
    }

    /// `xl/_rels/workbook.xml.rels`: where each sheet and the styles are; `rId1`... are the sheets in order.
    private func workbookRelationshipsXML() -> String {
        var xml = Self.declaration + #"<Relationships xmlns="\#(Self.packageRelationshipNamespace)">"#
        for index in sheets.indices {
            xml += #"<Relationship Id="rId\#(index + 1)" Type="\#(Self.relationshipNamespace)/worksheet""#
            xml += #" Target="worksheets/sheet\#(index + 1).xml"/>"#
        }
        xml += #"<Relationship Id="rId\#(sheets.count + 1)" Type="\#(Self.relationshipNamespace)/styles""#
        xml += #" Target="styles.xml"/>"#
        return xml + "</Relationships>"
    }

    /// `xl/styles.xml`. The cell formats (`s=`) are: 0 general, 1 money, 2 percent, and 3, 4, 5 the same in bold.
    private static var stylesXML: String {
        var xml = declaration + #"<styleSheet xmlns="\#(mainNamespace)">"#
        xml += ##"<numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.00"/>"##
        xml += #"<numFmt numFmtId="165" formatCode="0.0%"/></numFmts>"#
        xml += #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
        xml += #"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"#
        xml += #"<fills count="2"><fill><patternFill patternType="none"/></fill>"#
        xml += #"<fill><patternFill patternType="gray125"/></fill></fills>"#
        xml += #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        xml += #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        xml += #"<cellXfs count="6">"#
        for font in 0...1 {
            for format in [0, 164, 165] {
                xml += #"<xf numFmtId="\#(format)" fontId="\#(font)" fillId="0" borderId="0" xfId="0""#
                xml += format == 0 ? "" : #" applyNumberFormat="1""#
                xml += font == 0 ? "/>" : #" applyFont="1"/>"#
            }
        }
        xml += #"</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        return xml + "</styleSheet>"
    }

    /// `xl/worksheets/sheetN.xml`: the view (header frozen), the column widths and the cells.
    private static func worksheetXML(_ sheet: Sheet, index: Int, name: String) throws(FormatError) -> String {
        guard sheet.rows.count <= maxRows else {
            throw .field(
                path: "sheet \"\(name)\"",
                reason: "has \(sheet.rows.count) rows; a spreadsheet holds at most \(maxRows), so split it")
        }
        if let widest = sheet.rows.map(\.count).max(), widest > maxColumns {
            throw .field(
                path: "sheet \"\(name)\"",
                reason: "has a row of \(widest) cells; a spreadsheet holds at most \(maxColumns) columns")
        }
        var xml = declaration + #"<worksheet xmlns="\#(mainNamespace)" xmlns:r="\#(relationshipNamespace)">"#
        xml += #"<sheetViews><sheetView workbookViewId="0"\#(index == 0 ? #" tabSelected="1""# : "")>"#
        if sheet.hasHeaderRow && !sheet.rows.isEmpty {
            xml += #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        }
        xml += "</sheetView></sheetViews>"
        xml += columnsXML(sheet.columnWidths ?? [])
        xml += "<sheetData>"
        for (rowIndex, row) in sheet.rows.enumerated() {
            let bold = sheet.hasHeaderRow && rowIndex == 0
            var cells = ""
            for (column, cell) in row.enumerated() {
                cells += cellXML(cell, reference: "\(columnName(column))\(rowIndex + 1)", bold: bold)
            }
            if !cells.isEmpty {
                xml += #"<row r="\#(rowIndex + 1)">"# + cells + "</row>"
            }
        }
        return xml + "</sheetData></worksheet>"
    }

    /// `<cols>` for the widths that are finite and above zero (at most Excel's 255), or nothing.
    private static func columnsXML(_ widths: [Double]) -> String {
        var columns = ""
        for (column, width) in widths.prefix(maxColumns).enumerated() where width.isFinite && width > 0 {
            let number = column + 1
            columns += #"<col min="\#(number)" max="\#(number)" width="\#(min(width, 255))" customWidth="1"/>"#
        }
        return columns.isEmpty ? "" : "<cols>" + columns + "</cols>"
    }

    /// One `<c>` element, or nothing for an empty cell, empty text or a number that is not finite.
    private static func cellXML(_ cell: Cell, reference: String, bold: Bool) -> String {
        let boldOffset = bold ? 3 : 0
        func style(_ format: Int) -> String {
            format + boldOffset == 0 ? "" : #" s="\#(format + boldOffset)""#
        }
        func number(_ value: Double, format: Int) -> String {
            guard value.isFinite else { return "" }
            // Whole numbers as `25`, not `25.0`; beyond 2^53 a Double is no longer exact, so its own text is kept.
            let text = value.rounded() == value && abs(value) < 9e15 ? String(Int64(value)) : "\(value)"
            return #"<c r="\#(reference)"\#(style(format))><v>\#(text)</v></c>"#
        }
        switch cell {
        case .text(let text):
            let kept = XMLText.allowed(text).prefix(utf16Units: maxCellLength)
            guard !kept.isEmpty else { return "" }
            return #"<c r="\#(reference)"\#(style(0)) t="inlineStr"><is><t xml:space="preserve">"#
                + XMLText.escaped(kept) + "</t></is></c>"
        case .number(let value): return number(value, format: 0)
        case .money(let value): return number(value, format: 1)
        case .percent(let value): return number(value, format: 2)
        case .empty: return ""
        }
    }
}

/// Text made safe to put between XML tags or in a quoted attribute.
enum XMLText {
    /// The text without the characters XML 1.0 cannot hold: control characters other than tab, line feed and
    /// carriage return, and U+FFFE and U+FFFF.
    static func allowed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.contains(where: { !isAllowed($0) }) else { return text }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars.filter(isAllowed))
        return String(kept)
    }

    /// The text with `& < > "` written as entities, a carriage return as `&#13;` (a parser would otherwise turn
    /// it into a line feed), and the characters XML cannot hold left out.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars where isAllowed(scalar) {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0..<0x20, 0xFFFE, 0xFFFF: return false
        default: return true
        }
    }
}

extension String {
    /// The longest prefix of whole characters that is at most `limit` UTF-16 code units, as Excel counts length.
    fileprivate func prefix(utf16Units limit: Int) -> String {
        guard utf16.count > limit else { return self }
        var length = 0
        var end = startIndex
        for character in self {
            length += character.utf16.count
            guard length <= limit else { break }
            end = index(after: end)
        }
        return String(self[..<end])
    }
}
