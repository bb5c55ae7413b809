import TallyCore
import Testing

@testable import TallyFormats

/// CSV as RFC 4180 describes it and as spreadsheets write it.
@Suite("Inventory CSV tables")
struct InventoryCSVTests {
    static func table(_ text: String, delimiter: Character? = nil) throws -> CSVTable {
        try CSVTable.parse(Array(text.utf8), delimiter: delimiter)
    }

    @Test("quoted fields hold commas, doubled quotes and line breaks; each row keeps the line it starts on")
    func quoting() throws {
        let table = try Self.table(
            "name,notes,count\r\n\"Visio, Pro\",\"He said \"\"hi\"\"\",1\r\n\"two\r\nlines\",\"\",2\r\nlast,x,3")
        #expect(table.delimiter == ",")
        #expect(table.header == ["name", "notes", "count"])
        #expect(
            table.rows == [
                .init(line: 2, fields: ["Visio, Pro", "He said \"hi\"", "1"]),
                .init(line: 3, fields: ["two\r\nlines", "", "2"]),
                .init(line: 5, fields: ["last", "x", "3"]),
            ])
        #expect(table.records.count == 4)
    }

    @Test("LF endings, a byte-order mark, blank lines and a quote inside an unquoted field")
    func lenientForms() throws {
        let table = try CSVTable.parse([0xEF, 0xBB, 0xBF] + Array("a,b\n\n12\" rack,2\n\n".utf8))
        #expect(table.header == ["a", "b"])
        #expect(table.rows == [.init(line: 3, fields: ["12\" rack", "2"])])
    }

    @Test("the delimiter is guessed from the header line: semicolons and tabs, not the commas of quoted text")
    func delimiterGuess() throws {
        let semicolons = try Self.table("\"Name, full\";Version;Publisher\nVisio;16;Microsoft\n")
        #expect(semicolons.delimiter == ";")
        #expect(semicolons.header == ["Name, full", "Version", "Publisher"])
        #expect(semicolons.rows[0].fields == ["Visio", "16", "Microsoft"])
        let tabs = try Self.table("Name\tVersion\nVisio\t16,0\n")
        #expect(tabs.delimiter == "\t")
        #expect(tabs.rows[0].fields == ["Visio", "16,0"])
        let given = try Self.table("a;b,c\n1;2,3\n", delimiter: ",")
        #expect(given.rows[0].fields == ["1;2", "3"])
    }

    @Test("Excel's sep= line sets the delimiter and is not the header")
    func excelHint() throws {
        let table = try Self.table("sep=;\r\nName;Cost\r\nVisio;1,5\r\n")
        #expect(table.delimiter == ";")
        #expect(table.header == ["Name", "Cost"])
        #expect(table.rows == [.init(line: 3, fields: ["Visio", "1,5"])])
    }

    @Test("UTF-16 with a byte-order mark (Excel's Unicode text) and Windows-1252 (Excel's plain CSV)")
    func encodings() throws {
        let unicode = try CSVTable.parse(InventorySamples.utf16LE("Name\tPublisher\r\nWord\tMicrosoft®\r\n"))
        #expect(unicode.rows[0].fields == ["Word", "Microsoft®"])
        // 0xE9 is é and 0x99 is ™ in Windows-1252; neither is valid UTF-8 alone.
        let ansi = try CSVTable.parse(Array("Name,Publisher\nCaf".utf8) + [0xE9] + Array(",Acme".utf8) + [0x99])
        #expect(ansi.rows[0].fields == ["Café", "Acme™"])
    }

    @Test("a quote that never closes is an error naming the line it opens on")
    func unclosedQuote() {
        let error = InventorySamples.failure { () throws(FormatError) in
            try CSVTable.parse(Array("a,b\n1,2\n3,\"open\n4,5\n".utf8))
        }
        #expect(
            error
                == .line(
                    number: 3,
                    reason: "field 2 opens a quote that never closes; a quote inside a quoted field is written twice "
                        + "(\"\")"))
    }

    @Test("text after a closing quote is an error naming its line")
    func textAfterQuote() {
        let error = InventorySamples.failure { () throws(FormatError) in
            try CSVTable.parse(Array("a,b\n\"x\"y,2\n".utf8))
        }
        #expect(
            error
                == .line(
                    number: 2,
                    reason: "field 1 has text after its closing quote; a quote inside a quoted field is written "
                        + "twice (\"\")"))
    }

    @Test("an empty file has no header")
    func empty() {
        let error = InventorySamples.failure { () throws(FormatError) in try CSVTable.parse(Array("\n\n".utf8)) }
        #expect(error == .line(number: 1, reason: "the file holds no header line; the first line names the columns"))
    }
}
