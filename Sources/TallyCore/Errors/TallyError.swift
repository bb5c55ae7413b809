/// Why an operation did not happen, as values any front end can map: the command line adds its hints, a web API
/// its status codes (404, 409, 422, 503, 500, 500, 401, 403, 429). Nothing was changed.
public enum TallyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The operation names a record the store does not hold.
    case notFound(kind: String, id: String)
    /// The operation is not possible as things stand: the record exists already, is retired already, the report is
    /// older than one kept, the file was imported already.
    case conflict(String)
    /// A value given is wrong: `path` names the field (`quantity`, `entitlements[3].product`, `line 12`; empty
    /// where the reason says where).
    case invalid(path: String, reason: String)
    /// The store cannot be used now (locked by another writer, busy); trying again later may succeed.
    case unavailable(String)
    /// The store cannot be opened or created (its own words).
    case cannotOpen(String)
    /// The store failed for a reason of its own (its own words).
    case failed(String)
    /// Who asks could not be told: no session, a wrong password, an expired token.
    case unauthenticated(String)
    /// Who asks may not do this.
    case forbidden(String)
    /// Too many failed attempts: refused for a while, even with the right password.
    case tooManyAttempts(String)

    public var description: String {
        switch self {
        case .notFound(let kind, let id): return "no \(kind) \"\(id)\""
        case .conflict(let reason): return reason
        case .invalid(let path, let reason): return path.isEmpty ? reason : "\(path): \(reason)"
        case .unavailable(let reason): return "the store is busy (\(reason)); try again in a moment"
        case .cannotOpen(let reason): return "cannot open the database (\(reason))"
        case .failed(let reason): return "the database failed: \(reason); nothing was changed"
        case .unauthenticated(let reason), .forbidden(let reason), .tooManyAttempts(let reason): return reason
        }
    }
}

extension TallyError {
    /// A rule of the estate format broken, at its path.
    public init(_ error: EstateError) {
        switch error {
        case .invalidValue(let path, let reason): self = .invalid(path: path, reason: reason)
        default: self = .invalid(path: error.path, reason: String(error.description.dropFirst(error.path.count + 2)))
        }
    }
}
