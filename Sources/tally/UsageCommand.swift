import ArgumentParser
import TallyApp
import TallyCore
import TallyFormats

/// `tally usage`: how much of each license-server product is used, against what is owned.
struct UsageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage",
        abstract: "Peak and average concurrent use, licenses owned and served, hours, users and denials per product.",
        discussion: "From the usage sessions and denials in the store (license-server logs and samples). A session "
            + "still open runs to the end of the period. OWNED is the quantity of the product's own active "
            + "entitlements on the last day; SERVED what its license-server pools issue, as last sampled.")

    @Option(name: .long, help: "A time series: one row per day, week (from Monday) or month, in UTC.")
    var by: UsagePeriod?

    @Flag(
        name: .long,
        help: "Advise the size of each concurrent pool from its daily peaks and denials (the last 90 days by default).")
    var recommend = false

    @Option(
        name: .customLong("unmet-share"),
        help:
            "With --recommend: the share (0 to 1) of the window's demand a pool may leave unmet (default: the denials seen)."
    )
    var unmetShare: Double?

    @OptionGroup var options: UsageOptions

    func validate() throws {
        if unmetShare != nil, !recommend { throw ValidationError("--unmet-share goes with --recommend.") }
        if recommend, by != nil { throw ValidationError("--by does not go with --recommend.") }
    }

    func run() async throws {
        try await reportingErrors {
            if recommend {
                let (advice, currency) = try await options.run { operations throws(TallyError) in
                    try await operations.poolAdvice(options.selection, allowedShare: unmetShare)
                }
                switch options.format {
                case .table: Terminal.write(PoolAdviceOutput.table(advice, currency: currency))
                case .json: Terminal.write(PoolAdviceOutput.json(advice, currency: currency))
                case .csv: Terminal.write(PoolAdviceOutput.csv(advice))
                }
                return
            }
            let usage = try await options.run { operations throws(TallyError) in
                try await operations.usage(options.selection, by: by, sparkline: 40)
            }
            guard let (loaded, report, peaks) = usage else {
                Terminal.write(
                    "No usage recorded yet: import license-server logs or reports (`tally import flexlm-log`, "
                        + "`lmstat`, `rlmstat`).\n")
                return
            }
            switch options.format {
            case .table:
                let sparklines = peaks.mapValues { Sparkline.render($0, width: 40) }
                Terminal.write("Usage from \(loaded.from.day) to \(loaded.to.day.adding(days: -1)) (UTC)\n")
                Terminal.write(UsageOutput.table(report, by: by, sparklines: sparklines))
            case .json:
                Terminal.write(UsageOutput.json(report, by: by))
            case .csv:
                Terminal.write(UsageOutput.csv(report))
            }
        }
    }
}

extension UsagePeriod: ExpressibleByArgument {}
