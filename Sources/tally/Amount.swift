import ArgumentParser
import TallyCore

/// A price or cost typed on the command line: a finite number from 0 up to `Limits.amount` (not `inf`, not `nan`).
struct Amount: ExpressibleByArgument {
    let value: Double

    init?(argument: String) {
        guard let value = Double(argument), value.isFinite, (0...Limits.amount).contains(value) else { return nil }
        self.value = value
    }

    static var defaultValueDescription: String { "a number from 0 to \(Int(Limits.amount))" }
}
