import Foundation
import TallyCore
import TallyFormats
import TallyStore

/// Everything a license manager can do, one function per action, for every front end: the command line and the web
/// server parse their input into these calls and render what comes back, so that both do exactly the same. Each
/// operation takes plain values, runs against the store in one transaction, and fails with a `TallyError` having
/// changed nothing. The rules of the domain live here and in `TallyCore`, never in a backend.
public struct Operations: Sendable {
    public let store: any Store
    /// The moment now, to the second; tests fix it.
    public let clock: @Sendable () -> Instant
    /// The latest position computed, kept while the store stays at its generation.
    let positions = PositionCache()
    /// The latest reclaim report and forecast history computed, kept while the store stays at its generation.
    let reclaims = ResultCache<ReclaimQuestion, ReclaimReport>()
    let demandHistories = ResultCache<DemandHistory.Question, DemandHistory>()
    /// How audit entries are signed and the estate digested: with the audit key, where one is given.
    let signing: AuditSigning

    /// How much work a password hash takes (bcrypt's cost: 2^cost rounds); tests lower it.
    let passwordCost: UInt8

    /// Operations on `store`, timed by `clock`, the audit trail signed with `auditKey` where one is given.
    public init(
        store: any Store, clock: @escaping @Sendable () -> Instant = Operations.systemClock, auditKey: AuditKey? = nil,
        passwordCost: UInt8 = 12
    ) {
        self.store = store
        self.clock = clock
        self.signing = AuditSigning(key: auditKey)
        self.passwordCost = min(max(passwordCost, 4), 31)
    }

    /// The system's clock, to the second.
    public static let systemClock: @Sendable () -> Instant = {
        Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970.rounded(.down)))
    }

    var now: Instant { clock() }
    var today: Day { clock().day }

    /// Runs an operation's body, turning every failure into a `TallyError`: a broken rule of the estate format
    /// keeps its path, and anything unforeseen is a failure in its own words.
    func guarded<T>(_ body: () async throws -> T) async throws(TallyError) -> T {
        do {
            return try await body()
        } catch let error as TallyError {
            throw error
        } catch let error as EstateError {
            throw TallyError(error)
        } catch let error as FormatError {
            throw .invalid(path: "", reason: error.description)
        } catch {
            throw .failed("\(error)")
        }
    }

    /// Reads, as `guarded`.
    func reading<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws(TallyError) -> T {
        try await guarded { try await store.read(body) }
    }

    /// Runs scheduled work unless another server sharing the store is doing it now (then nil).
    public func exclusively<T: Sendable>(
        _ work: ScheduledWork, _ body: @escaping @Sendable () async throws -> T
    ) async throws(TallyError) -> T? {
        try await guarded { try await store.exclusively(work, body) }
    }

    /// Writes one transaction (rolled back for a dry run), as `guarded`.
    func writing<T: Sendable>(
        dryRun: Bool = false, _ body: @escaping @Sendable (any StoreWriter) throws -> T
    ) async throws(TallyError) -> T {
        try await guarded { try await store.write(rollback: dryRun, body) }
    }
}

/// Who asks for an operation: the name the audit trail records.
public struct Caller: Sendable, Equatable {
    public var name: String

    public init(_ name: String) {
        self.name = name
    }
}

/// A file handed to an import: its name as the user knows it, and its bytes.
public struct Upload: Sendable {
    public var name: String
    public var bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// SHA-256 of the bytes, in hex: how the store knows a file imported before.
    public var digest: String { AuditChain.digest(bytes) }
}

/// Told during an import how many records of how many are written.
public typealias ImportProgress = @Sendable (_ done: Int, _ total: Int) -> Void

/// How audit entries are signed (HMAC with the audit key, else plain SHA-256) and the estate's digest keyed.
struct AuditSigning: Sendable {
    var key: AuditKey?
    var digests: DigestKeys { DigestKeys(secret: key?.digestSecret) }

    static let unkeyed = AuditSigning(key: nil)

    /// Appends a change with the digest of the estate it left.
    func append(
        _ change: AuditChange, actor: String, at: Instant, state: EstateDigest?, in writer: any StoreWriter
    ) throws {
        try writer.appendAudit(change, actor: actor, at: at, state: state?.description, key: key)
    }

    /// The digest of the estate the last entry recorded; computed from the store where no entry has one yet.
    func lastState(in writer: any StoreWriter, asOf day: Day) throws -> EstateDigest {
        if let text = try writer.auditHead().last?.state, let state = EstateDigest(text, keys: digests) {
            return state
        }
        return EstateDigest(try writer.estate(asOf: day), keys: digests)
    }
}
