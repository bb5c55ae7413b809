/// A table read from CSV as RFC 4180 describes it, and as spreadsheets actually write it.
///
/// Fields in double quotes may hold the delimiter, line breaks, and quotes written twice (`""`). Lines end with
/// CRLF or LF. The text may be UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, or
/// Windows-1252. The delimiter is `,`, `;` (spreadsheets in countries that write decimal commas) or a tab,
/// whichever the header line holds most of outside quotes, or as Excel's first line `sep=;` says. Blank lines are
/// passed over. A quote inside an unquoted field is kept as written (`12" rack`).
public struct CSVTable: Sendable, Equatable {
    /// One record, with the line it starts on.
    public struct Row: Sendable, Equatable {
        /// The line the record starts on, counted from 1 in the file.
        public var line: Int
        /// The fields, as many as the record has.
        public var fields: [String]

        /// A row from its parts.
        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    /// The delimiter the table was read with.
    public var delimiter: Character
    /// The first record: the column names.
    public var header: [String]
    /// The records after the header.
    public var rows: [Row]

    /// Every record, the header first, without line numbers.
    public var records: [[String]] { [header] + rows.map(\.fields) }

    /// Reads a table; `delimiter` overrides the guess. A quoted field that never closes, or text after the quote
    /// that closes a field, is an error naming the line.
    public static func parse(_ bytes: [UInt8], delimiter: Character? = nil) throws(FormatError) -> CSVTable {
        var scalars = Array(InventoryText.decode(bytes).text.unicodeScalars)
        var firstLine = 1
        var chosen = delimiter.flatMap { $0.unicodeScalars.count == 1 ? $0.unicodeScalars.first : nil }
        // Excel's hint line: `sep=;`.
        let hint = scalars.prefix(6).map(Character.init)
        if hint.count >= 5, String(hint.prefix(4)).lowercased() == "sep=" {
            chosen = chosen ?? scalars[4]
            let end = scalars.firstIndex(of: "\n") ?? scalars.count
            scalars.removeSubrange(0..<min(end + 1, scalars.count))
            firstLine = 2
        }
        let separator = chosen ?? guessDelimiter(scalars)
        var scanner = CSVScanner(scalars, delimiter: separator, firstLine: firstLine)
        var records = try scanner.records()
        guard !records.isEmpty else {
            throw .line(number: 1, reason: "the file holds no header line; the first line names the columns")
        }
        let header = records.removeFirst()
        return CSVTable(delimiter: Character(separator), header: header.fields, rows: records)
    }

    /// The delimiter the header line uses most, outside quotes: `,` unless `;` or a tab is more frequent.
    private static func guessDelimiter(_ scalars: [Unicode.Scalar]) -> Unicode.Scalar {
        var counts: [Unicode.Scalar: Int] = [",": 0, ";": 0, "\t": 0]
        var quoted = false
        for scalar in scalars {
            if scalar == "\"" { quoted.toggle() }
            if !quoted && (scalar == "\n" || scalar == "\r") { break }
            if !quoted, counts[scalar] != nil { counts[scalar, default: 0] += 1 }
        }
        let order: [Unicode.Scalar] = [",", ";", "\t"]
        return order.max { counts[$0, default: 0] < counts[$1, default: 0] } ?? ","
    }
}

/// One pass over the characters of a CSV file.
private struct CSVScanner {
    let scalars: [Unicode.Scalar]
    let delimiter: Unicode.Scalar
    var position = 0
    var line: Int

    init(_ scalars: [Unicode.Scalar], delimiter: Unicode.Scalar, firstLine: Int) {
        self.scalars = scalars
        self.delimiter = delimiter
        line = firstLine
    }

    mutating func records() throws(FormatError) -> [CSVTable.Row] {
        var rows: [CSVTable.Row] = []
        while position < scalars.count {
            let start = line
            let fields = try record()
            // A blank line is one empty field; it carries nothing.
            if fields.count == 1 && fields[0].isEmpty { continue }
            rows.append(CSVTable.Row(line: start, fields: fields))
        }
        return rows
    }

    /// Reads one record and the line break after it.
    private mutating func record() throws(FormatError) -> [String] {
        var fields: [String] = []
        while true {
            fields.append(try field(number: fields.count + 1))
            guard position < scalars.count else { return fields }
            let scalar = scalars[position]
            position += 1
            if scalar == delimiter { continue }
            // A line break: CRLF, LF or a lone CR.
            if scalar == "\r", position < scalars.count, scalars[position] == "\n" { position += 1 }
            line += 1
            return fields
        }
    }

    /// Reads one field, stopping before the delimiter or line break that ends it.
    private mutating func field(number: Int) throws(FormatError) -> String {
        var text = String.UnicodeScalarView()
        guard position < scalars.count, scalars[position] == "\"" else {
            while position < scalars.count {
                let scalar = scalars[position]
                if scalar == delimiter || scalar == "\n" || scalar == "\r" { break }
                text.append(scalar)
                position += 1
            }
            return String(text)
        }
        let opened = line
        position += 1
        while true {
            guard position < scalars.count else {
                throw .line(
                    number: opened,
                    reason: "field \(number) opens a quote that never closes; a quote inside a quoted field is "
                        + "written twice (\"\")")
            }
            let scalar = scalars[position]
            position += 1
            if scalar == "\"" {
                if position < scalars.count, scalars[position] == "\"" {
                    text.append("\"")
                    position += 1
                    continue
                }
                break
            }
            if scalar == "\n" || scalar == "\r" && (position >= scalars.count || scalars[position] != "\n") {
                line += 1
            }
            text.append(scalar)
        }
        // Spaces may follow the closing quote; nothing else may.
        while position < scalars.count, scalars[position] == " " && delimiter != " " { position += 1 }
        if position < scalars.count {
            let next = scalars[position]
            guard next == delimiter || next == "\n" || next == "\r" else {
                throw .line(
                    number: line,
                    reason: "field \(number) has text after its closing quote; a quote inside a quoted field is "
                        + "written twice (\"\")")
            }
        }
        return String(text)
    }
}
