import ArgumentParser
import TallyCore
import TallyFormats

/// `tally denials`: the checkouts license servers refused, grouped by product and reason.
struct DenialsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "denials",
        abstract: "List refused checkouts, grouped by product and reason, with the users refused most.")

    @OptionGroup var options: UsageOptions

    func run() throws {
        try reportingErrors {
            guard let loaded = try options.load() else {
                Terminal.write("No denials recorded yet: import license-server logs (`tally import flexlm-log`).\n")
                return
            }
            let groups = DenialGroup.groups(
                loaded.estate, products: loaded.products, from: loaded.from, to: loaded.to)
            switch options.format {
            case .table: Terminal.write(DenialOutput.table(groups))
            case .json: Terminal.write(DenialOutput.json(groups))
            case .csv: Terminal.write(DenialOutput.csv(groups))
            }
        }
    }
}
