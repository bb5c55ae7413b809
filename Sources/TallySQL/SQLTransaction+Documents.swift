import TallyCore
import TallyStore

/// The documents attached to contracts: rows that name the files kept in the store's document folder.
extension SQLTransaction {
    private static let documentColumns = "id, contract, name, sha256, size, added, actor"

    func documents(of contract: Contract.ID?) throws -> [ContractDocument] {
        try SQLRow.fetchAll(
            db,
            sql: "SELECT \(Self.documentColumns) FROM contract_document"
                + (contract == nil ? "" : " WHERE contract = ?") + " ORDER BY id",
            arguments: SQLArguments(contract.map { [$0.rawValue] } ?? [])
        ).map(Self.document)
    }

    func document(_ id: Int64) throws -> ContractDocument? {
        try SQLRow.fetchOne(
            db, sql: "SELECT \(Self.documentColumns) FROM contract_document WHERE id = ?", arguments: [id]
        ).map(Self.document)
    }

    func insert(_ document: ContractDocument) throws -> Int64 {
        try Self.insertedID(
            db,
            sql: "INSERT INTO contract_document (contract, name, sha256, size, added, actor) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [
                document.contract.rawValue, document.name, document.sha256, document.size,
                document.added.secondsSinceEpoch, document.actor,
            ])
    }

    private static func document(_ row: SQLRow) -> ContractDocument {
        ContractDocument(
            id: row[0], contract: .init(row[1] as String), name: row[2], sha256: row[3], size: row[4],
            added: Instant(secondsSinceEpoch: row[5]), actor: row[6])
    }
}
