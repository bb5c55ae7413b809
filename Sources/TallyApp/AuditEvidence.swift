import Foundation
import TallyCore
import TallyFormats
import TallyStore

/// The audit trail as a pack finds it: how many entries, the last one, and the result of verifying it.
struct AuditState: Sendable {
    var entries: Int
    var head: AuditEntry?
    var verification: AuditVerification
}

/// Everything an audit pack is made of, read from the store in one transaction, and the pack's files made from it.
struct AuditEvidence: Sendable {
    /// A document of a contract, its bytes checked against its digest, and its path in the pack.
    struct Document: Sendable {
        var record: ContractDocument
        var path: String
        var bytes: [UInt8]
    }

    var publisher: String
    var madeAt: Instant
    /// The products whose publisher it is, by id.
    var products: [Product]
    var reconciliation: Reconciliation
    /// The entitlements of those products or covering them, by id.
    var entitlements: [Entitlement]
    /// The contracts those entitlements name, by id.
    var contracts: [Contract]
    var documents: [Document]
    var departments: [Department.ID: Department]
    var installations: [ImportedInstallation]
    var sessions: [ImportedSession]
    /// The batches the installations and sessions name, by id.
    var batches: [ImportBatch]
    var audit: AuditState

    var asOf: Day { reconciliation.asOf }
    var currency: String? { reconciliation.currency }

    /// The positions of the publisher's products, by product id.
    var positions: [Position] {
        let ids = Set(products.map(\.id))
        return reconciliation.positions.filter { ids.contains($0.product) }
    }

    /// The pack's files: README.txt and summary.html first, the records, the documents, then SHA256SUMS over all.
    func files() -> [AuditPack.File] {
        let records: [AuditPack.File] =
            [
                .init(path: "positions.csv", bytes: positionsCSV()),
                .init(path: "consumers.csv", bytes: consumersCSV()),
                .init(path: "entitlements.csv", bytes: entitlementsCSV()),
                .init(path: "contracts.csv", bytes: contractsCSV()),
                .init(path: "documents.csv", bytes: documentsCSV()),
                .init(path: "evidence.csv", bytes: evidenceCSV()),
                .init(path: "usage.csv", bytes: usageCSV()),
                .init(path: "imports.csv", bytes: importsCSV()),
                .init(path: "audit.txt", bytes: Array(auditText().utf8)),
            ] + documents.map { AuditPack.File(path: $0.path, bytes: $0.bytes) }
        let readme = AuditPack.File(path: "README.txt", bytes: Array(readmeText().utf8))
        let listed = [readme] + records
        var files = [readme, AuditPack.File(path: "summary.html", bytes: Array(summaryHTML(listing: listed).utf8))]
        files += records
        let sums = files.map { "\($0.sha256)  \($0.path)\n" }.joined()
        files.append(AuditPack.File(path: "SHA256SUMS", bytes: Array(sums.utf8)))
        return files
    }

    /// The audit trail's state in plain lines, `name: value`.
    func auditText() -> String {
        let result: String =
            switch audit.verification {
            case .intact: "intact"
            case .broken: "broken"
            case .dataDiffers: "data differs"
            }
        var lines = [
            "Audit trail of the store when this pack was made (\(madeAt))",
            "",
            "entries: \(audit.entries)",
        ]
        if let head = audit.head {
            lines += [
                "head sequence: \(head.sequence)", "head hash: \(head.hash)", "head at: \(head.at)",
                "head by: \(head.actor)",
            ]
        } else {
            lines.append("head: none (no change recorded yet)")
        }
        lines += ["verification: \(result)", "result: \(audit.verification.sentence)"]
        if let head = audit.head {
            lines += [
                "", "Kept apart from the store, the head hash shows later that no entry was removed since:",
                "    tally audit verify --head \(head.hash)",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What the pack is and how to check it, in plain words, wrapped for any text viewer.
    func readmeText() -> String {
        let width = (AuditPack.contents.map(\.path.count).max() ?? 0) + 2
        let listing = AuditPack.contents.map { item in
            Self.wrapped(
                item.path.padding(toLength: width, withPad: " ", startingAt: 0) + item.holds,
                indent: String(repeating: " ", count: width))
        }
        let title = "Audit evidence pack: \(publisher), license position as of \(asOf)"
        let paragraphs = [
            "Made by Tally \(TallyRelease.version) at \(madeAt) (UTC) from the records of its store. Amounts are in "
                + "\(currency ?? "the estate's currency (none is set)").",
            "The position is the Effective License Position of each of the publisher's products on \(asOf): the units "
                + "its installations, users and license-server sessions need (demand), the units the entitlements "
                + "bought cover, what is short and what it would cost (exposure), and what was bought and is left "
                + "unused.",
            "The files\n---------\n" + listing.joined(separator: "\n"),
            "Checking the files\n------------------\n"
                + Self.wrapped(
                    "SHA256SUMS holds the SHA-256 digest of every other file. In the pack's folder (a ZIP file "
                        + "unpacked first, for instance with `unzip PACK.zip -d pack`):"),
            """
                sha256sum -c SHA256SUMS               on Linux
                shasum -a 256 -c SHA256SUMS           on macOS
                Get-FileHash -Algorithm SHA256 FILE   in Windows PowerShell, compared with FILE's line
            """,
            "Every file must be reported OK. summary.html lists the same digests for every file but itself and "
                + "SHA256SUMS.",
            "imports.csv names each file the installations and sessions were imported from, with its SHA-256 as it "
                + "was when imported: the digest of a copy of that file (`sha256sum FILE`) equal to it means the same "
                + "bytes.",
            "documents.csv gives each document's SHA-256 as recorded when it was attached; every document was "
                + "checked against it when this pack was made.",
            "audit.txt gives the head hash of the audit trail, which records every import and change. Kept apart "
                + "from the store, it lets anyone run `tally audit verify --head HASH` on the store later to show "
                + "that no entry was removed since.",
            "The CSV files are UTF-8, comma-separated, with a first line naming the columns (RFC 4180). A text that "
                + "begins with =, +, -, or @ is written after a ', so that a spreadsheet shows it instead of running "
                + "it as a formula. Days are YYYY-MM-DD and times UTC.",
        ]
        let body = paragraphs.map { $0.contains("\n") ? $0 : Self.wrapped($0) }
        return ([title + "\n" + String(repeating: "=", count: title.count)] + body).joined(separator: "\n\n") + "\n"
    }

    /// `text` broken between words into lines of at most `width` characters (a longer word stands alone), every
    /// line after the first starting with `indent`.
    static func wrapped(_ text: String, width: Int = 100, indent: String = "") -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.trimmingCharacters(in: .whitespaces).isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = indent + word
            } else {
                line += (line.isEmpty ? "" : " ") + word
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
