import Foundation
import TallyCore
import TallyPostgres

/// Scratch databases on the PostgreSQL server `TALLY_TEST_POSTGRES` names (CI starts a throwaway cluster): each
/// store a test opens is a new, empty database.
public enum PostgresScratch {
    public static let server: PostgresSettings? = ProcessInfo.processInfo.environment["TALLY_TEST_POSTGRES"].flatMap {
        try? PostgresSettings(url: $0)
    }

    /// A new empty database's settings.
    public static func database() throws -> PostgresSettings {
        guard var settings = server else { throw TallyError.failed("TALLY_TEST_POSTGRES is not set") }
        let name = "tally_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try PostgresStore.createDatabase(named: name, on: settings)
        settings.database = name
        return settings
    }

    /// A store on a new empty database; tables of a thousand rows are read in halves, so that tests take that path.
    public static func store() throws -> PostgresStore {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tally-documents-\(UUID().uuidString)"
        ).path
        return try PostgresStore(settings: try database(), documentFolder: folder, parallelReadRows: 1_000)
    }
}
