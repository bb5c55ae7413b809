import ArgumentParser
import TallyApp

/// The `tally` command: the license position of an estate, from the terminal.
@main
struct Tally: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tally",
        abstract: "Software asset management: the license position of an estate, explained.",
        version: TallyRelease.version,
        subcommands: [
            DemoCommand.self, ReconcileCommand.self, ImportCommand.self, ExportCommand.self, ListCommand.self,
            HistoryCommand.self,
            EntitlementCommand.self, RateCommand.self, ContractCommand.self, ReclaimCommand.self, ForecastCommand.self,
            RenewalsCommand.self,
            AlertCommand.self,
            AlertsCommand.self,
            ProductCommand.self,
            DeviceCommand.self, PersonCommand.self,
            AssignCommand.self, UnassignCommand.self,
            UsageCommand.self, DenialsCommand.self, PoolsCommand.self, CatalogCommand.self, AuditCommand.self,
            ReportCommand.self,
            UserCommand.self, TokenCommand.self, ServeCommand.self,
            GenerateCommand.self, MigrateCommand.self,
            BenchCommand.self,
        ]
    )
}
