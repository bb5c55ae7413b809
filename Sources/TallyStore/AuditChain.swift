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
    /// The digest of the estate this change left (`EstateDigest`); nil in entries older than digests.
    public var state: String?

    public init(
        sequence: Int64, at: String, actor: String, entity: String, entityID: String, action: String,
        before: String?, after: String?, previousHash: String, hash: String, state: String? = nil
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
        self.state = state
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
    /// The chain holds, but the data is not what the trail says: these collections were changed outside Tally.
    case dataDiffers(collections: [String])
}

/// The audit trail's hash chain, the same for every backend: each entry's hash covers its content, the digest of
/// the estate it left and the previous entry's hash, so that an edited, deleted or reordered entry breaks the chain
/// from there on. With a key (`TALLY_AUDIT_KEY`) hashes are HMAC-SHA-256, written `hmac:...`: without the key, a
/// chain cannot be recomputed after an edit.
public enum AuditChain {
    /// The hash before the first entry.
    public static let genesis = String(repeating: "0", count: 64)
    /// How a keyed hash is written.
    public static let keyedPrefix = "hmac:"

    /// The hash of an entry: SHA-256 over every field but the hash itself, fields separated so that no two entries
    /// read alike; HMAC-SHA-256 with a key.
    public static func hash(of entry: AuditEntry, key: AuditKey?) -> String {
        var fields = [
            String(entry.sequence), entry.at, entry.actor, entry.entity, entry.entityID, entry.action,
            entry.before ?? "\u{0}", entry.after ?? "\u{0}", entry.previousHash,
        ]
        // Entries older than digests are hashed as they were.
        if let state = entry.state { fields.append(state) }
        let data = Data(fields.joined(separator: "\u{1E}").utf8)
        guard let key else { return hex(Array(SHA256.hash(data: data))) }
        return keyedPrefix + hex(Array(HMAC<SHA256>.authenticationCode(for: data, using: key.symmetric)))
    }

    /// SHA-256 of bytes, in hex: how an imported file is identified.
    public static func digest(_ bytes: [UInt8]) -> String { hex(Array(SHA256.hash(data: bytes))) }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Walks `entries` (all of them, oldest first) from the first and names the first that does not hold: a gap,
    /// a broken link, content that does not match its hash (a keyed entry needs the key). `head` is the sequence
    /// the store recorded apart as the last, so that removing the last entries is noticed too. With a key, the
    /// trail must be signed from its first signed entry on, and its last entry must be: entries written before a
    /// key was used stay as they were, and a chain recomputed without the key is named.
    public static func verify(_ entries: [AuditEntry], head: Int64?, key: AuditKey?) -> AuditVerification {
        var previous = genesis
        var expected: Int64 = 1
        var signedSince: Int64?
        for entry in entries {
            if entry.sequence != expected {
                return .broken(
                    sequence: expected, reason: "entry \(expected) is missing (the next is \(entry.sequence))")
            }
            if entry.previousHash != previous {
                return .broken(sequence: entry.sequence, reason: "it does not follow the entry before it")
            }
            let keyed = entry.hash.hasPrefix(keyedPrefix)
            if keyed, key == nil {
                return .broken(
                    sequence: entry.sequence, reason: "it is signed with an audit key; set TALLY_AUDIT_KEY to verify it"
                )
            }
            if keyed, signedSince == nil { signedSince = entry.sequence }
            if key != nil, !keyed, signedSince != nil || entry.sequence == Int64(entries.count) {
                return .broken(
                    sequence: entry.sequence, reason: "it is not signed with the audit key, as the entries around it")
            }
            if hash(of: entry, key: keyed ? key : nil) != entry.hash {
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

/// The secret that signs the audit trail's entries, and keys the digests of the estate they record.
public struct AuditKey: Sendable {
    let symmetric: SymmetricKey
    /// 32 bytes derived from the secret, for the digests' keys.
    public let digestSecret: [UInt8]

    /// A key from a secret text (`TALLY_AUDIT_KEY`); nil for an empty one.
    public init?(_ secret: String) {
        guard !secret.isEmpty else { return nil }
        symmetric = SymmetricKey(data: Data(secret.utf8))
        digestSecret = Array(SHA256.hash(data: Data(("tally estate digest\u{1E}" + secret).utf8)))
    }
}

extension StoreWriter {
    /// Appends one change to the audit trail, chained to the last entry, with the digest of the estate it left,
    /// signed with `key` where one is given.
    public func appendAudit(
        _ change: AuditChange, actor: String, at: Instant, state: String? = nil, key: AuditKey? = nil
    ) throws {
        let last = try auditHead().last
        var entry = AuditEntry(
            sequence: (last?.sequence ?? 0) + 1, at: at.description, actor: actor, entity: change.entity,
            entityID: change.id, action: change.action, before: change.before, after: change.after,
            previousHash: last?.hash ?? AuditChain.genesis, hash: "", state: state)
        entry.hash = AuditChain.hash(of: entry, key: key)
        try insertAuditEntry(entry)
    }
}
