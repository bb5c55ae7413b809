import ArgumentParser
import TallyApp
import TallyCore
import TallyFormats

/// `tally report chargeback`: each department's share of license costs, by what its devices and people consume.
struct ReportChargebackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chargeback",
        abstract: "Charge each department its share of license costs, by what its devices and people consume.",
        discussion: """
            Each entitlement's cost within the period (a subscription for the days of its term in the period, a \
            one-off purchase in the period it was bought) is split by the units the position allocates from it: \
            each department pays its units' share of the quantity bought, units nobody holds are (unused), \
            consumers in no department (no department). The position is the one on the period's last day, or \
            today's while that day is to come; other currencies are converted at that day's rates. One-off and \
            recurring costs are apart; the total is the sum of every entitlement's cost. See docs/chargeback.md.
            """)

    /// What costs are split by.
    enum Basis: String, ExpressibleByArgument, CaseIterable {
        case department
    }

    /// How the report is written.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json, xlsx
    }

    @Option(help: "What costs are split by.") var by: Basis = .department

    @Option(
        help: ArgumentHelp(
            "A year (2026) or a month (2026-11); the current year by default.", valueName: "year-or-month"))
    var period: String?

    @Flag(help: "Fold every department into its top-level department.") var rollup = false

    @Flag(help: "With table or csv: the detail, department by product by entitlement.") var detail = false

    @Option(help: "table, csv, json or xlsx (a workbook: By department, and Detail; needs --out).")
    var format: Format = .table

    @Option(help: ArgumentHelp("The file to write (default: standard output).", valueName: "file")) var out: String?

    @Flag(help: "Replace the --out file where it exists.") var force = false

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let period, ChargebackPeriod(period) == nil {
            throw ValidationError(
                "--period: \"\(Terminal.printable(period))\" is not a period; give a year (2026) or a month (2026-11)")
        }
        if format == .xlsx, out == nil {
            throw ValidationError("--format xlsx writes a workbook: give the file to write with --out FILE")
        }
    }

    func run() async throws {
        try await reportingErrors {
            // Refused before the store is read: a report that could not be written is not worth computing.
            if let out { try Terminal.checkNewFile(out, replace: force) }
            let operations = try store.operations()
            let report: ChargebackReport
            do throws(TallyError) {
                report = try await operations.chargeback(
                    period: period.flatMap { ChargebackPeriod($0) }, rollup: rollup)
            } catch {
                throw store.failure(error)
            }
            let bytes: [UInt8]
            switch format {
            case .table: bytes = Array(ChargebackOutput.table(report, detail: detail).utf8)
            case .csv: bytes = Array((detail ? ChargebackOutput.detailCSV(report) : ChargebackOutput.csv(report)).utf8)
            case .json: bytes = ChargebackOutput.json(report)
            case .xlsx:
                do throws(FormatError) {
                    bytes = try ChargebackOutput.xlsx(report)
                } catch {
                    throw CommandError.usage("the workbook could not be made: \(error.description)")
                }
            }
            guard let out else { return Terminal.write(bytes) }
            try Terminal.writeFile(out) { $0(bytes) }
            let what = format == .xlsx ? "workbook (By department, Detail)" : "\(format.rawValue) report"
            Terminal.write(
                "Wrote the chargeback \(what) for \(report.period) to \(out): \(report.rows.count) rows, total "
                    + PositionTable.money(report.total.total, report.currency) + ".\n")
        }
    }
}
