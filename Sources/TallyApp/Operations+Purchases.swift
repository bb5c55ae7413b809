import TallyCore
import TallyFormats
import TallyStore

/// What importing a purchase list did.
public struct PurchaseImport: Sendable {
    public var summary: ImportSummary
    /// Purchases read.
    public var rows: Int
    /// Products the catalog does not know, made from their names: `line 4: "Contoso CAD 2024" as contoso-cad-2024`.
    public var made: [String]
    /// Invalid rows skipped.
    public var invalid: [InventoryWarning]
}

extension Operations {
    /// Reads a purchase list (a spreadsheet through a column map).
    public func readPurchases(
        _ file: Upload, columns: ColumnMap, dates: CellValue.DateOrder
    ) throws(TallyError)
        -> PurchaseList
    {
        do throws(FormatError) {
            return try SpreadsheetInventory.purchases(file.bytes, columns: columns, dates: dates)
        } catch {
            throw .invalid(path: "", reason: error.description)
        }
    }

    /// Imports a purchase list as entitlements: each row's product recognised by the catalog (or made from its
    /// name), merged by id so that importing the list again updates rather than duplicates. An entitlement's id is
    /// `PO:PRODUCT` when the row has a purchase order, else `FILE:LINE` (`#2`, `#3` where one repeats). A list with
    /// invalid rows is refused unless `skipInvalid`.
    public func importPurchases(
        _ list: PurchaseList, from file: Upload, skipInvalid: Bool, dryRun: Bool, by caller: Caller
    ) async throws(TallyError) -> PurchaseImport {
        if !list.invalid.isEmpty, !skipInvalid {
            throw .invalid(
                path: "",
                reason: "\(list.invalid.count) invalid \(list.invalid.count == 1 ? "row" : "rows"); nothing "
                    + "was imported")
        }
        let catalog = try await effectiveCatalog()
        let day = today
        let source = ImportSource(name: file.name, digest: file.digest, actor: caller.name, at: now)
        let name = Self.baseName(file.name)
        let (summary, made) = try await writing(dryRun: dryRun) { writer in
            let held = Set(try writer.estate(asOf: day).products.map(\.id))
            let (records, made) = Self.entitlements(list, named: name, catalog: catalog, held: held, day: day)
            let summary = try Self.importEstate(
                records, mode: .merge, source: source, dryRun: dryRun, progress: nil, in: writer)
            return (summary, made)
        }
        return PurchaseImport(summary: summary, rows: list.rows.count, made: made, invalid: list.invalid)
    }

    /// The purchases as entitlements, with the products they need that the store does not hold.
    static func entitlements(
        _ list: PurchaseList, named name: String, catalog: Normalizer, held: Set<Product.ID>, day: Day
    ) -> (Estate, made: [String]) {
        var records = Estate(asOf: day)
        var made: [String] = []
        var ids: [String: Int] = [:]
        for row in list.rows {
            let product: Product.ID
            // Purchase lists often leave the publisher out of the name (Visio Professional 2019, by Microsoft).
            let named = catalog.evaluate(publisher: row.publisher, name: row.product, version: nil)
            let outcome =
                if case .unrecognized = named, let publisher = row.publisher {
                    catalog.evaluate(publisher: publisher, name: publisher + " " + row.product, version: nil)
                } else { named }
            if case .product(let id, _) = outcome {
                product = id
                if !held.contains(id), !records.products.contains(where: { $0.id == id }) {
                    records.products.append(catalog.product(id) ?? Product(id: id))
                }
            } else {
                product = Product.ID(Slug.make(row.product))
                if !held.contains(product), !records.products.contains(where: { $0.id == product }) {
                    records.products.append(Product(id: product, publisher: row.publisher, name: row.product))
                    made.append("line \(row.line): \"\(row.product)\" as \(product)")
                }
            }
            var id = row.purchaseOrder.map { "\($0):\(product)" } ?? "\(name):\(row.line)"
            if let count = ids[id] {
                ids[id] = count + 1
                id += "#\(count + 1)"
            } else {
                ids[id] = 1
            }
            records.entitlements.append(
                Entitlement(
                    id: Entitlement.ID(id), product: product, quantity: row.quantity, start: row.start,
                    end: row.end, unitCost: row.unitCost, vendor: row.vendor, purchaseOrder: row.purchaseOrder,
                    notes: row.notes))
        }
        return (records, made)
    }

    /// A file's name without its folder and extension: `licenses` for `exports/licenses.csv`.
    static func baseName(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }
}
