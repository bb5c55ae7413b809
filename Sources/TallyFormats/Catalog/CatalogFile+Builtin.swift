import Foundation
import TallyCore

extension CatalogFile {
    /// The catalog that ships with Tally: commercial titles license managers meet, the free editions of those titles,
    /// and the operating-system packages and free software an inventory is mostly made of.
    public static func builtin() throws(FormatError) -> Catalog {
        guard let url = Bundle.module.url(forResource: "builtin-catalog", withExtension: "json"),
            let data = try? Data(contentsOf: url)
        else {
            throw .field(
                path: "builtin-catalog.json",
                reason: "is missing from Tally's resources; reinstall Tally with its resource bundle beside it")
        }
        do throws(FormatError) {
            return try decode(Array(data))
        } catch {
            throw .field(path: "builtin-catalog.json", reason: error.description)
        }
    }
}
