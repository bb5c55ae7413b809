import TallyCore

/// Why the store could not do what was asked: what was wrong and what to do, never a driver's type name.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The database file cannot be opened or created.
    case cannotOpen(path: String, reason: String)
    /// The estate that a change would leave behind breaks a rule of the format.
    case invalidEstate(EstateError)
    /// A change names something the store does not hold.
    case unknown(kind: String, id: String)
    /// A change is not possible as asked.
    case refused(String)
    /// The database failed; the reason is SQLite's.
    case database(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "\(path): cannot open the database (\(reason)); check the path, or choose another with --db"
        case .invalidEstate(let error):
            return error.description
        case .unknown(let kind, let id):
            return "no \(kind) \"\(id)\" in the store; `tally export` shows what it holds"
        case .refused(let reason):
            return reason
        case .database(let reason):
            return "the database failed: \(reason); nothing was changed"
        }
    }
}
