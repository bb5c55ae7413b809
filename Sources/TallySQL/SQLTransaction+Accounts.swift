import TallyCore
import TallyStore

extension SQLTransaction {
    func accounts() throws -> [Account] {
        try AccountRow.fetchAll(db, sql: "SELECT \(AccountRow.columns) FROM account ORDER BY name").map(\.account)
    }

    func account(named name: String) throws -> Account? {
        try AccountRow.fetchOne(db, sql: "SELECT \(AccountRow.columns) FROM account WHERE name = ?", arguments: [name])?
            .account
    }

    func session(digest: String) throws -> AccountSession? {
        try SQLRow.fetchOne(
            db, sql: "SELECT account, csrf, created, expires FROM account_session WHERE digest = ?", arguments: [digest]
        ).map { row in
            AccountSession(
                digest: digest, account: row["account"], csrf: row["csrf"],
                created: Instant(secondsSinceEpoch: row["created"]), expires: Instant(secondsSinceEpoch: row["expires"])
            )
        }
    }

    func token(digest: String) throws -> APIToken? {
        try SQLRow.fetchOne(
            db, sql: "SELECT account, created, expires FROM api_token WHERE digest = ?", arguments: [digest]
        )
        .map { row in
            APIToken(
                digest: digest, account: row["account"], created: Instant(secondsSinceEpoch: row["created"]),
                expires: (row["expires"] as String?).flatMap { Day($0) })
        }
    }

    func signInFailures(key: String, since: Instant) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT count(*) FROM sign_in_failure WHERE key = ? AND at >= ?",
            arguments: [key, since.secondsSinceEpoch]) ?? 0
    }

    func insert(_ account: Account) throws {
        try db.execute(
            sql: """
                INSERT INTO account (name, role, department, password_hash, disabled, created)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                account.name, account.role.rawValue, account.department?.rawValue, account.passwordHash,
                account.disabled, account.created.secondsSinceEpoch,
            ])
    }

    func update(_ account: Account) throws {
        try db.execute(
            sql: "UPDATE account SET role = ?, department = ?, password_hash = ?, disabled = ? WHERE name = ?",
            arguments: [
                account.role.rawValue, account.department?.rawValue, account.passwordHash, account.disabled,
                account.name,
            ])
    }

    func insert(_ session: AccountSession) throws {
        try db.execute(
            sql: "INSERT INTO account_session (digest, account, csrf, created, expires) VALUES (?, ?, ?, ?, ?)",
            arguments: [
                session.digest, session.account, session.csrf, session.created.secondsSinceEpoch,
                session.expires.secondsSinceEpoch,
            ])
    }

    func deleteSession(digest: String) throws {
        try db.execute(sql: "DELETE FROM account_session WHERE digest = ?", arguments: [digest])
    }

    func deleteSessions(of account: String?, expiredBefore: Instant?) throws {
        if let account {
            try db.execute(sql: "DELETE FROM account_session WHERE account = ?", arguments: [account])
        }
        if let expiredBefore {
            try db.execute(
                sql: "DELETE FROM account_session WHERE expires < ?", arguments: [expiredBefore.secondsSinceEpoch])
        }
    }

    func insert(_ token: APIToken) throws {
        try db.execute(
            sql: "INSERT INTO api_token (digest, account, created, expires) VALUES (?, ?, ?, ?)",
            arguments: [token.digest, token.account, token.created.secondsSinceEpoch, token.expires?.description])
    }

    func deleteTokens(of account: String) throws {
        try db.execute(sql: "DELETE FROM api_token WHERE account = ?", arguments: [account])
    }

    func recordSignInFailure(key: String, at: Instant) throws {
        try db.execute(
            sql: "INSERT INTO sign_in_failure (key, at) VALUES (?, ?)", arguments: [key, at.secondsSinceEpoch])
    }

    func clearSignInFailures(key: String?, olderThan: Instant?) throws {
        if let key { try db.execute(sql: "DELETE FROM sign_in_failure WHERE key = ?", arguments: [key]) }
        if let olderThan {
            try db.execute(
                sql: "DELETE FROM sign_in_failure WHERE at < ?", arguments: [olderThan.secondsSinceEpoch])
        }
    }
}

/// An account, read by column name.
struct AccountRow: SQLRecord {
    static let columns = "name, role, department, password_hash, disabled, created"
    let account: Account

    init(row: SQLRow) throws {
        let role: String = row["role"]
        guard let known = Role(rawValue: role) else { throw TallyError.failed("an account has an unknown role") }
        account = Account(
            name: row["name"], role: known, department: (row["department"] as String?).map { Department.ID($0) },
            passwordHash: row["password_hash"], disabled: row["disabled"],
            created: Instant(secondsSinceEpoch: row["created"]))
    }
}
