import ArgumentParser
import TallyApp
import TallyCore
import TallyFormats

/// `tally forecast`: each product's monthly demand ahead, and when it passes supply.
struct ForecastCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast each product's monthly demand and the month it passes what is owned.",
        discussion: """
            History: each month's latest snapshot; a month of the last three years without one is the position as \
            the estate was on its last day (installed and removed dates); concurrent products take each month's \
            peak of license-server use. Holt's linear trend (Holt-Winters with a 12-month season from 24 months of \
            history) with an 80% prediction interval. --growth raises a product's forecast by the department's \
            share of its demand times the growth.
            """)

    @Option(help: "The last day to forecast (YYYY-MM-DD); a year from today by default.") var to: Day?
    @Option(
        help: ArgumentHelp(
            "What-if growth of a department, sub-departments included (eng=+10%, sales=-5%); repeat for several.",
            valueName: "DEPT=RATE"))
    var growth: [DepartmentGrowth] = []
    @Option(help: "Only this product (its months are listed too).") var product: String?
    @Option(help: "table, json or csv.") var format: OutputFormat = .table
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let operations = try store.operations()
            let report: ForecastReport
            do throws(TallyError) {
                report = try await operations.forecast(
                    through: to, growth: DepartmentGrowth.table(growth),
                    product: product.map { .init($0) })
            } catch {
                throw store.failure(error)
            }
            switch format {
            case .table: Terminal.write(ForecastOutput.table(report.products, through: report.through))
            case .json:
                Terminal.write(
                    ForecastOutput.json(
                        report.products, asOf: report.asOf, through: report.through,
                        growth: report.growth.sorted { $0.key < $1.key }.map { ($0.key.rawValue, $0.value) }))
            case .csv: Terminal.write(ForecastOutput.csv(report.products))
            }
        }
    }
}

extension DepartmentGrowth: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
    public static var defaultValueDescription: String { "DEPT=+10%" }
}
