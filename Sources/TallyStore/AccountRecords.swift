import TallyCore

/// What an account may do, from everything to reading its own department.
public enum Role: String, Sendable, CaseIterable, Codable {
    /// Everything, accounts included.
    case admin
    /// Edits purchases, products, assignments; imports.
    case manager
    /// Reads everything, verifies the audit trail, exports; never writes.
    case auditor
    /// Reads the consumers and positions of their department (all of them where the account has none).
    case viewer
}

/// A person who signs in to the web application or calls its API.
public struct Account: Sendable, Equatable {
    /// The name they sign in with; unique.
    public var name: String
    public var role: Role
    /// For a viewer, the department whose consumers they see.
    public var department: Department.ID?
    /// The bcrypt hash of the password; nil until one is set.
    public var passwordHash: String?
    public var disabled: Bool
    public var created: Instant

    public init(
        name: String, role: Role, department: Department.ID? = nil, passwordHash: String? = nil,
        disabled: Bool = false, created: Instant
    ) {
        self.name = name
        self.role = role
        self.department = department
        self.passwordHash = passwordHash
        self.disabled = disabled
        self.created = created
    }
}

/// A signed-in browser: kept by the SHA-256 digest of its cookie's value, never the value itself.
public struct AccountSession: Sendable, Equatable {
    public var digest: String
    public var account: String
    /// The token every state-changing request of this session must carry.
    public var csrf: String
    public var created: Instant
    public var expires: Instant

    public init(digest: String, account: String, csrf: String, created: Instant, expires: Instant) {
        self.digest = digest
        self.account = account
        self.csrf = csrf
        self.created = created
        self.expires = expires
    }
}

/// A token for the API, kept by its SHA-256 digest.
public struct APIToken: Sendable, Equatable {
    public var digest: String
    public var account: String
    public var created: Instant
    /// The first day it is no longer accepted; nil for never.
    public var expires: Day?

    public init(digest: String, account: String, created: Instant, expires: Day?) {
        self.digest = digest
        self.account = account
        self.created = created
        self.expires = expires
    }
}
