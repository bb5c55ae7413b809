import TallyCore
import TallyFormats
import TallyStore

/// The evidence handed to a publisher's auditor, so that every figure of the position traces back to a file: a
/// printable summary, the records behind it as CSV, the contracts' documents, the imports with their files' digests,
/// the audit trail's state, and the SHA-256 of every file. Front ends write it as a folder, as one ZIP file, or send
/// the ZIP.
public struct AuditPack: Sendable {
    /// One file of the pack: its relative path (`documents/EA-1/order.pdf`) and its bytes.
    public struct File: Sendable, Equatable {
        public let path: String
        public let bytes: [UInt8]

        public init(path: String, bytes: [UInt8]) {
            self.path = path
            self.bytes = bytes
        }

        /// SHA-256 of the bytes, in hex.
        public var sha256: String { AuditChain.digest(bytes) }
    }

    /// The publisher as the estate spells it.
    public let publisher: String
    public let asOf: Day
    /// The files in the order they are packed: README.txt and summary.html first, SHA256SUMS last.
    public let files: [File]

    /// What each file of a pack holds, in the words README.txt and the web page use.
    public static let contents: [(path: String, holds: String)] = [
        ("README.txt", "what each file holds, and how to check the files' digests"),
        (
            "summary.html",
            "the summary to read and print: per product of the publisher, how it is counted and its position (demand, "
                + "covered, shortfall, supply, surplus, exposure, surplus value, status), the totals, the audit trail's "
                + "state, and the SHA-256 of the other files"
        ),
        ("positions.csv", "the summary's figures per product, for a spreadsheet"),
        (
            "consumers.csv",
            "every device, person, host or pool that needs licenses of those products: its units, the entitlements "
                + "that cover them, what is short, its department, and why"
        ),
        (
            "entitlements.csv",
            "every entitlement of those products or covering them: quantity, term, cost and currency, contract, "
                + "purchase order, and the units the position uses and leaves unused"
        ),
        ("contracts.csv", "the contracts those entitlements name"),
        (
            "documents.csv",
            "the documents attached to those contracts: name, SHA-256, size, who attached each and when, and its "
                + "file in the pack"
        ),
        ("documents/", "the documents themselves, one folder per contract, checked against their SHA-256"),
        (
            "evidence.csv",
            "every installation of those products (removed ones too), with the import that wrote it: its batch, "
                + "file, the file's SHA-256, when and by whom"
        ),
        ("usage.csv", "the license-server sessions of those products, with their imports (a header alone if none)"),
        ("imports.csv", "the imports evidence.csv and usage.csv name, with their files' SHA-256 and counts"),
        ("audit.txt", "the audit trail: how many entries, its head hash, and the result of verifying it"),
        ("SHA256SUMS", "the SHA-256 of every other file, to check with `sha256sum -c SHA256SUMS`"),
    ]

    /// The pack's name for a file or folder: `tally-audit-oracle-2026-11-29`.
    public var name: String {
        var slug = ""
        for scalar in publisher.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        slug = String(slug.prefix(60))
        while slug.hasSuffix("-") { slug.removeLast() }
        return "tally-audit-\(slug.isEmpty ? "publisher" : slug)-\(asOf)"
    }

    /// The pack as one ZIP archive, its files in order.
    public func zip() throws(TallyError) -> [UInt8] {
        do throws(FormatError) {
            var pack = ZipPack()
            for file in files { try pack.add(path: file.path, bytes: file.bytes) }
            return try pack.archive()
        } catch {
            throw .failed("the audit pack could not be zipped: \(error.description)")
        }
    }
}
