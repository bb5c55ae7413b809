import Dispatch
import TallyCore
import TallyFormats
import TallyStore

/// Accounts, sign-in and tokens: who may use the web application and its API, and as what.
extension Operations {
    /// How long a signed-in session lasts.
    public static let sessionLifetime: Int64 = 8 * 3600
    /// Failed sign-ins are counted over this many seconds; past the limits below, sign-in is refused for as long.
    static let failureWindow: Int64 = 15 * 60
    static let failuresPerAccount = 5
    static let failuresPerAddress = 20

    /// Adds an account. Without a password, one is made; the password is returned to be shown once.
    public func addAccount(
        _ name: String, role: Role, department: Department.ID? = nil, password: String? = nil, by caller: Caller
    ) async throws(TallyError) -> (account: Account, password: String) {
        try Self.checkAccountName(name)
        let password = password ?? Secrets.random(bytes: 15)
        try Self.checkPassword(password)
        let hash = await hashed(password)
        let account = Account(name: name, role: role, department: department, passwordHash: hash, created: now)
        let at = now
        let signing = signing
        try await writing { writer in
            guard try writer.account(named: name) == nil else {
                throw TallyError.conflict("an account \"\(name)\" exists already")
            }
            try Self.checkDepartment(department, in: writer)
            try writer.insert(account)
            try signing.append(
                Self.accountChange(account, action: "add"), actor: caller.name, at: at, state: nil, in: writer)
        }
        return (account, password)
    }

    /// Every account, by name.
    public func accounts() async throws(TallyError) -> [Account] {
        try await reading { try $0.accounts() }
    }

    /// Whether any account exists (a server with none offers a one-time setup link instead).
    public func hasAccounts() async throws(TallyError) -> Bool {
        try await reading { try !$0.accounts().isEmpty }
    }

    /// Disables an account: its sessions end and its tokens stop working.
    public func disableAccount(_ name: String, by caller: Caller) async throws(TallyError) -> Account {
        try await changeAccount(name, action: "disable", by: caller) { account, writer in
            guard !account.disabled else { throw TallyError.conflict("the account \"\(name)\" is disabled already") }
            account.disabled = true
            try writer.deleteSessions(of: name, expiredBefore: nil)
            try writer.deleteTokens(of: name)
        }
    }

    /// Changes an account's role and department.
    public func setRole(
        _ name: String, role: Role, department: Department.ID?, by caller: Caller
    ) async throws(TallyError) -> Account {
        try await changeAccount(name, action: "role", by: caller) { account, writer in
            try Self.checkDepartment(department, in: writer)
            account.role = role
            account.department = department
        }
    }

    /// Sets an account's password (a new one is made where none is given) and ends its sessions; returns the
    /// password, to be shown once.
    public func setPassword(
        _ name: String, to password: String? = nil, by caller: Caller
    ) async throws(TallyError) -> String {
        let password = password ?? Secrets.random(bytes: 15)
        try Self.checkPassword(password)
        let hash = await hashed(password)
        _ = try await changeAccount(name, action: "password", by: caller) { account, writer in
            account.passwordHash = hash
            try writer.deleteSessions(of: name, expiredBefore: nil)
        }
        return password
    }

    /// Makes an API token for an account, accepted until `expires` (the first day it no longer is). The token is
    /// returned once; the store keeps its digest.
    public func createToken(for name: String, expires: Day?, by caller: Caller) async throws(TallyError) -> String {
        let token = "tally_" + Secrets.random()
        let at = now
        if let expires, expires <= at.day {
            throw .invalid(path: "expires", reason: "\(expires) is not after today; give a later day")
        }
        let record = APIToken(digest: Secrets.digest(token), account: name, created: at, expires: expires)
        let signing = signing
        try await writing { writer in
            guard let account = try writer.account(named: name) else {
                throw TallyError.notFound(kind: "account", id: name)
            }
            guard !account.disabled else { throw TallyError.conflict("the account \"\(name)\" is disabled") }
            try writer.insert(record)
            let after = JSONWriter.object(["account": .string(name), "expires": .string(expires?.description)])
            try signing.append(
                AuditChange(
                    entity: "token", id: String(record.digest.prefix(12)), action: "create", before: nil, after: after),
                actor: caller.name, at: at, state: nil, in: writer)
        }
        return token
    }

    /// Signs in: a new session (a new id at every sign-in) for the right name and password, unless too many
    /// attempts failed lately for the account or from the address.
    public func signIn(name: String, password: String, address: String) async throws(TallyError) -> SessionGrant {
        let at = now
        let keys = ["account:" + name.lowercased(), "address:" + address]
        let since = Instant(secondsSinceEpoch: at.secondsSinceEpoch - Self.failureWindow)
        let (account, failures) = try await reading { reader in
            (try reader.account(named: name), try keys.map { try reader.signInFailures(key: $0, since: since) })
        }
        if failures[0] >= Self.failuresPerAccount || failures[1] >= Self.failuresPerAddress {
            throw .tooManyAttempts("too many failed sign-ins; try again in \(Self.failureWindow / 60) minutes")
        }
        let usable = account.flatMap { $0.disabled ? nil : $0.passwordHash }
        // Unknown and disabled accounts cost a hash too, so that the time taken does not tell them apart.
        let cost = passwordCost
        let matches = await Self.offThread {
            guard let usable else {
                _ = Secrets.hash(password: password, cost: cost)
                return false
            }
            return Secrets.verify(password: password, hash: usable)
        }
        guard matches, let account else {
            try await writing { writer in
                for key in keys { try writer.recordSignInFailure(key: key, at: at) }
                try writer.clearSignInFailures(key: nil, olderThan: since)
            }
            throw .unauthenticated("the name or the password is wrong")
        }
        let token = Secrets.random()
        let session = AccountSession(
            digest: Secrets.digest(token), account: account.name, csrf: Secrets.random(), created: at,
            expires: Instant(secondsSinceEpoch: at.secondsSinceEpoch + Self.sessionLifetime))
        try await writing { writer in
            try writer.clearSignInFailures(key: keys[0], olderThan: nil)
            try writer.deleteSessions(of: nil, expiredBefore: at)
            try writer.insert(session)
        }
        return SessionGrant(token: token, csrf: session.csrf, account: account, expires: session.expires)
    }

    /// Ends a session.
    public func signOut(session token: String) async throws(TallyError) {
        let digest = Secrets.digest(token)
        try await writing { try $0.deleteSession(digest: digest) }
    }

    /// Who a session cookie belongs to; nil when it is unknown, expired or its account disabled.
    public func principal(session token: String) async throws(TallyError) -> Principal? {
        let digest = Secrets.digest(token)
        let at = now
        return try await reading { reader in
            guard let session = try reader.session(digest: digest), session.expires > at,
                let account = try reader.account(named: session.account), !account.disabled
            else { return nil }
            return Principal(account: account, csrf: session.csrf)
        }
    }

    /// Who an API token belongs to; nil when it is unknown, expired or its account disabled.
    public func principal(apiToken token: String) async throws(TallyError) -> Principal? {
        let digest = Secrets.digest(token)
        let day = today
        return try await reading { reader in
            guard let token = try reader.token(digest: digest), token.expires.map({ day < $0 }) ?? true,
                let account = try reader.account(named: token.account), !account.disabled
            else { return nil }
            return Principal(account: account, csrf: nil)
        }
    }

    // MARK: Checks

    private func changeAccount(
        _ name: String, action: String, by caller: Caller,
        _ change: @escaping @Sendable (inout Account, any StoreWriter) throws -> Void
    ) async throws(TallyError) -> Account {
        let at = now
        let signing = signing
        return try await writing { writer in
            guard var account = try writer.account(named: name) else {
                throw TallyError.notFound(kind: "account", id: name)
            }
            let before = account
            try change(&account, writer)
            try writer.update(account)
            var entry = Self.accountChange(account, action: action)
            entry.before = Self.accountChange(before, action: action).after
            try signing.append(entry, actor: caller.name, at: at, state: nil, in: writer)
            return account
        }
    }

    /// An account's change as the audit trail records it: never its password hash.
    private static func accountChange(_ account: Account, action: String) -> AuditChange {
        AuditChange(
            entity: "account", id: account.name, action: action, before: nil,
            after: JSONWriter.object([
                "role": .string(account.role.rawValue),
                "department": .string(account.department?.rawValue),
                "disabled": .bool(account.disabled),
            ]))
    }

    static func checkAccountName(_ name: String) throws(TallyError) {
        let allowed = name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"),
                UInt8(ascii: "@"):
                true
            default: false
            }
        }
        guard (1...64).contains(name.count), allowed else {
            throw .invalid(
                path: "name", reason: "an account name is 1 to 64 letters, digits, '.', '-', '_' or '@'")
        }
    }

    static func checkPassword(_ password: String) throws(TallyError) {
        guard password.count >= 12 else {
            throw .invalid(path: "password", reason: "a password has at least 12 characters")
        }
        // bcrypt reads 72 bytes: a longer password would be cut without a word.
        guard password.utf8.count <= 72 else {
            throw .invalid(path: "password", reason: "a password has at most 72 bytes")
        }
    }

    private static func checkDepartment(_ department: Department.ID?, in reader: any StoreReader) throws {
        if let department, try reader.department(department) == nil {
            throw TallyError.invalid(path: "department", reason: "there is no department \"\(department)\"")
        }
    }

    private func hashed(_ password: String) async -> String {
        let cost = passwordCost
        return await Self.offThread { Secrets.hash(password: password, cost: cost) }
    }

    /// Runs CPU-bound work (a password hash takes a quarter of a second) off the caller's thread pool.
    static func offThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}
