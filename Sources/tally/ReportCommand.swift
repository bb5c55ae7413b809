import ArgumentParser

/// `tally report`: documents made from the store for people who do not use it.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Write reports from the store for others to read.",
        subcommands: [ReportAuditCommand.self, ReportChargebackCommand.self])
}
