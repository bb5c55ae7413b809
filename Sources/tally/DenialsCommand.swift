import ArgumentParser
import TallyApp
import TallyCore
import TallyFormats

/// `tally denials`: the checkouts license servers refused, grouped by product and reason.
struct DenialsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "denials",
        abstract: "List refused checkouts, grouped by product and reason, with the users refused most.")

    @OptionGroup var options: UsageOptions

    func run() async throws {
        try await reportingErrors {
            let denials = try await options.run { operations throws(TallyError) in
                try await operations.denials(options.selection)
            }
            guard let groups = denials else {
                Terminal.write("No denials recorded yet: import license-server logs (`tally import flexlm-log`).\n")
                return
            }
            switch options.format {
            case .table: Terminal.write(DenialOutput.table(groups))
            case .json: Terminal.write(DenialOutput.json(groups))
            case .csv: Terminal.write(DenialOutput.csv(groups))
            }
        }
    }
}
