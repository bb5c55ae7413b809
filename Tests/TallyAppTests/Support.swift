import Foundation
import TallyCore
import TallyFormats
import TallyStore
import TallyTestSupport
import Testing

@testable import TallyApp
@testable import TallySQLite

/// The stores the tests run against: SQLite in memory, and on a file through the real initialiser; PostgreSQL too
/// where `TALLY_TEST_POSTGRES` names a server to make scratch databases on.
enum Backend: String, CaseIterable {
    case memory, file, postgres

    static var allCases: [Backend] { [.memory, .file] + (PostgresScratch.server == nil ? [] : [.postgres]) }

    func open() throws -> any Store {
        switch self {
        case .memory:
            return try SQLiteStore()
        case .file:
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("tally-test-\(UUID().uuidString).sqlite").path
            return try SQLiteStore(path: path)
        case .postgres:
            return try PostgresScratch.store()
        }
    }
}

/// The import most tests make: a file by "tester", on 2026-11-29 at 10:00.
let testSource = ImportSource(
    name: "test.json", digest: "00", actor: "tester",
    at: Instant("2026-11-29T10:00:00Z") ?? Instant(secondsSinceEpoch: 0))

extension Store {
    /// The operations on this store, at a fixed moment.
    func operations(at instant: Instant = testSource.at) -> Operations {
        Operations(store: self, clock: { instant })
    }

    /// Imports an estate as a file would, with the provenance given.
    @discardableResult
    func importEstate(
        _ estate: Estate, mode: ImportMode, source: ImportSource = testSource, dryRun: Bool = false
    ) async throws -> ImportSummary {
        try await write(rollback: dryRun) { writer in
            try Operations.importEstate(
                estate, mode: mode, source: source, dryRun: dryRun, progress: nil, in: writer)
        }
    }

    /// The whole store as an estate dated `asOf`.
    func loadEstate(asOf day: Day) async throws -> Estate {
        try await read { try $0.estate(asOf: day) }
    }
}

/// The figures of a reconciliation that tests compare.
func reconcile(_ estate: Estate) throws -> Reconciliation {
    try Reconciler.reconcile(estate)
}

extension Estate {
    /// The estate as the store gives it back: installations without a last-seen day get the import's.
    func withLastSeen(_ day: Day) -> Estate {
        var copy = self
        for i in copy.installations.indices where copy.installations[i].lastSeen == nil {
            copy.installations[i].lastSeen = day
        }
        return copy
    }
}

/// An error's words, or nil when `body` succeeds.
func failure(_ body: () async throws -> Void) async -> String? {
    do {
        try await body()
        return nil
    } catch {
        return "\(error)"
    }
}
