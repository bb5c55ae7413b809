/// Why an estate cannot be reconciled: each case names the path of the problem in the estate and what to do.
public enum EstateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A reference names nothing in the estate (`installations[1].device: no device "zz"`).
    case unknownReference(path: String, kind: String, id: String)
    /// An id is used twice in one collection.
    case duplicateID(path: String, id: String, firstPath: String)
    /// A value breaks a rule of the format.
    case invalidValue(path: String, reason: String)

    /// The path in the estate the error is about.
    public var path: String {
        switch self {
        case .unknownReference(let path, _, _), .duplicateID(let path, _, _), .invalidValue(let path, _):
            return path
        }
    }

    public var description: String {
        switch self {
        case .unknownReference(let path, let kind, let id):
            return "\(path): no \(kind) \"\(id)\"; add it to the estate or correct the reference"
        case .duplicateID(let path, let id, let firstPath):
            return "\(path): id \"\(id)\" is already used by \(firstPath); ids must be unique"
        case .invalidValue(let path, let reason):
            return "\(path): \(reason)"
        }
    }
}

extension Estate {
    /// Checks every id, reference and value rule of the format, throwing the first problem with its path.
    public func validate() throws(EstateError) {
        _ = try ResolvedEstate(self)
    }
}
