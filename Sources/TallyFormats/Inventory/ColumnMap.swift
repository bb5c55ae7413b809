/// Which spreadsheet column holds which field: written by the user (`DisplayName0=name,Version0=version`) or one
/// of the presets for the exports of common tools.
///
/// Column names match whatever their case and surrounding spaces. A field may name several columns: the first that
/// holds a value in a row gives it (a preset lists the names a column has had across a tool's versions).
public struct ColumnMap: Sendable, Equatable {
    /// What a spreadsheet lists.
    public enum Kind: String, Sendable, CaseIterable {
        /// Software installed on devices, a row per installation.
        case installations
        /// Licenses bought, a row per purchase.
        case entitlements
    }

    /// A field Tally reads from a column.
    public enum Field: String, Sendable, CaseIterable {
        // Installations.
        case name, version, publisher, device, installed, os, serial, user, seen, systemComponent
        // Entitlements (with `publisher`).
        case product, quantity, unitCost, totalCost, start, end, vendor, purchaseOrder, notes

        /// The fields a kind of spreadsheet has.
        public static func of(_ kind: Kind) -> [Field] {
            switch kind {
            case .installations:
                [
                    .name, .version, .publisher, .device, .installed, .os, .serial, .user, .seen,
                    .systemComponent,
                ]
            case .entitlements:
                [
                    .product, .publisher, .quantity, .unitCost, .totalCost, .start, .end, .vendor,
                    .purchaseOrder, .notes,
                ]
            }
        }

        /// The fields a row cannot do without.
        public static func required(_ kind: Kind) -> [Field] {
            kind == .installations ? [.name, .device] : [.product]
        }
    }

    /// Installations or entitlements.
    public var kind: Kind
    /// Each field with the columns that may hold it, in order of preference.
    public var columns: [(field: Field, names: [String])]
    /// `origin` of the software read with this map: the preset's name, or `csv`.
    public var origin: String
    /// True for a preset: a column it names may be missing from a file, as long as each required field has one.
    /// A map the user wrote must name only columns the file has.
    public var isPreset: Bool

    /// A map from its parts.
    public init(kind: Kind, columns: [(field: Field, names: [String])], origin: String = "csv", isPreset: Bool = false)
    {
        self.kind = kind
        self.columns = columns
        self.origin = origin
        self.isPreset = isPreset
    }

    public static func == (lhs: ColumnMap, rhs: ColumnMap) -> Bool {
        lhs.kind == rhs.kind && lhs.origin == rhs.origin && lhs.isPreset == rhs.isPreset
            && lhs.columns.map(\.field) == rhs.columns.map(\.field)
            && lhs.columns.map(\.names) == rhs.columns.map(\.names)
    }

    /// Reads a map written as `Column=field,Column=field`; a field named twice takes the columns in order.
    public static func parse(_ text: String, kind: Kind) throws(FormatError) -> ColumnMap {
        var columns: [(field: Field, names: [String])] = []
        for pair in text.split(separator: ",") where !InventoryText.trimmed(pair).isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1)
            let allowed = Field.of(kind).map(\.rawValue).joined(separator: ", ")
            guard parts.count == 2, let column = InventoryText.nonEmpty(parts[0]) else {
                throw .field(path: "column map", reason: "\"\(pair)\" is not Column=field (fields: \(allowed))")
            }
            let name = InventoryText.trimmed(parts[1])
            guard let field = Field.of(kind).first(where: { $0.rawValue.lowercased() == name.lowercased() }) else {
                throw .field(
                    path: "column map", reason: "\"\(name)\" is not a field of \(kind.rawValue) (fields: \(allowed))")
            }
            if let index = columns.firstIndex(where: { $0.field == field }) {
                columns[index].names.append(column)
            } else {
                columns.append((field, [column]))
            }
        }
        return ColumnMap(kind: kind, columns: columns)
    }

    /// The preset of this name (`sccm`, `lansweeper`, `snipeit`), or nil.
    public static func preset(_ name: String) -> ColumnMap? {
        presets.first { $0.origin == name.lowercased() }
    }

    /// Every preset.
    public static let presets: [ColumnMap] = [sccm, lansweeper, snipeit]

    /// Microsoft Configuration Manager (SCCM): `v_GS_ADD_REMOVE_PROGRAMS` (or `v_Add_Remove_Programs`, its `_64`
    /// twin, or `v_GS_INSTALLED_SOFTWARE`) joined with `v_R_System` on `ResourceID`.
    public static let sccm = ColumnMap(
        kind: .installations,
        columns: [
            (.device, ["Netbios_Name0", "Name0"]), (.name, ["DisplayName0", "ARPDisplayName0", "ProductName0"]),
            (.version, ["Version0", "ProductVersion0"]), (.publisher, ["Publisher0"]), (.installed, ["InstallDate0"]),
            (.user, ["User_Name0"]), (.os, ["Operating_System_Name_and0"]), (.seen, ["TimeStamp"]),
        ], origin: "sccm", isPreset: true)

    /// Lansweeper's software reports (`Software: List of software by computer`) exported to CSV: its columns are
    /// the report's aliases (`Software`, `Version`, `Publisher`) or, in reports without them, the database names
    /// (`softwareName`, `softwareVersion`, `SoftwarePublisher`).
    public static let lansweeper = ColumnMap(
        kind: .installations,
        columns: [
            (.device, ["AssetName"]), (.name, ["Software", "softwareName"]),
            (.version, ["Version", "softwareVersion"]),
            (.publisher, ["Publisher", "SoftwarePublisher"]), (.installed, ["Installdate"]), (.os, ["OS"]),
            (.user, ["Username"]), (.seen, ["Lastseen"]),
        ], origin: "lansweeper", isPreset: true)

    /// Snipe-IT's licenses, as its export writes them (Licenses, Export: `Name`, `Seats`, `Purchase Order Number`)
    /// and as its own import file takes them (its sample CSV: `Item name`, `seats`, `purchase order`, `order
    /// number`, `manufacturer`, `supplier`, `expiration date`, `purchase date`, `purchase cost`, `notes`; the
    /// `Licensed To` and `maintained`/`reassignable` columns say nothing of the purchase). `Purchase Cost` is per
    /// seat. Column names are matched without regard to case.
    public static let snipeit = ColumnMap(
        kind: .entitlements,
        columns: [
            (.product, ["Name", "Item name", "License", "Software Name"]), (.publisher, ["Manufacturer"]),
            (.quantity, ["Seats"]), (.unitCost, ["Purchase Cost"]), (.start, ["Purchase Date"]),
            (.end, ["Expiration Date", "Termination Date"]), (.vendor, ["Supplier"]),
            (.purchaseOrder, ["Purchase Order Number", "Purchase Order", "Order Number"]), (.notes, ["Notes"]),
        ], origin: "snipeit", isPreset: true)

    // MARK: - Against a header

    /// For each field, the indexes of its columns in `header`, in the map's order.
    ///
    /// A user's map naming a column the header lacks is an error naming the column and listing the header; so is
    /// a required field without any column.
    func resolve(_ header: [String]) throws(FormatError) -> [Field: [Int]] {
        let names = header.map { InventoryText.trimmed($0).lowercased() }
        // A header of megabytes (a file that is not a CSV) is never echoed whole.
        let listed =
            header.prefix(12).map { "\"\(InventoryText.quoted(InventoryText.trimmed($0)))\"" }.joined(separator: ", ")
            + (header.count > 12 ? " and \(header.count - 12) more" : "")
        var resolved: [Field: [Int]] = [:]
        for (field, columns) in columns {
            for column in columns {
                if let index = names.firstIndex(of: InventoryText.trimmed(column).lowercased()) {
                    resolved[field, default: []].append(index)
                } else if !isPreset {
                    throw .field(
                        path: "column map",
                        reason: "the column \"\(column)\" (for \(field.rawValue)) is not in the file; its header has "
                            + listed)
                }
            }
        }
        for field in Field.required(kind) where resolved[field] == nil {
            let named = columns.first { $0.field == field }?.names ?? []
            let reason =
                named.isEmpty
                ? "the column map names no column for \(field.rawValue), which every row needs"
                : "no column for \(field.rawValue) (\(named.map { "\"\($0)\"" }.joined(separator: " or "))) "
                    + "is in the file; its header has \(listed)"
            throw .field(path: "column map", reason: reason)
        }
        return resolved
    }
}
