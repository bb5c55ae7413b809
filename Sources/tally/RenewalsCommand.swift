import ArgumentParser
import TallyApp
import TallyCore
import TallyFormats

/// `tally renewals`: what ends or renews soon, its notice deadline, its use and what to do.
struct RenewalsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "renewals",
        abstract: "List contracts and entitlements ending or renewing soon, with notice deadlines and advice.",
        discussion: """
            Each line: the day it ends or renews, the last day to give notice (PASSED when it is behind), how much \
            is used of what is owned, what renewing costs a year, and the advice with its money: renew as is, \
            renew fewer (the units unused), renew more (the product is short), or let it lapse (unused).
            """)

    @Option(help: "The window ahead, in days (90d or 90).") var within: DayWindow = DayWindow(days: 90)
    @Option(help: "table, json or csv.") var format: OutputFormat = .table
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let operations = try store.operations()
            let result: (renewals: [Renewal], currency: String?)
            do throws(TallyError) {
                result = try await operations.renewals(within: within.days)
            } catch {
                throw store.failure(error)
            }
            switch format {
            case .table:
                Terminal.write(RenewalOutput.table(result.renewals, currency: result.currency, within: within.days))
            case .json:
                Terminal.write(RenewalOutput.json(result.renewals, currency: result.currency, within: within.days))
            case .csv: Terminal.write(RenewalOutput.csv(result.renewals, currency: result.currency))
            }
        }
    }
}
