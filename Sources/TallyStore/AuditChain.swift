import Crypto
import Foundation
import TallyCore

/// One entry of the audit trail: who changed what, when, from which values to which, chained by hashes.
public struct AuditEntry: Sendable, Equatable {
    public var sequence: Int64
    public var at: String
    public var actor: String
    public var entity: String
    public var entityID: String
    public var action: String
    public var before: String?
    public var after: String?
    public var previousHash: String
    public var hash: String

    public init(
        sequence: Int64, at: String, actor: String, entity: String, entityID: String, action: String,
        before: String?, after: String?, previousHash: String, hash: String
    ) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.entity = entity
        self.entityID = entityID
        self.action = action
        self.before = before
        self.after = after
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// One change to record: what, which one, and the values before and after (JSON objects, nil where none).
public struct AuditChange: Sendable, Equatable {
    public var entity: String
    public var id: String
    public var action: String
    public var before: String?
    public var after: String?

    public init(entity: String, id: String, action: String, before: String?, after: String?) {
        self.entity = entity
        self.id = id
        self.action = action
        self.before = before
        self.after = after
    }
}

/// The result of recomputing the audit trail's hash chain.
public enum AuditVerification: Sendable, Equatable {
    case intact(entries: Int)
    /// The first entry whose hash, or link to the entry before, does not match; or a gap in the numbering.
    case broken(sequence: Int64, reason: String)
}

/// The audit trail's hash chain, the same for every backend: each entry's hash covers its content and the previous
/// entry's hash, so that an edited, deleted or reordered entry breaks the chain from there on.
public enum AuditChain {
    /// The hash before the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// SHA-256 over every field but the hash itself, fields separated so that no two entries read alike.
    public static func hash(of entry: AuditEntry) -> String {
        let fields = [
            String(entry.sequence), entry.at, entry.actor, entry.entity, entry.entityID, entry.action,
            entry.before ?? "\u{0}", entry.after ?? "\u{0}", entry.previousHash,
        ]
        return hex(SHA256.hash(data: Data(fields.joined(separator: "\u{1E}").utf8)))
    }

    /// SHA-256 of bytes, in hex: how an imported file is identified.
    public static func digest(_ bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Walks `entries` (all of them, oldest first) from the first and names the first that does not hold; `head` is
    /// the sequence the store recorded apart as the last, so that removing the last entries is noticed too.
    public static func verify(_ entries: [AuditEntry], head: Int64?) -> AuditVerification {
        var previous = genesis
        var expected: Int64 = 1
        for entry in entries {
            if entry.sequence != expected {
                return .broken(
                    sequence: expected, reason: "entry \(expected) is missing (the next is \(entry.sequence))")
            }
            if entry.previousHash != previous {
                return .broken(sequence: entry.sequence, reason: "it does not follow the entry before it")
            }
            if hash(of: entry) != entry.hash {
                return .broken(sequence: entry.sequence, reason: "its content does not match its hash")
            }
            previous = entry.hash
            expected += 1
        }
        if let head, head >= expected {
            return .broken(sequence: expected, reason: "entries \(expected) to \(head) are missing")
        }
        return .intact(entries: entries.count)
    }
}

extension StoreWriter {
    /// Appends one change to the audit trail, chained to the last entry.
    public func appendAudit(_ change: AuditChange, actor: String, at: Instant) throws {
        let last = try auditHead().last
        var entry = AuditEntry(
            sequence: (last?.sequence ?? 0) + 1, at: at.description, actor: actor, entity: change.entity,
            entityID: change.id, action: change.action, before: change.before, after: change.after,
            previousHash: last?.hash ?? AuditChain.genesis, hash: "")
        entry.hash = AuditChain.hash(of: entry)
        try insertAuditEntry(entry)
    }
}
