import TallyCore
import TallyStore

/// What a request may do, decided by the role of the account that makes it; every route asks before anything else.
public enum Permission: String, Sendable, CaseIterable {
    /// Read positions, products and consumers (a viewer: of their department only).
    case read
    /// Read everything: entitlements, devices, people, imports, usage, the audit trail.
    case readAll
    /// Verify the audit trail and export the estate.
    case audit
    /// Change the estate: purchases, products, assignments, retirements, imports, catalog rules.
    case edit
    /// Add, disable and change accounts.
    case manageAccounts
}

extension Role {
    /// Whether this role may do what `permission` covers.
    public func allows(_ permission: Permission) -> Bool {
        switch (self, permission) {
        case (.admin, _): true
        case (.manager, .manageAccounts): false
        case (.manager, _): true
        case (.auditor, .read), (.auditor, .readAll), (.auditor, .audit): true
        case (.auditor, _): false
        case (.viewer, .read): true
        case (.viewer, _): false
        }
    }
}

/// The account a request is made by, as authenticated: from a session (with its CSRF token) or an API token.
public struct Principal: Sendable, Equatable {
    public var account: Account
    /// The session's CSRF token; nil for an API token, whose requests carry no cookie to forge.
    public var csrf: String?

    public init(account: Account, csrf: String?) {
        self.account = account
        self.csrf = csrf
    }

    public var caller: Caller { Caller(account.name) }

    /// Whether the account's role allows `permission`.
    public func may(_ permission: Permission) -> Bool { account.role.allows(permission) }

    /// Whether `sent` is this session's CSRF token, compared in time that does not depend on where they differ.
    public func acceptsCSRF(_ sent: String) -> Bool {
        guard let csrf else { return true }
        return constantTimeEqual(sent, csrf)
    }

    /// The department whose records alone this account sees; nil for all of them.
    public var department: Department.ID? { account.role == .viewer ? account.department : nil }
}

/// A new signed-in session: the cookie's value (given once, kept only as its digest) and its CSRF token.
public struct SessionGrant: Sendable {
    public var token: String
    public var csrf: String
    public var account: Account
    public var expires: Instant
}
