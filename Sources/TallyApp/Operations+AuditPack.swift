import Foundation
import TallyCore
import TallyStore

/// The evidence handed to a publisher's auditor: the position of the publisher's products on a day, and every record
/// and file behind its figures.
extension Operations {
    /// The publishers the estate's products name, each once whatever its case, in alphabetical order.
    public func publishers() async throws(TallyError) -> [String] {
        Self.distinctPublishers(try await reading { try $0.publishers() })
    }

    /// The audit evidence pack of `publisher` (matched without regard to case) on `asOf` (today by default): the
    /// position of its products, their consumers, entitlements, contracts and documents, the installations and
    /// license-server sessions with the imports that wrote them, and the audit trail's state, read in one transaction.
    /// A publisher no product names is `notFound`; a document whose bytes no longer match its digest fails the pack.
    public func auditPack(publisher name: String, asOf: Day? = nil) async throws(TallyError) -> AuditPack {
        let day = asOf ?? today
        let (verifiedOn, madeAt, signing) = (today, now, signing)
        let wanted = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let read = try await reading { reader in
            guard
                let publisher = Self.distinctPublishers(try reader.publishers()).first(where: {
                    Self.samePublisher($0, wanted)
                })
            else { throw TallyError.notFound(kind: "publisher", id: wanted) }
            let (estate, table) = try reader.estateForReconciling(asOf: day)
            let products = estate.products.filter { $0.publisher.map { Self.samePublisher($0, wanted) } ?? false }
            // A suite counts its components' installations: they are evidence of it too.
            let counted = Set(products.flatMap { [$0.id] + $0.components }).sorted()
            let installations = try reader.installations(of: counted)
            let sessions = try reader.usage(of: counted)
            let batchIDs = Set(installations.compactMap(\.batch) + sessions.compactMap(\.batch)).sorted()
            let ids = Set(products.map(\.id))
            let entitlements = estate.entitlements.filter {
                ids.contains($0.product) || $0.covers.contains(where: ids.contains)
            }
            let named = Set(entitlements.compactMap(\.contract))
            let contracts = estate.contracts.filter { named.contains($0.id.rawValue) }
            let (verification, entries) = try Self.verification(in: reader, head: nil, on: verifiedOn, signing: signing)
            return AuditReading(
                publisher: publisher, estate: estate, table: table, products: products.sorted { $0.id < $1.id },
                entitlements: entitlements.sorted { $0.id < $1.id }, contracts: contracts.sorted { $0.id < $1.id },
                documents: try contracts.flatMap { try reader.documents(of: $0.id) },
                installations: installations, sessions: sessions, batches: try reader.batches(ids: batchIDs),
                audit: AuditState(entries: entries, head: try reader.auditHead().last, verification: verification))
        }
        let reconciliation = try await Self.reconcileOffThread(read.estate, installations: read.table)
        var documents: [AuditEvidence.Document] = []
        var paths = PackPaths()
        for document in read.documents {
            let path = paths.document(document.name, of: document.contract)
            documents.append(.init(record: document, path: path, bytes: try storedBytes(of: document)))
        }
        let evidence = AuditEvidence(
            publisher: read.publisher, madeAt: madeAt, products: read.products, reconciliation: reconciliation,
            entitlements: read.entitlements, contracts: read.contracts, documents: documents,
            departments: Dictionary(read.estate.departments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }),
            installations: read.installations, sessions: read.sessions, batches: read.batches, audit: read.audit)
        return AuditPack(publisher: read.publisher, asOf: day, files: evidence.files())
    }

    /// Publishers once each, the first spelling of those that differ only in case, sorted without regard to case.
    static func distinctPublishers(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        var distinct: [String] = []
        for name in names.sorted() {
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, seen.insert(trimmed.lowercased()).inserted else { continue }
            distinct.append(trimmed)
        }
        return distinct.sorted { $0.lowercased() < $1.lowercased() }
    }

    /// Whether two names are one publisher: equal without regard to case or surrounding spaces.
    static func samePublisher(_ a: String, _ b: String) -> Bool {
        a.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            == b.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}

/// What the pack's one read of the store returns, before the position is computed from it.
private struct AuditReading: Sendable {
    var publisher: String
    var estate: Estate
    var table: InstallationTable
    var products: [Product]
    var entitlements: [Entitlement]
    var contracts: [Contract]
    var documents: [ContractDocument]
    var installations: [ImportedInstallation]
    var sessions: [ImportedSession]
    var batches: [ImportBatch]
    var audit: AuditState
}
