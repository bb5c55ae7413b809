import ArgumentParser
import TallyApp
import TallyCore
import TallyFormats

/// `tally reclaim`: what can be taken back, and `tally reclaim mark` to record what was.
struct ReclaimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reclaim", abstract: "List installations to take back, or record one taken back.",
        subcommands: [List.self, Mark.self], defaultSubcommand: List.self)

    /// `tally reclaim [list]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List installations unused for a period, on devices unseen as long, or held by people who left.",
            discussion: """
                Each line: the product, the device and its user, the last use (lastUsed from inventory, or the \
                last license-server session of the user or on the host), why it can be taken back, the licenses \
                it frees and their value; then each product's position once everything listed is reclaimed. What \
                was recorded with `tally reclaim mark` is left out, and flagged if inventory sees it again.
                """)

        @Option(help: "The period without use, in days (90d or 90).") var unused: DayWindow = DayWindow(days: 90)
        @Option(help: "Only this product.") var product: String?
        @Option(name: .customLong("as-of"), help: "The day to look from (YYYY-MM-DD); today by default.") var asOf: Day?
        @Option(help: "table, csv (for the service desk) or json.") var format: OutputFormat = .table
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let operations = try store.operations()
                let report: ReclaimReport
                do throws(TallyError) {
                    report = try await operations.reclaim(
                        unusedDays: unused.days, product: product.map { .init($0) }, asOf: asOf)
                } catch {
                    throw store.failure(error)
                }
                switch format {
                case .table: Terminal.write(ReclaimOutput.table(report, unusedDays: unused.days))
                case .csv: Terminal.write(ReclaimOutput.csv(report))
                case .json: Terminal.write(ReclaimOutput.json(report))
                }
            }
        }
    }

    /// `tally reclaim mark`.
    struct Mark: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that a product was taken back from a device (audited).")

        @Argument(help: "The device's id.") var device: String
        @Argument(help: "The product's id.") var product: String
        @Option(help: "The day it was taken back (YYYY-MM-DD); today by default.") var on: Day?
        @Option(help: "Anything worth knowing (the ticket number).") var note: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var who: ActorOptions

        func run() async throws {
            try await reportingErrors {
                try await edit(store, who, done: "Recorded \(product) as taken back from \(device).") {
                    operations, caller throws(TallyError) in
                    try await operations.markReclaimed(
                        device: .init(device), product: .init(product), on: on, note: note, by: caller)
                }
            }
        }
    }
}
