import ArgumentParser
import Dispatch
import Foundation
import TallyApp
import TallyCore
import TallySQL
import TallyStore

/// `tally migrate`: a whole store copied into a new one, on the other backend or the same, and checked.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Copy a whole store into a new one (SQLite to PostgreSQL, or back).",
        discussion: """
            Everything is copied in one transaction on each side: the estate with its import batches, the inventory \
            evidence, positions kept, accounts, alerts, the audit trail as it is, and the documents attached to \
            contracts. The store copied into must be empty (a new file, or a new database). At the end its audit \
            trail is verified: its chain, and the data against what the last entry recorded.
            """)

    @Option(name: .long, help: "The store to copy: a SQLite file or a postgres:// URL.")
    var from: String

    @Option(name: .long, help: "The new store to copy into: a SQLite file or a postgres:// URL.")
    var to: String

    func run() async throws {
        try await reportingErrors {
            let source: any SQLStore, destination: any SQLStore
            do throws(TallyError) {
                source = try StoreOptions.open(from, .readOnly)
            } catch {
                throw CommandError.input(StoreOptions.display(from), reason: StoreOptions.hinted(error))
            }
            do throws(TallyError) {
                destination = try StoreOptions.open(to)
            } catch {
                throw CommandError.input(StoreOptions.display(to), reason: StoreOptions.hinted(error))
            }
            let summary: StoreCopy.Summary
            do {
                summary = try await Self.offThread {
                    try StoreCopy.copy(from: source, to: destination) { table, rows in
                        if rows > 0 { Terminal.error("  \(table): \(rows) rows") }
                    }
                }
            } catch let error as TallyError {
                throw CommandError.input(StoreOptions.display(to), reason: StoreOptions.hinted(error))
            }
            let verification: AuditVerification
            do throws(TallyError) {
                verification = try await Operations(store: destination, auditKey: StoreOptions.auditKey)
                    .verifyAuditTrail()
            } catch {
                throw CommandError.input(StoreOptions.display(to), reason: StoreOptions.hinted(error))
            }
            Terminal.write(
                "Copied \(summary.rows) rows of \(summary.tables) tables and \(summary.documents) documents from "
                    + "\(StoreOptions.display(from)) to \(StoreOptions.display(to)).\n")
            switch verification {
            case .intact(let entries):
                Terminal.write("The copy's audit trail is intact: \(entries) entries, and the data is what they say.\n")
            case .broken(let sequence, let reason):
                throw CommandError.input(
                    StoreOptions.display(to), reason: "the copy's audit trail is broken at entry \(sequence): \(reason)"
                )
            case .dataDiffers(let collections):
                throw CommandError.input(
                    StoreOptions.display(to),
                    reason: "the copy's data does not match its audit trail: \(collections.joined(separator: ", "))")
            }
        }
    }

    /// Runs the copy's blocking transactions on a thread of their own.
    private static func offThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result { try work() }) }
        }
    }
}
