import TallyCore

/// Reads spreadsheets (CSV) of installed software or of license purchases, with a `ColumnMap` saying which column
/// holds what.
///
/// A row that lacks a required field (a software name or a device; a product) is left out with a warning naming
/// its line. A row with more fields than the header is an error: a value holding the delimiter without quotes has
/// shifted every column after it. A row with fewer fields reads the missing ones as empty. A value that cannot be
/// read (a date in another form) is left empty, with a warning.
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
            let cells = try Cells(row: row, header: table.header, resolved: resolved)
            guard let name = cells[.name] else {
                report.skipped.append(.init(location: "line \(row.line)", reason: "no software name"))
                continue
            }
            guard let deviceName = cells[.device] else {
                report.skipped.append(.init(location: "line \(row.line)", reason: "\"\(name)\" names no device"))
                continue
            }
            let installed = cells.read(.installed, as: "a date", &report.unreadValues) {
                CellValue.day($0, order: dates)
            }
            let hidden = cells.read(.systemComponent, as: "yes or no", &report.unreadValues, CellValue.bool)
            let seenAt = cells.read(.seen, as: "a date and time", &report.unreadValues) {
                CellValue.instant($0, order: dates)
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
    /// by the quantity when the row gives no unit cost.
    public static func purchases(
        _ bytes: [UInt8], columns map: ColumnMap, dates: CellValue.DateOrder = .monthFirst
    ) throws(FormatError) -> PurchaseList {
        guard map.kind == .entitlements else {
            throw .field(path: "column map", reason: "this map reads \(map.kind.rawValue), not entitlements")
        }
        let table = try CSVTable.parse(bytes)
        let resolved = try map.resolve(table.header)
        var list = PurchaseList()
        for row in table.rows {
            let cells = try Cells(row: row, header: table.header, resolved: resolved)
            guard let product = cells[.product] else {
                list.skipped.append(.init(location: "line \(row.line)", reason: "no product"))
                continue
            }
            var purchase = PurchaseRow(product: product, line: row.line)
            purchase.publisher = cells[.publisher]
            purchase.vendor = cells[.vendor]
            purchase.purchaseOrder = cells[.purchaseOrder]
            purchase.notes = cells[.notes]
            purchase.quantity = cells.read(.quantity, as: "a whole number", &list.unreadValues, CellValue.count)
            purchase.unitCost = cells.read(.unitCost, as: "an amount", &list.unreadValues, CellValue.money)
            purchase.start = cells.read(.start, as: "a date", &list.unreadValues) { CellValue.day($0, order: dates) }
            purchase.end = cells.read(.end, as: "a date", &list.unreadValues) { CellValue.day($0, order: dates) }
            if purchase.unitCost == nil,
                let total = cells.read(.totalCost, as: "an amount", &list.unreadValues, CellValue.money)
            {
                if let quantity = purchase.quantity, quantity > 0 {
                    purchase.unitCost = total / Double(quantity)
                } else {
                    list.unreadValues.append(
                        .init(
                            location: "line \(row.line)",
                            reason: "a total cost without a quantity gives no unit cost; left empty"))
                }
            }
            list.rows.append(purchase)
        }
        return list
    }
}

/// The cells of one row, by field.
private struct Cells {
    let row: CSVTable.Row
    let header: [String]
    let resolved: [ColumnMap.Field: [Int]]

    init(row: CSVTable.Row, header: [String], resolved: [ColumnMap.Field: [Int]]) throws(FormatError) {
        guard row.fields.count <= header.count else {
            throw .line(
                number: row.line,
                reason: "this row has \(row.fields.count) fields and the header \(header.count): a value that holds "
                    + "the delimiter must be in quotes")
        }
        self.row = row
        self.header = header
        self.resolved = resolved
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

    /// The field read with `parse`; a value it cannot read is noted in `unread` and gives nil.
    func read<T>(
        _ field: ColumnMap.Field, as what: String, _ unread: inout [InventoryWarning], _ parse: (String) -> T?
    ) -> T? {
        guard let (value, column) = column(field) else { return nil }
        if let parsed = parse(value) { return parsed }
        unread.append(
            .init(location: "line \(row.line)", reason: "\(column) \"\(value)\" is not \(what); left empty"))
        return nil
    }
}
