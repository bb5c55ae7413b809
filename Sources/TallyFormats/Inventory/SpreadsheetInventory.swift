import TallyCore

/// Reads spreadsheets (CSV) of installed software or of license purchases, with a `ColumnMap` saying which column
/// holds what.
///
/// Every value is read whole or not at all: a row that lacks a required field (a software name or a device; a
/// product), holds a value its column cannot hold (`2x500` seats, `1e400` as a cost, a date that is none), or has
/// more fields than the header (a value holding the delimiter without quotes shifts every column after it) is
/// invalid. Invalid rows are left out and listed, each with its line and every problem in it, so that an import can
/// refuse the file or skip them knowingly. A row with fewer fields reads the missing ones as empty.
public enum SpreadsheetInventory {
    /// Reads installations: the devices named in the device column, each with its software. Dates written with
    /// slashes are read as `dates` says. Identical rows of one device (a join that lists an entry twice) count once.
    public static func installations(
        _ bytes: [UInt8], columns map: ColumnMap, dates: CellValue.DateOrder = .monthFirst
    ) throws(FormatError) -> InventoryReport {
        guard map.kind == .installations else {
            throw .field(path: "column map", reason: "this map reads \(map.kind.rawValue), not installations")
        }
        let table = try CSVTable.parse(bytes)
        let resolved = try map.resolve(table.header)
        var report = InventoryReport()
        var deviceIndex: [String: Int] = [:]
        var seen: [Set<RawSoftware>] = []
        for row in table.rows {
            var cells = Cells(row: row, header: table.header, resolved: resolved)
            let name = cells.required(.name, "no software name")
            let deviceName = cells.required(.device, "no device")
            let installed = cells.read(.installed, as: "a date") { CellValue.day($0, order: dates) }
            let hidden = cells.read(.systemComponent, as: "yes or no", CellValue.bool)
            let seenAt = cells.read(.seen, as: "a date and time") { CellValue.instant($0, order: dates) }
            guard let name, let deviceName, cells.problems.isEmpty else {
                report.invalid.append(cells.invalid)
                continue
            }
            let key = deviceName.lowercased()
            let index = deviceIndex[key] ?? report.devices.count
            if index == report.devices.count {
                deviceIndex[key] = index
                report.devices.append(InventoryDevice(name: deviceName))
                seen.append([])
            }
            var device = report.devices[index]
            device.os = device.os ?? cells[.os]
            device.serial = device.serial ?? cells[.serial]
            device.lastUser = device.lastUser ?? cells[.user]
            if let seenAt { device.seenAt = max(device.seenAt ?? seenAt, seenAt) }
            let software = RawSoftware(
                publisher: cells[.publisher], name: name, version: cells[.version], installed: installed,
                origin: map.origin, systemComponent: hidden ?? false)
            if seen[index].insert(software).inserted { device.software.append(software) }
            report.devices[index] = device
        }
        return report
    }

    /// Reads purchases of licenses. Dates written with slashes are read as `dates` says. A total cost is divided
    /// by the quantity when the row gives no unit cost. Where the map has a quantity column, a row must fill it;
    /// where it has none, each row is one license.
    public static func purchases(
        _ bytes: [UInt8], columns map: ColumnMap, dates: CellValue.DateOrder = .monthFirst
    ) throws(FormatError) -> PurchaseList {
        guard map.kind == .entitlements else {
            throw .field(path: "column map", reason: "this map reads \(map.kind.rawValue), not entitlements")
        }
        let table = try CSVTable.parse(bytes)
        let resolved = try map.resolve(table.header)
        let counted = !(resolved[.quantity] ?? []).isEmpty
        var list = PurchaseList()
        for row in table.rows {
            var cells = Cells(row: row, header: table.header, resolved: resolved)
            let product = cells.required(.product, "no product")
            let quantity =
                counted
                ? cells.read(.quantity, as: "a whole number of 0 or more", required: "no quantity") {
                    CellValue.count($0).flatMap { $0 <= Limits.quantity ? $0 : nil }
                } : 1
            var unitCost = cells.read(.unitCost, as: CellValue.amountRange, CellValue.amount)
            let start = cells.read(.start, as: "a date") { CellValue.day($0, order: dates) }
            let end = cells.read(.end, as: "a date") { CellValue.day($0, order: dates) }
            if unitCost == nil, let total = cells.read(.totalCost, as: CellValue.amountRange, CellValue.amount) {
                if let quantity, quantity > 0 {
                    unitCost = total / Double(quantity)
                } else if cells.problems.isEmpty {
                    cells.problems.append("a total cost without a quantity gives no unit cost")
                }
            }
            guard let product, cells.problems.isEmpty else {
                list.invalid.append(cells.invalid)
                continue
            }
            var purchase = PurchaseRow(product: product, line: row.line)
            purchase.publisher = cells[.publisher]
            purchase.vendor = cells[.vendor]
            purchase.purchaseOrder = cells[.purchaseOrder]
            purchase.notes = cells[.notes]
            purchase.quantity = quantity
            purchase.unitCost = unitCost
            purchase.start = start
            purchase.end = end
            list.rows.append(purchase)
        }
        return list
    }
}

/// The cells of one row, by field, and what is wrong with them.
private struct Cells {
    let row: CSVTable.Row
    let header: [String]
    let resolved: [ColumnMap.Field: [Int]]
    /// Every problem of the row, in the user's terms: the column, the value, what it should be.
    var problems: [String] = []

    init(row: CSVTable.Row, header: [String], resolved: [ColumnMap.Field: [Int]]) {
        self.row = row
        self.header = header
        self.resolved = resolved
        if row.fields.count > header.count {
            problems.append(
                "\(row.fields.count) fields where the header has \(header.count): a value that holds the delimiter "
                    + "must be in quotes")
        }
    }

    /// The row as an invalid one: its line and every problem.
    var invalid: InventoryWarning {
        InventoryWarning(location: "line \(row.line)", reason: problems.joined(separator: "; "))
    }

    /// The first non-empty value among the field's columns, trimmed.
    subscript(field: ColumnMap.Field) -> String? {
        column(field).map(\.value)
    }

    /// The value and the name of the column it came from.
    func column(_ field: ColumnMap.Field) -> (value: String, column: String)? {
        for index in resolved[field] ?? [] where index < row.fields.count {
            if let value = InventoryText.nonEmpty(row.fields[index]) { return (value, header[index]) }
        }
        return nil
    }

    /// A required field's value; where it is empty, `missing` is a problem of the row.
    mutating func required(_ field: ColumnMap.Field, _ missing: String) -> String? {
        guard let value = self[field] else {
            problems.append(missing)
            return nil
        }
        return value
    }

    /// The field read whole with `parse`; a value it cannot read is a problem of the row, and so is an empty one
    /// where `required` says what is missing.
    mutating func read<T>(
        _ field: ColumnMap.Field, as what: String, required missing: String? = nil, _ parse: (String) -> T?
    ) -> T? {
        guard let (value, column) = column(field) else {
            if let missing { problems.append(missing) }
            return nil
        }
        if let parsed = parse(value) { return parsed }
        problems.append("\(InventoryText.quoted(column)) \"\(InventoryText.quoted(value))\" is not \(what)")
        return nil
    }
}
