import Foundation
import TallyCore
import TallyStore
import Testing

@testable import TallyApp
@testable import TallySQLite

/// Accounts, sign-in, sessions and tokens, through the operations the CLI and the web server call.
@Suite("Accounts and sign-in")
struct AccountTests {
    private let admin = Caller("root")

    /// Operations at a moment that tests move, with the cheapest password hash.
    private final class Clock: @unchecked Sendable {
        var now = Instant(secondsSinceEpoch: 1_796_000_000)
    }

    private func operations(_ store: any Store, _ clock: Clock) -> Operations {
        Operations(store: store, clock: { clock.now }, passwordCost: 4)
    }

    @Test(
        "An account signs in with its password; every sign-in gets a new session, which names the account",
        arguments: Backend.allCases)
    func signIn(backend: Backend) async throws {
        let clock = Clock()
        let operations = operations(try backend.open(), clock)
        let (account, password) = try await operations.addAccount("ana", role: .manager, by: admin)
        #expect(account.role == .manager && password.count >= 12)
        let first = try await operations.signIn(name: "ana", password: password, address: "10.0.0.1")
        let second = try await operations.signIn(name: "ana", password: password, address: "10.0.0.1")
        #expect(first.token != second.token && first.csrf != second.csrf)
        let principal = try #require(try await operations.principal(session: first.token))
        #expect(principal.account.name == "ana" && principal.csrf == first.csrf)
        #expect(principal.acceptsCSRF(first.csrf) && !principal.acceptsCSRF(second.csrf))
        try await operations.signOut(session: first.token)
        #expect(try await operations.principal(session: first.token) == nil)
        #expect(try await operations.principal(session: second.token) != nil)
    }

    @Test("Sessions expire; a token from a cookie the server never gave is nobody")
    func expiry() async throws {
        let clock = Clock()
        let operations = operations(try SQLiteStore(), clock)
        _ = try await operations.addAccount("ana", role: .viewer, password: "correct horse battery", by: admin)
        let grant = try await operations.signIn(name: "ana", password: "correct horse battery", address: "a")
        #expect(try await operations.principal(session: "made-up-by-an-attacker") == nil)
        clock.now = Instant(secondsSinceEpoch: clock.now.secondsSinceEpoch + Operations.sessionLifetime)
        #expect(try await operations.principal(session: grant.token) == nil)
    }

    @Test("Wrong passwords are refused, and five of them lock the account even for the right one")
    func lockout() async throws {
        let clock = Clock()
        let operations = operations(try SQLiteStore(), clock)
        _ = try await operations.addAccount("ana", role: .admin, password: "correct horse battery", by: admin)
        for _ in 0..<5 {
            await #expect(throws: TallyError.unauthenticated("the name or the password is wrong")) {
                _ = try await operations.signIn(name: "ana", password: "wrong password!", address: "a")
            }
        }
        await #expect(throws: TallyError.self) {
            _ = try await operations.signIn(name: "ana", password: "correct horse battery", address: "b")
        }
        // An unknown account is refused in the same words.
        await #expect(throws: TallyError.unauthenticated("the name or the password is wrong")) {
            _ = try await operations.signIn(name: "nobody", password: "whatever it is", address: "c")
        }
        clock.now = Instant(secondsSinceEpoch: clock.now.secondsSinceEpoch + Operations.failureWindow + 1)
        _ = try await operations.signIn(name: "ana", password: "correct horse battery", address: "b")
    }

    @Test("Twenty failures from one address lock that address, for every account, and no other")
    func addressLockout() async throws {
        let clock = Clock()
        let operations = operations(try SQLiteStore(), clock)
        _ = try await operations.addAccount("ana", role: .viewer, password: "correct horse battery", by: admin)
        for attempt in 0..<Operations.failuresPerAddress {
            await #expect(throws: TallyError.self) {
                _ = try await operations.signIn(
                    name: "guess\(attempt)", password: "whatever it is", address: "10.6.6.6")
            }
        }
        await #expect(throws: TallyError.tooManyAttempts("too many failed sign-ins; try again in 15 minutes")) {
            _ = try await operations.signIn(name: "ana", password: "correct horse battery", address: "10.6.6.6")
        }
        _ = try await operations.signIn(name: "ana", password: "correct horse battery", address: "10.0.0.1")
    }

    @Test(
        "Disabling an account ends its sessions and stops its tokens; a new password ends its sessions",
        arguments: Backend.allCases)
    func disable(backend: Backend) async throws {
        let clock = Clock()
        let operations = operations(try backend.open(), clock)
        _ = try await operations.addAccount("ana", role: .auditor, password: "correct horse battery", by: admin)
        let grant = try await operations.signIn(name: "ana", password: "correct horse battery", address: "a")
        let password = try await operations.setPassword("ana", by: admin)
        #expect(try await operations.principal(session: grant.token) == nil)
        let token = try await operations.createToken(for: "ana", expires: nil, by: admin)
        #expect(try await operations.principal(apiToken: token)?.account.name == "ana")
        _ = try await operations.signIn(name: "ana", password: password, address: "a")
        _ = try await operations.disableAccount("ana", by: admin)
        #expect(try await operations.principal(apiToken: token) == nil)
        await #expect(throws: TallyError.self) {
            _ = try await operations.signIn(name: "ana", password: password, address: "a")
        }
    }

    @Test("A token stops working on its expiry day, and only its digest is kept", arguments: Backend.allCases)
    func tokens(backend: Backend) async throws {
        let clock = Clock()
        let store = try backend.open()
        let operations = operations(store, clock)
        _ = try await operations.addAccount("bot", role: .viewer, by: admin)
        let expires = Day(daysSinceEpoch: clock.now.day.daysSinceEpoch + 2)
        let token = try await operations.createToken(for: "bot", expires: expires, by: admin)
        #expect(token.hasPrefix("tally_") && token.count > 40)
        #expect(try await store.read { try $0.token(digest: token) } == nil)
        #expect(try await operations.principal(apiToken: token) != nil)
        clock.now = Instant(secondsSinceEpoch: clock.now.secondsSinceEpoch + 2 * 86_400)
        #expect(try await operations.principal(apiToken: token) == nil)
        await #expect(throws: TallyError.self) {
            _ = try await operations.createToken(for: "bot", expires: clock.now.day, by: admin)
        }
    }

    @Test("Names, passwords and departments are checked, and nothing is written when one is wrong")
    func checks() async throws {
        let operations = operations(try SQLiteStore(), Clock())
        await #expect(throws: TallyError.self) {
            _ = try await operations.addAccount("bad name", role: .viewer, by: admin)
        }
        await #expect(throws: TallyError.invalid(path: "password", reason: "a password has at least 12 characters")) {
            _ = try await operations.addAccount("ana", role: .viewer, password: "short", by: admin)
        }
        await #expect(throws: TallyError.invalid(path: "department", reason: "there is no department \"X\"")) {
            _ = try await operations.addAccount("ana", role: .viewer, department: "X", by: admin)
        }
        #expect(try await operations.accounts().isEmpty)
        _ = try await operations.addAccount("ana", role: .viewer, by: admin)
        await #expect(throws: TallyError.conflict("an account \"ana\" exists already")) {
            _ = try await operations.addAccount("ana", role: .admin, by: admin)
        }
    }

    @Test("Every account change is audited with who made it, and no password hash is ever in the trail")
    func audited() async throws {
        let operations = operations(try SQLiteStore(), Clock())
        _ = try await operations.addAccount("ana", role: .viewer, password: "correct horse battery", by: admin)
        _ = try await operations.setRole("ana", role: .manager, department: nil, by: admin)
        _ = try await operations.setPassword("ana", to: "another long password", by: admin)
        _ = try await operations.createToken(for: "ana", expires: nil, by: admin)
        _ = try await operations.disableAccount("ana", by: admin)
        let entries = try await operations.auditLog()
        #expect(entries.map(\.action) == ["add", "role", "password", "create", "disable"])
        #expect(entries.allSatisfy { $0.actor == "root" })
        #expect(entries.allSatisfy { !(($0.after ?? "") + ($0.before ?? "")).contains("$2") })
        guard case .intact = try await operations.verifyAuditTrail() else {
            Issue.record("the trail should hold")
            return
        }
    }

    @Test("Roles allow what the issue gives them, and nothing more")
    func roles() {
        #expect(Permission.allCases.allSatisfy { Role.admin.allows($0) })
        #expect(!Role.manager.allows(.manageAccounts) && Role.manager.allows(.edit))
        #expect(Role.auditor.allows(.audit) && Role.auditor.allows(.readAll) && !Role.auditor.allows(.edit))
        #expect(Role.viewer.allows(.read) && !Role.viewer.allows(.readAll) && !Role.viewer.allows(.audit))
    }
}
