import TallyCore
import TallyStore

extension Operations {
    /// The audit trail, oldest first, optionally only the entries about one entity or one record.
    public func auditLog(entity: String? = nil, id: String? = nil) async throws(TallyError) -> [AuditEntry] {
        try await reading { try $0.auditEntries(entity: entity, id: id) }
    }

    /// Recomputes the audit trail's hash chain and names the first entry that does not match.
    public func verifyAuditTrail() async throws(TallyError) -> AuditVerification {
        try await reading { reader in
            AuditChain.verify(try reader.auditEntries(entity: nil, id: nil), head: try reader.auditHead().recorded)
        }
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
