import ArgumentParser
import TallyApp
import TallyCore
import TallyFormats

/// `tally rate set|list`: the exchange rates that convert entitlements priced in other currencies.
struct RateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rate", abstract: "Record or list exchange rates into the estate's currency.",
        subcommands: [Set.self, List.self])

    /// `tally rate set`.
    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record what one unit of a currency is worth in the estate's currency from a day on.")

        @Argument(help: "The currency's code (USD).") var currency: String
        @Argument(help: "Units of the estate's currency for one unit of it (0.92).") var rate: Amount
        @Option(help: "The first day it applies (YYYY-MM-DD); today by default.") var date: Day?
        @OptionGroup var store: StoreOptions
        @OptionGroup var who: ActorOptions

        func run() async throws {
            try await reportingErrors {
                let item = ExchangeRate(
                    currency: currency.uppercased(), date: date ?? Terminal.today, rate: rate.value)
                try await edit(store, who, done: "Recorded 1 \(item.currency) = \(item.rate) from \(item.date).") {
                    operations, caller throws(TallyError) in
                    try await operations.setRate(item, by: caller)
                }
            }
        }
    }

    /// `tally rate list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the rates, by currency then date.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let operations = try store.operations()
                let conversion: CurrencyConversion
                do throws(TallyError) {
                    conversion = try await operations.currencyConversion()
                } catch {
                    throw store.failure(error)
                }
                var table = TextTable(["CURRENCY", "FROM", "RATE", "INTO"], right: [2])
                for rate in conversion.allRates {
                    table.append([rate.currency, rate.date.description, String(rate.rate), conversion.currency ?? ""])
                }
                Terminal.write(
                    table.render() + "\(conversion.allRates.count) rate(s); the estate's currency is "
                        + "\(conversion.currency ?? "not set").\n")
            }
        }
    }
}
