import ArgumentParser
import TallyApp
import TallyCore
import TallyFormats

/// `tally import csv`: spreadsheet exports of installations (SCCM, Lansweeper, any) or of purchases (Snipe-IT, any).
struct ImportCSVCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Import a spreadsheet (CSV) of installations or of purchases, through a column map or a preset.",
        discussion: "Installations: --preset sccm (Add/Remove Programs joined with v_R_System) or lansweeper, or "
            + "--map 'Netbios_Name0=device,DisplayName0=name,Version0=version,Publisher0=publisher,"
            + "InstallDate0=installed'. Purchases (--kind entitlements): --preset snipeit, or a map of product, "
            + "publisher, quantity, unitCost, totalCost, start, end, vendor, purchaseOrder, notes.")

    @Argument(help: "The CSV file.")
    var file: String

    @Option(name: .long, help: "installations or entitlements.")
    var kind: ColumnMap.Kind = .installations

    @Option(name: .long, help: "sccm, lansweeper (installations) or snipeit (entitlements).")
    var preset: String?

    @Option(name: .long, help: "COLUMN=field pairs, comma separated.")
    var map: String?

    @Option(name: .long, help: "How dates with slashes are written: monthFirst (11/24/2008) or dayFirst.")
    var dates: CellValue.DateOrder = .monthFirst

    @OptionGroup var options: InventoryOptions

    func validate() throws {
        guard (preset == nil) != (map == nil) else { throw ValidationError("Give either --preset or --map.") }
        if let preset {
            guard let columns = ColumnMap.preset(preset) else {
                throw ValidationError(
                    "--preset \(preset) is unknown; use " + ColumnMap.presets.map(\.origin).joined(separator: ", ")
                        + ".")
            }
            guard columns.kind == kind else {
                throw ValidationError(
                    "--preset \(preset) reads \(columns.kind.rawValue); add --kind \(columns.kind.rawValue).")
            }
        }
    }

    func run() async throws {
        try await reportingErrors {
            let columns: ColumnMap
            if let preset, let known = ColumnMap.preset(preset) {
                columns = known
            } else {
                do throws(FormatError) {
                    columns = try ColumnMap.parse(map ?? "", kind: kind)
                } catch {
                    throw CommandError.input("--map", reason: error.description)
                }
            }
            switch kind {
            case .installations:
                try await options.importing(.spreadsheet(columns, dates: dates)).run([file])
            case .entitlements:
                try await PurchaseImport(options: options).run(file, columns: columns, dates: dates)
            }
        }
    }
}

extension ColumnMap.Kind: ExpressibleByArgument {}
extension CellValue.DateOrder: ExpressibleByArgument {}
