import ArgumentParser
import TallyApp
import TallyCore

/// `tally report audit`: the evidence pack handed to a publisher's auditor.
struct ReportAuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract:
            "Write the evidence pack for a publisher's auditor: its position and every record and file behind it.",
        discussion: """
            The pack holds a printable summary (summary.html), the positions, consumers, entitlements, contracts and \
            their documents, the installations and license-server sessions with the imports they came from and \
            those files' SHA-256, the audit trail's head and its verification, a README.txt that explains each \
            file, and SHA256SUMS to check them all (`sha256sum -c SHA256SUMS`). It is written whole or not at all.
            """)

    @Option(name: .long, help: "The publisher whose products are audited, as the products name it (in any case).")
    var publisher: String

    @Option(name: .customLong("as-of"), help: "The day of the position (YYYY-MM-DD); today by default.")
    var asOf: Day?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A new or empty folder to write the files into, or a file ending in .zip to write them as one ZIP.",
            valueName: "folder-or-zip"))
    var out: String

    @Flag(name: .long, help: "Replace an existing ZIP file, or a folder holding a pack written before.")
    var force = false

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            // Refused before the store is read: a pack that could not be written is not worth computing.
            try written { () throws(TallyError) in try AuditPack.checkDestination(out, replace: force) }
            let operations = try store.reading()
            let pack: AuditPack
            do throws(TallyError) {
                pack = try await operations.auditPack(publisher: publisher, asOf: asOf)
            } catch {
                guard case .notFound(kind: "publisher", let name) = error else { throw store.failure(error) }
                let known = (try? await operations.publishers()) ?? []
                throw CommandError.input(
                    store.path,
                    reason: "no product's publisher is \"\(name)\"; "
                        + (known.isEmpty
                            ? "the store holds no product with a publisher"
                            : "the publishers are \(known.joined(separator: ", "))"))
            }
            try written { () throws(TallyError) in try pack.write(to: out, replace: force) }
            var text =
                "Wrote the audit pack of \(pack.publisher) as of \(pack.asOf) to \(out): \(pack.files.count) files."
            switch AuditPack.Destination(out) {
            case .folder: text += " Check it with: cd \(out) && sha256sum -c SHA256SUMS"
            case .zip: text += " Unpack it with: unzip \(out) -d \(pack.name)"
            }
            Terminal.write(text + "\n")
        }
    }

    /// Runs a step that writes to `--out`, its refusal told against that path with what to do.
    private func written(_ body: () throws(TallyError) -> Void) throws(CommandError) {
        do throws(TallyError) {
            try body()
        } catch {
            switch error {
            case .invalid(let path, let reason): throw .file(path, reason: reason)
            case .conflict(let reason): throw .usage(reason + "; give another --out, or --force to replace it")
            default: throw .file(out, reason: error.description)
            }
        }
    }
}
