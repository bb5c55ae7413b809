/// Rows written as CSV (RFC 4180: comma-separated, quoted where needed, lines ending in CRLF), for a person to open
/// in a spreadsheet.
///
/// A text cell that a spreadsheet would run as a formula (one beginning with `=`, `+`, `-`, `@`, a tab or a carriage
/// return, and not a number) is written after a `'`, which spreadsheets show rather than run: names and versions come
/// from inventories and license servers, where anyone who names a machine or a program could write one.
public struct CSVWriter: Sendable {
    public private(set) var text: String

    /// A document whose first line names the columns.
    public init(header: [String]) {
        text = ""
        row(header)
    }

    /// Adds one line of cells.
    public mutating func row(_ cells: [String]) {
        text += cells.map(Self.cell).joined(separator: ",") + "\r\n"
    }

    /// The document as UTF-8.
    public var bytes: [UInt8] { Array(text.utf8) }

    /// A cell as written: defused where a spreadsheet would run it, quoted where it holds a comma, a quote or a line
    /// break.
    public static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(text) == nil {
            text = "'" + text
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
