import TallyCore
import TallyStore

extension Operations {
    /// The audit trail, oldest first, optionally only the entries about one entity or one record.
    public func auditLog(entity: String? = nil, id: String? = nil) async throws(TallyError) -> [AuditEntry] {
        try await reading { try $0.auditEntries(entity: entity, id: id) }
    }

    /// Checks the audit trail: its hash chain (keyed entries with the audit key), that it still holds `head` (a
    /// head kept elsewhere: nothing removed since), and that the data is what its last entry says it is.
    public func verifyAuditTrail(head: String? = nil) async throws(TallyError) -> AuditVerification {
        let day = today
        let signing = signing
        return try await reading { reader in
            try Self.verification(in: reader, head: head, on: day, signing: signing).result
        }
    }

    /// The check `verifyAuditTrail` makes, inside a transaction already open, and how many entries the trail holds.
    static func verification(
        in reader: any StoreReader, head: String?, on day: Day, signing: AuditSigning
    ) throws -> (result: AuditVerification, entries: Int) {
        let entries = try reader.auditEntries(entity: nil, id: nil)
        let chain = AuditChain.verify(entries, head: try reader.auditHead().recorded, key: signing.key)
        guard case .intact = chain else { return (chain, entries.count) }
        if let head, !entries.contains(where: { $0.hash == head }) {
            let reason = "the head \(head) is not in the trail: entries were removed since it was taken"
            return (.broken(sequence: Int64(entries.count + 1), reason: reason), entries.count)
        }
        let current = EstateDigest(try reader.estate(asOf: day), keys: signing.digests)
        let recorded =
            entries.last(where: { $0.state != nil })?.state.flatMap { EstateDigest($0, keys: signing.digests) }
            ?? (entries.isEmpty ? EstateDigest(keys: signing.digests) : nil)
        if let recorded, recorded != current {
            return (.dataDiffers(collections: current.differences(from: recorded)), entries.count)
        }
        return (chain, entries.count)
    }

    /// The last entry of the audit trail: its number and hash, to keep elsewhere and check against later.
    public func auditHead() async throws(TallyError) -> AuditEntry? {
        try await reading { try $0.auditHead().last }
    }

    /// Products whose license model no publisher uses, with the rule template to use instead.
    public func licenseModelFindings() async throws(TallyError) -> [LicenseFinding] {
        let day = today
        return LicenseModelCheck.findings(try await reading { try $0.estate(asOf: day) }.products)
    }

    /// Processors a vendor table does not list although a product counts by it on them.
    public func unconfirmedProcessors() async throws(TallyError) -> [UnconfirmedProcessor] {
        let day = today
        return UnconfirmedProcessor.find(in: try await reading { try $0.estate(asOf: day) })
    }
}

extension AuditVerification {
    /// The result in one sentence, as `tally audit verify` says it.
    public var sentence: String {
        switch self {
        case .intact(let entries):
            "The audit trail is intact: \(entries) entries, each chained to the one before, and the data is what the "
                + "last one recorded."
        case .broken(let sequence, let reason):
            "The audit trail is broken at entry \(sequence): \(reason)."
        case .dataDiffers(let collections):
            "The data does not match the audit trail: \(collections.joined(separator: ", ")) changed outside Tally."
        }
    }
}
