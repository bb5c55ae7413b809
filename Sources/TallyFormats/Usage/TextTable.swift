/// A plain-text table for the terminal: columns as wide as their widest cell, numbers aligned right.
public struct TextTable {
    let header: [String]
    /// The columns aligned to the right (numbers).
    let right: Set<Int>
    var rows: [[String]] = []

    public init(_ header: [String], right: Set<Int>) {
        self.header = header
        self.right = right
    }

    /// Adds a row; a line break inside a cell is shown as a space, so that each row stays one line.
    public mutating func append(_ row: [String]) {
        rows.append(
            row.map { cell in
                cell.contains(where: \.isNewline) ? String(cell.map { $0.isNewline ? " " : $0 }) : cell
            })
    }

    public func render() -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (i, cell) in cells.enumerated() {
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                if i > 0 { text += "  " }
                text += right.contains(i) ? pad + cell : (i == cells.count - 1 ? cell : cell + pad)
            }
            while text.last == " " { text.removeLast() }
            return text
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
