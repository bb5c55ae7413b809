import ArgumentParser
import Foundation
import TallyApp
import TallyCore

/// Options every license-server import shares: the server's name, its clock's zone, and a feature map.
struct LicenseServerOptions: ParsableArguments {
    @Option(name: .long, help: "The license server's name, kept with each session (default: as the file names it).")
    var server: String?

    @Option(name: .long, help: "The time zone of the server's clock (e.g. Europe/Madrid); UTC by default.")
    var timezone: String?

    @Option(
        name: .customLong("product-map"),
        help: "A file of VENDOR:FEATURE,PRODUCT lines: the products features count for (kept for later imports).")
    var productMap: String?

    func validate() throws {
        if let timezone, TimeZone(identifier: timezone) == nil {
            throw ValidationError("--timezone \(timezone) is not a time zone; use a name such as Europe/Madrid.")
        }
    }

    /// The server clock's zone.
    var zone: TimeZone {
        timezone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC") ?? .current
    }

    /// The feature map file's mappings, none without one.
    func featureMap(_ operations: Operations) throws(CommandError) -> [String: Product.ID] {
        guard let productMap else { return [:] }
        let file = try upload(productMap)
        do throws(TallyError) {
            return try operations.readFeatureMap(file)
        } catch {
            throw .input(productMap, reason: error.description)
        }
    }
}
