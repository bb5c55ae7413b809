import Foundation
import TallyCore
import TallyFormats
import TallyStore

/// Contracts and the documents attached to them. A contract is a record of the estate (imported, exported, audited
/// and digested like the others); a document is a file kept beside the store under its SHA-256, listed with its
/// contract, never part of the estate file.
extension Operations {
    /// The largest document attached: 64 MB.
    public static let documentLimit = 64 << 20

    public func contracts() async throws(TallyError) -> [Contract] {
        try await reading { try $0.contracts() }
    }

    public func contract(_ id: Contract.ID) async throws(TallyError) -> Contract? {
        try await reading { try $0.contract(id) }
    }

    /// The entitlements whose `contract` names this contract.
    public func entitlements(of contract: Contract.ID) async throws(TallyError) -> [Entitlement] {
        let all = try await reading { try $0.entitlements(EntitlementQuery(page: PageRequest(limit: 1 << 30))) }
        return all.items.filter { $0.contract == contract.rawValue }
    }

    public func addContract(_ item: Contract, by caller: Caller) async throws(TallyError) {
        try await edit(by: caller) { writer in
            try Self.checkNew(item.id.rawValue)
            guard try writer.contract(item.id) == nil else {
                throw TallyError.conflict("contract \"\(item.id)\" already exists")
            }
            try Self.told(as: "contract \"\(item.id)\"", "contracts[0]") { () throws(EstateError) in
                try RecordRules.check(item, at: "contracts[0]")
            }
            try writer.insert(item)
            return (
                AuditChange(
                    entity: "contract", id: item.id.rawValue, action: "add", before: nil,
                    after: EstateFile.json(of: item)), { @Sendable (digest: inout EstateDigest) in digest.add([item]) }
            )
        }
    }

    /// Changes a contract's values and returns it as it is now.
    @discardableResult
    public func editContract(
        _ id: Contract.ID, _ change: ContractChange, by caller: Caller
    ) async throws(TallyError) -> Contract {
        try await editReturning(by: caller) { writer in
            let before = try Self.existing(try writer.contract(id), "contract", id.rawValue)
            let item = change.applied(to: before)
            try Self.told(as: "contract \"\(id)\"", "contracts[0]") { () throws(EstateError) in
                try RecordRules.check(item, at: "contracts[0]")
            }
            try writer.update(item)
            return (
                AuditChange(
                    entity: "contract", id: id.rawValue, action: "edit", before: EstateFile.json(of: before),
                    after: EstateFile.json(of: item)),
                { @Sendable (digest: inout EstateDigest) in digest.replace(before, with: item) }, item
            )
        }
    }

    /// Attaches a file to a contract: its bytes are written beside the store (once per content, under their
    /// SHA-256), then the document is recorded and audited. The estate does not change.
    public func attachDocument(
        to contract: Contract.ID, _ file: Upload, by caller: Caller
    ) async throws(TallyError) -> ContractDocument {
        guard !file.bytes.isEmpty else { throw .invalid(path: "file", reason: "the file is empty") }
        guard file.bytes.count <= Self.documentLimit else {
            throw .invalid(path: "file", reason: "the file is larger than 64 MB")
        }
        let name = Self.documentName(file.name)
        guard try await self.contract(contract) != nil else { throw .notFound(kind: "contract", id: contract.rawValue) }
        let sha256 = file.digest
        try keepDocument(file.bytes, as: sha256)
        let at = now
        let signing = signing
        return try await writing { writer in
            guard try writer.contract(contract) != nil else {
                throw TallyError.notFound(kind: "contract", id: contract.rawValue)
            }
            var document = ContractDocument(
                id: 0, contract: contract, name: name, sha256: sha256, size: file.bytes.count, added: at,
                actor: caller.name)
            document.id = try writer.insert(document)
            let state = try signing.lastState(in: writer, asOf: at.day)
            try signing.append(
                AuditChange(
                    entity: "contract", id: contract.rawValue, action: "attach", before: nil,
                    after: JSONWriter.object([
                        "document": .int(Int(document.id)), "name": .string(name), "sha256": .string(sha256),
                        "size": .int(document.size),
                    ])),
                actor: caller.name, at: at, state: state, in: writer)
            return document
        }
    }

    public func documents(of contract: Contract.ID) async throws(TallyError) -> [ContractDocument] {
        try await reading { try $0.documents(of: contract) }
    }

    /// A document and its bytes, read back from the document folder and checked against the digest recorded.
    public func document(_ id: Int64) async throws(TallyError) -> (document: ContractDocument, bytes: [UInt8]) {
        guard let document = try await reading({ try $0.document(id) }) else {
            throw .notFound(kind: "document", id: String(id))
        }
        return (document, try storedBytes(of: document))
    }

    /// A document's bytes, read back from the document folder and checked against the digest recorded.
    func storedBytes(of document: ContractDocument) throws(TallyError) -> [UInt8] {
        let path = (store.documentFolder as NSString).appendingPathComponent(document.sha256)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .failed("the file of document \(document.id) is missing from \(store.documentFolder)")
        }
        let bytes = [UInt8](data)
        guard AuditChain.digest(bytes) == document.sha256 else {
            throw .failed(
                "the file of document \(document.id) in \(store.documentFolder) was changed after it was attached")
        }
        return bytes
    }

    /// Writes `bytes` to the document folder as `sha256`, unless a file of that content is there already; a file
    /// is written whole (to a temporary name, then renamed) and readable by the store's owner only.
    private func keepDocument(_ bytes: [UInt8], as sha256: String) throws(TallyError) {
        let folder = store.documentFolder
        let path = (folder as NSString).appendingPathComponent(sha256)
        let files = FileManager.default
        if files.fileExists(atPath: path) { return }
        do {
            try files.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let temporary = path + ".partial-\(UUID().uuidString)"
            guard files.createFile(atPath: temporary, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
            else { throw TallyError.failed("cannot write in \(folder)") }
            if rename(temporary, path) != 0 {
                try? files.removeItem(atPath: temporary)
                throw TallyError.failed("cannot keep the document in \(folder)")
            }
        } catch let error as TallyError {
            throw error
        } catch {
            throw .failed("cannot keep the document in \(folder): \(error.localizedDescription)")
        }
    }

    /// The name a document is listed under: the file's own name without its folders, without control characters,
    /// at most 200 characters.
    static func documentName(_ name: String) -> String {
        let base = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(base.unicodeScalars.filter { $0.value >= 32 && $0.value != 127 }.prefix(200))
        return clean.isEmpty ? "document" : clean
    }
}
