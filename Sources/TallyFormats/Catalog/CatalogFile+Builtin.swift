import Foundation
import TallyCore

extension CatalogFile {
    /// The catalog that ships with Tally: commercial titles license managers meet, the free editions of those titles,
    /// and the operating-system packages and free software an inventory is mostly made of; with the publisher table
    /// beside it. Read once per process.
    public static func builtin() throws(FormatError) -> Catalog {
        try loadedBuiltin.get()
    }

    private static let loadedBuiltin = Result { () throws(FormatError) -> Catalog in
        let publishers: PublisherTable
        do throws(FormatError) {
            publishers = try decodePublishers(try resource("publishers.json"))
        } catch {
            throw .field(path: "publishers.json", reason: error.description)
        }
        do throws(FormatError) {
            return try decode(try resource("builtin-catalog.json"), publishers: publishers)
        } catch {
            throw .field(path: "builtin-catalog.json", reason: error.description)
        }
    }

    /// The bytes of a file of Tally's resources.
    private static func resource(_ file: String) throws(FormatError) -> [UInt8] {
        guard let url = Bundle.module.url(forResource: file, withExtension: nil),
            let data = try? Data(contentsOf: url)
        else {
            throw .field(
                path: file,
                reason: "is missing from Tally's resources; reinstall Tally with its resource bundle beside it")
        }
        return [UInt8](data)
    }
}
