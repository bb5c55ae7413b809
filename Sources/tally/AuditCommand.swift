import ArgumentParser
import TallyApp
import TallyCore
import TallyStore

/// `tally audit`: the trail of every change, and its check.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Show the audit trail, or check that nobody has altered it.",
        subcommands: [Log.self, Verify.self, Head.self])

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
                // Every field is printed with its control characters escaped: an actor or id cannot forge a line.
                let shown = Terminal.printable
                for entry in entries {
                    lines.append(
                        "#\(entry.sequence)  \(shown(entry.at))  \(shown(entry.actor))  \(shown(entry.action)) "
                            + "\(shown(entry.entity)) \(shown(entry.entityID))")
                    if let before = entry.before { lines.append("    before: \(shown(before))") }
                    if let after = entry.after { lines.append("    after:  \(shown(after))") }
                }
                Terminal.write(lines.isEmpty ? "No changes recorded.\n" : lines.joined(separator: "\n") + "\n")
            }
        }
    }

    /// `tally audit verify`.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit trail: its hash chain, a head kept elsewhere, and the data against it.",
            discussion: "Each entry records the digest of the estate it left: a change made to the data outside "
                + "Tally is named by its collection. With TALLY_AUDIT_KEY set when changes were made, entries are "
                + "signed with it and are checked with it. --head HASH (from `tally audit head`, kept elsewhere) "
                + "checks that no entry was removed since.")

        @Option(name: .long, help: "A head taken earlier with `tally audit head`: it must still be in the trail.")
        var head: String?

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let result: AuditVerification
                let operations = try store.reading()
                do throws(TallyError) {
                    result = try await operations.verifyAuditTrail(head: head)
                } catch {
                    throw store.failure(error)
                }
                switch result {
                case .intact(let entries):
                    Terminal.write(
                        "The audit trail is intact: \(entries) entries, each chained to the one before, and the data "
                            + "is what the last one recorded.\n")
                case .broken(let sequence, let reason):
                    throw CommandError.input(
                        store.path, reason: "the audit trail is broken at entry \(sequence): \(reason)")
                case .dataDiffers(let collections):
                    throw CommandError.input(
                        store.path,
                        reason: "the data does not match the audit trail: \(collections.joined(separator: ", ")) "
                            + "changed outside Tally")
                }
            }
        }
    }

    /// `tally audit head`.
    struct Head: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the last entry's number and hash, to keep elsewhere for `tally audit verify --head`.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let head: AuditEntry?
                let operations = try store.reading()
                do throws(TallyError) {
                    head = try await operations.auditHead()
                } catch {
                    throw store.failure(error)
                }
                guard let head else {
                    Terminal.write("No changes recorded yet.\n")
                    return
                }
                Terminal.write("\(head.sequence) \(head.hash)\n")
            }
        }
    }
}
