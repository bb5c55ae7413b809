/// A spreadsheet to hand to a person (an auditor, a finance team): named sheets of rows of typed cells.
///
/// The model holds what a report needs and no more: text, plain numbers, amounts of money and percentages, a bold
/// header row that stays in view while scrolling, and column widths. `xlsx()` writes it as an Excel workbook.
public struct Workbook: Sendable, Equatable {
    /// One tab of a workbook.
    public struct Sheet: Sendable, Equatable {
        /// The tab's name; the writer replaces what Excel forbids (`[]:*?/\`), cuts it to 31 characters and
        /// numbers a repeat (`Costs (2)`).
        public var name: String
        /// The rows from the top, each its cells from the left; rows may differ in length.
        public var rows: [[Cell]]
        /// Widths of the first columns in characters of the default font; `nil` leaves every column at its default.
        public var columnWidths: [Double]?
        /// Whether the first row names the columns: it is then bold and frozen at the top while scrolling.
        public var hasHeaderRow: Bool

        /// A sheet from its parts; by default the first row is a header and columns keep their default width.
        public init(name: String, rows: [[Cell]], columnWidths: [Double]? = nil, hasHeaderRow: Bool = true) {
            self.name = name
            self.rows = rows
            self.columnWidths = columnWidths
            self.hasHeaderRow = hasHeaderRow
        }
    }

    /// One cell's value and how it is shown.
    public enum Cell: Sendable, Equatable {
        /// Text, shown as written.
        case text(String)
        /// A number in the general format (`12`, `0.5`).
        case number(Double)
        /// An amount of money, shown with two decimals and thousands grouped (`1,299.00`); the value is kept whole.
        case money(Double)
        /// A fraction shown as a percentage with one decimal: `0.125` is shown as `12.5%`.
        case percent(Double)
        /// Nothing: the cell is left out.
        case empty
    }

    /// The sheets in tab order; a workbook to be written needs at least one.
    public var sheets: [Sheet]

    /// A workbook of the given sheets.
    public init(sheets: [Sheet]) {
        self.sheets = sheets
    }
}
