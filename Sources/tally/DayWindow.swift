import ArgumentParser
import TallyCore

/// A number of days given as `90d` or `90`.
struct DayWindow: ExpressibleByArgument {
    var days: Int

    init(days: Int) {
        self.days = days
    }

    init?(argument: String) {
        guard let days = Renewals.window(argument) else { return nil }
        self.days = days
    }
}
