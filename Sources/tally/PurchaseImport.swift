import TallyApp
import TallyCore
import TallyFormats

/// Imports a purchase list as entitlements (`tally import csv --kind entitlements`), and says what it did.
struct PurchaseImport {
    let options: InventoryOptions

    func run(_ path: String, columns: ColumnMap, dates: CellValue.DateOrder) async throws(CommandError) {
        let file = try upload(path)
        let operations = try options.store.operations()
        let list: PurchaseList
        do throws(TallyError) {
            list = try operations.readPurchases(file, columns: columns, dates: dates)
        } catch {
            throw .input(path, reason: error.description)
        }
        try InventoryImport.checkInvalid(list.invalid, skip: options.skipInvalid, files: [path])
        let imported: TallyApp.PurchaseImport
        do throws(TallyError) {
            imported = try await operations.importPurchases(
                list, from: file, skipInvalid: options.skipInvalid, dryRun: options.dryRun, by: options.who.caller)
        } catch {
            throw .input(path, reason: StoreOptions.hinted(error))
        }
        let entitlements = imported.summary["entitlements"]
        var lines = [
            (options.dryRun ? "Would import" : "Imported") + " \(imported.rows) purchases: \(entitlements.inserted) "
                + "new entitlements, \(entitlements.updated) updated, \(entitlements.unchanged) unchanged; "
                + "\(imported.summary["products"].inserted) new products."
        ]
        if !imported.made.isEmpty {
            lines.append(
                "\(imported.made.count) products the catalog does not know were made from their names, the first:")
            lines += imported.made.prefix(5).map { "  " + $0 }
        }
        lines += InventoryImport.warningLines(skipped: [], invalid: imported.invalid.map { "\(path): \($0)" })
        Terminal.write(lines.joined(separator: "\n") + "\n")
    }
}
