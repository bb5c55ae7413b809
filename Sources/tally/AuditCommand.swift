import ArgumentParser
import TallyApp
import TallyCore
import TallyStore

/// `tally audit`: the trail of every change, and its check.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Show the audit trail, or check that nobody has altered it.",
        subcommands: [Log.self, Verify.self])

    /// `tally audit log`.
    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every change, oldest first.")

        @Option(
            name: .long, help: "Only changes to this kind of record (import, entitlement, product, device, assignment)."
        )
        var entity: String?

        @Option(name: .long, help: "Only changes to the record with this id.")
        var id: String?

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let entries: [AuditEntry]
                let operations = try store.reading()
                do throws(TallyError) {
                    entries = try await operations.auditLog(entity: entity, id: id)
                } catch {
                    throw store.failure(error)
                }
                var lines: [String] = []
                for entry in entries {
                    lines.append(
                        "#\(entry.sequence)  \(entry.at)  \(entry.actor)  \(entry.action) \(entry.entity) "
                            + "\(entry.entityID)")
                    if let before = entry.before { lines.append("    before: \(before)") }
                    if let after = entry.after { lines.append("    after:  \(after)") }
                }
                Terminal.write(lines.isEmpty ? "No changes recorded.\n" : lines.joined(separator: "\n") + "\n")
            }
        }
    }

    /// `tally audit verify`.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the audit trail's hash chain and name the first entry that does not match.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let result: AuditVerification
                let operations = try store.reading()
                do throws(TallyError) {
                    result = try await operations.verifyAuditTrail()
                } catch {
                    throw store.failure(error)
                }
                switch result {
                case .intact(let entries):
                    Terminal.write("The audit trail is intact: \(entries) entries, each chained to the one before.\n")
                case .broken(let sequence, let reason):
                    throw CommandError.input(
                        store.path, reason: "the audit trail is broken at entry \(sequence): \(reason)")
                }
            }
        }
    }
}
