import TallyCore
import Testing

@testable import TallyFormats

/// Spreadsheets of installations and purchases, read through column maps and the SCCM, Lansweeper and Snipe-IT
/// presets.
@Suite("Inventory spreadsheets")
struct InventorySpreadsheetTests {
    @Test("the SCCM preset reads devices, their software, users and the latest inventory time")
    func sccm() throws {
        let report = try SpreadsheetInventory.installations(
            InventorySamples.fixture("sccm-add-remove-programs.csv"), columns: .sccm)
        #expect(report.devices.map(\.name) == ["WKS-001", "WKS-002", "SRV-010"])
        let first = report.devices[0]
        #expect(first.lastUser == "jdoe")
        // Line 4 repeats line 2 for `wks-001`: the same device, the software counted once, its time the later.
        #expect(first.seenAt == Instant("2024-03-02T09:00:00Z"))
        #expect(
            first.software == [
                RawSoftware(
                    publisher: "Microsoft Corporation", name: "Microsoft Visio Professional 2016",
                    version: "16.0.4266.1001", installed: Day("2019-04-23"), origin: "sccm"),
                RawSoftware(
                    publisher: "Adobe Systems, Incorporated", name: "Adobe Acrobat Reader DC - English, French",
                    version: "19.021.20058", installed: Day("2019-05-15"), origin: "sccm"),
            ])
        let second = report.devices[1]
        #expect(
            second.software == [
                RawSoftware(
                    publisher: "Notepad++ Team", name: "Notepad++ \"portable\"", version: "7.8.1", origin: "sccm")
            ])
        #expect(report.devices[2].software.map(\.name) == ["Microsoft SQL Server 2019 (64-bit)"])
        // Rows that cannot be read as they are: left out, each with every problem it has.
        #expect(report.skipped.isEmpty)
        #expect(
            report.invalid == [
                .init(location: "line 6", reason: "InstallDate0 \"2019-13-45\" is not a date"),
                .init(location: "line 8", reason: "no software name"),
                .init(location: "line 9", reason: "no device"),
            ])
    }

    @Test("the Lansweeper preset takes the report's aliases or the database's column names, in any case")
    func lansweeper() throws {
        let aliases =
            "AssetName;Software;Version;Publisher;Installdate;OS\nPC-7;Visio;16.0;Microsoft;2019-04-23;Win 10\n"
        let report = try SpreadsheetInventory.installations(Array(aliases.utf8), columns: .lansweeper)
        #expect(
            report.devices == [
                InventoryDevice(
                    name: "PC-7", os: "Win 10",
                    software: [
                        RawSoftware(
                            publisher: "Microsoft", name: "Visio", version: "16.0", installed: Day("2019-04-23"),
                            origin: "lansweeper")
                    ])
            ])
        let raw = "assetname,softwareName,softwareVersion,SoftwarePublisher\nPC-8,Project,16.1,Microsoft\n"
        let second = try SpreadsheetInventory.installations(Array(raw.utf8), columns: .lansweeper)
        #expect(
            second.devices[0].software == [
                RawSoftware(publisher: "Microsoft", name: "Project", version: "16.1", origin: "lansweeper")
            ])
    }

    @Test("a column map of the user's own, with yes/no for system components and day-first dates")
    func ownMap() throws {
        let map = try ColumnMap.parse(
            "Host=device, Title=name, Ver=version, Hidden=systemComponent, Date=installed", kind: .installations)
        #expect(map.origin == "csv")
        let text = "Host,Title,Ver,Hidden,Date\nm1,Office,16,Yes,24/11/2008\nm1,Office Shared,16,maybe,1/5/2008\n"
        let report = try SpreadsheetInventory.installations(Array(text.utf8), columns: map, dates: .dayFirst)
        #expect(
            report.devices[0].software == [
                RawSoftware(
                    name: "Office", version: "16", installed: Day("2008-11-24"), origin: "csv", systemComponent: true)
            ])
        #expect(report.invalid == [.init(location: "line 3", reason: "Hidden \"maybe\" is not yes or no")])
    }

    @Test("a column the map names but the file lacks is an error naming it and listing the header")
    func unknownColumn() throws {
        let map = try ColumnMap.parse("Host=device,Title=name,Vendor=publisher", kind: .installations)
        let error = InventorySamples.failure { () throws(FormatError) in
            try SpreadsheetInventory.installations(Array("Host,Title\nm1,Office\n".utf8), columns: map)
        }
        #expect(
            error
                == .field(
                    path: "column map",
                    reason: "the column \"Vendor\" (for publisher) is not in the file; its header has \"Host\", "
                        + "\"Title\""))
    }

    @Test("a preset whose required columns are all missing says which names it looked for")
    func presetWithoutDevice() {
        let error = InventorySamples.failure { () throws(FormatError) in
            try SpreadsheetInventory.installations(Array("DisplayName0,Version0\nVisio,16\n".utf8), columns: .sccm)
        }
        #expect(
            error
                == .field(
                    path: "column map",
                    reason: "no column for device (\"Netbios_Name0\" or \"Name0\") is in the file; its header has "
                        + "\"DisplayName0\", \"Version0\""))
    }

    @Test("maps that name an unknown field, are not Column=field, or lack a required field are refused")
    func badMaps() throws {
        #expect(
            InventorySamples.failure { () throws(FormatError) in
                try ColumnMap.parse("Title=title", kind: .installations)
            }
                == .field(
                    path: "column map",
                    reason: "\"title\" is not a field of installations (fields: name, version, publisher, device, "
                        + "installed, os, serial, user, seen, systemComponent)"))
        #expect(
            InventorySamples.failure { () throws(FormatError) in try ColumnMap.parse("Title", kind: .entitlements) }
                == .field(
                    path: "column map",
                    reason: "\"Title\" is not Column=field (fields: product, publisher, quantity, unitCost, "
                        + "totalCost, start, end, vendor, purchaseOrder, notes)"))
        let noDevice = try ColumnMap.parse("Title=name", kind: .installations)
        #expect(
            InventorySamples.failure { () throws(FormatError) in
                try SpreadsheetInventory.installations(Array("Title\nVisio\n".utf8), columns: noDevice)
            }
                == .field(
                    path: "column map", reason: "the column map names no column for device, which every row needs"))
    }

    @Test("a row with more fields than the header is invalid, naming its line; the other rows are read")
    func shiftedRow() throws {
        let report = try SpreadsheetInventory.installations(
            Array("Netbios_Name0,DisplayName0\nPC,Visio\nPC,Adobe, Inc. Reader\n".utf8), columns: .sccm)
        #expect(report.devices.first?.software.map(\.name) == ["Visio"])
        #expect(
            report.invalid == [
                .init(
                    location: "line 3",
                    reason: "3 fields where the header has 2: a value that holds the delimiter must be in quotes")
            ])
    }

    @Test("the Snipe-IT preset reads license purchases: seats, cost per seat, dates, supplier and order")
    func snipeit() throws {
        let list = try SpreadsheetInventory.purchases(
            InventorySamples.fixture("snipeit-licenses.csv"), columns: .snipeit)
        #expect(
            list.rows == [
                PurchaseRow(
                    product: "Visio Professional 2019", publisher: "Microsoft", quantity: 10, unitCost: 299,
                    start: Day("2019-05-01"), end: Day("2022-04-30"), vendor: "CDW", purchaseOrder: "PO-4411",
                    notes: "Renewed yearly,\nsee contract", line: 2),
                PurchaseRow(
                    product: "AutoCAD LT", publisher: "Autodesk", quantity: 5, unitCost: 1299,
                    start: Day("2021-01-15"), vendor: "SHI", purchaseOrder: "ORD-9", line: 4),
            ])
        // Slack Pro is not read at all: "many" seats is not stored as 1, "free" not as 0.
        #expect(
            list.invalid == [
                .init(location: "line 5", reason: "no product"),
                .init(
                    location: "line 6",
                    reason: "Seats \"many\" is not a whole number of 0 or more; Purchase Cost \"free\" is not an "
                        + "amount of money from 0 to 1,000,000,000,000; Purchase Date \"someday\" is not a date"),
            ])
    }

    @Test("a total cost is divided by the quantity when no unit cost is given")
    func totalCost() throws {
        let map = try ColumnMap.parse("Item=product,Qty=quantity,Total=totalCost,Bought=start", kind: .entitlements)
        let text = "Item;Qty;Total;Bought\nVisio;4;1.196,00 €;24.11.2008\nProject;;500;\n"
        let list = try SpreadsheetInventory.purchases(Array(text.utf8), columns: map)
        #expect(
            list.rows == [PurchaseRow(product: "Visio", quantity: 4, unitCost: 299, start: Day("2008-11-24"), line: 2)])
        #expect(list.invalid == [.init(location: "line 3", reason: "no quantity")])
    }

    /// "entitlements[0].unitCost" came back for a CSV: the file's line and column are named instead.
    @Test("a cost beyond a trillion is an invalid row named by its line, counting the lines of quoted cells")
    func hugeCost() throws {
        let map = try ColumnMap.parse("Item=product,Qty=quantity,Cost=unitCost", kind: .entitlements)
        let text = "Item,Qty,Cost\n\"Visio\nPro\",4,10\nProject,1,1e17\nTeams,1,100000000000000000\n"
        let list = try SpreadsheetInventory.purchases(Array(text.utf8), columns: map)
        #expect(list.rows.map(\.line) == [2])
        #expect(
            list.invalid == [
                .init(
                    location: "line 4", reason: "Cost \"1e17\" is not an amount of money from 0 to 1,000,000,000,000"),
                .init(
                    location: "line 5",
                    reason: "Cost \"100000000000000000\" is not an amount of money from 0 to 1,000,000,000,000"),
            ])
    }

    @Test("a map of one kind is refused for the other, and presets are found by name")
    func kinds() {
        #expect(ColumnMap.preset("SCCM") == .sccm)
        #expect(ColumnMap.preset("snipeit")?.kind == .entitlements)
        #expect(ColumnMap.preset("bigfix") == nil)
        #expect(
            InventorySamples.failure { () throws(FormatError) in
                try SpreadsheetInventory.purchases(Array("a\n".utf8), columns: .sccm)
            } == .field(path: "column map", reason: "this map reads installations, not entitlements"))
    }
}
