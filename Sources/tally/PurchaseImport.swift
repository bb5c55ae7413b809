import Foundation
import TallyCore
import TallyFormats
import TallyStore

/// Imports a purchase list as entitlements: each row's product recognised by the catalog (or made from its name),
/// merged by id so that importing the list again updates rather than duplicates.
///
/// An entitlement's id is `PO:PRODUCT` when the row has a purchase order, else `FILE:LINE`.
struct PurchaseImport {
    let store: StoreOptions
    var dryRun = false
    var skipInvalid = false

    func run(_ file: String, columns: ColumnMap, dates: CellValue.DateOrder) throws(CommandError) {
        let bytes = try Terminal.readFile(file)
        let list: PurchaseList
        do throws(FormatError) {
            list = try SpreadsheetInventory.purchases(bytes, columns: columns, dates: dates)
        } catch {
            throw .input(file, reason: error.description)
        }
        try InventoryImport.checkInvalid(list.invalid, skip: skipInvalid, files: [file])
        let opened = try store.open()
        let catalog = try CatalogOptions.effectiveCatalog(of: opened, store)
        let held = Set(try store.loadEstate(from: opened, asOf: Terminal.today).products.map(\.id))
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        var records = Estate(asOf: Terminal.today)
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
                product = Product.ID(Self.slug(row.product))
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
        let summary: ImportSummary
        do throws(StoreError) {
            summary = try opened.importEstate(
                records, mode: .merge,
                source: ImportSource(name: file, digest: digest(bytes), actor: store.who, at: now), dryRun: dryRun)
        } catch {
            throw .input(file, reason: error.description)
        }
        let entitlements = summary["entitlements"]
        var lines = [
            (dryRun ? "Would import" : "Imported") + " \(list.rows.count) purchases: \(entitlements.inserted) new "
                + "entitlements, \(entitlements.updated) updated, \(entitlements.unchanged) unchanged; "
                + "\(summary["products"].inserted) new products."
        ]
        if !made.isEmpty {
            lines.append("\(made.count) products the catalog does not know were made from their names, the first:")
            lines += made.prefix(5).map { "  " + $0 }
        }
        lines += InventoryImport.warningLines(skipped: [], invalid: list.invalid.map { "\(file): \($0)" })
        Terminal.write(lines.joined(separator: "\n") + "\n")
    }

    /// `Contoso CAD 2024 (Seat)` as `contoso-cad-2024-seat`.
    static func slug(_ name: String) -> String {
        var out = ""
        for character in name.lowercased() {
            if character.isLetter || character.isNumber {
                out.append(character)
            } else if !out.isEmpty, out.last != "-" {
                out.append("-")
            }
        }
        while out.last == "-" { out.removeLast() }
        return out.isEmpty ? "product" : out
    }
}
