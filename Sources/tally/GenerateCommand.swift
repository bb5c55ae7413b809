import ArgumentParser
import TallyCore
import TallyFormats

/// `tally generate`: a synthetic estate of any size, for benchmarks.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic estate: about 50 installations per device, up to 2,000 products.")

    @Option(name: .long, help: "How many devices.")
    var devices: Int

    @Option(name: .long, help: "The random seed; the same seed gives the same estate.")
    var seed: UInt64 = 1

    @Option(name: [.short, .long], help: "The file to write; standard output if not given.")
    var output: String?

    @Option(name: .customLong("as-of"), help: "The estate's date (YYYY-MM-DD); today by default.")
    var asOf: Day?

    func validate() throws {
        guard devices > 0 else { throw ValidationError("--devices must be 1 or more") }
    }

    func run() throws {
        try reportingErrors {
            let estate = SyntheticEstate.make(devices: devices, seed: seed, asOf: asOf ?? Terminal.today)
            if let output {
                try Terminal.writeFile(output) { EstateFile.encode(estate, to: $0) }
                Terminal.error(
                    "Wrote \(estate.devices.count) devices, \(estate.installations.count) installations, "
                        + "\(estate.products.count) products and \(estate.entitlements.count) entitlements "
                        + "to \(output).")
            } else {
                EstateFile.encode(estate) { Terminal.write($0) }
            }
        }
    }
}
