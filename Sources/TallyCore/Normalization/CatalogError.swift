/// Why a software catalog cannot be used: a pattern or version that cannot be read, or a rule that breaks a rule of
/// the catalog, each named by its path (`rules[12].name`) and said in plain words.
///
/// A catalog is not an estate, so its problems are not `EstateError`s: their advice is about rules and patterns.
public enum CatalogError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A pattern that cannot be read, and what is wrong with it.
    case invalidPattern(pattern: String, reason: String)
    /// A version template that cannot be read, and what is wrong with it.
    case invalidTemplate(template: String, reason: String)
    /// A value at a path of the catalog breaks one of its rules.
    case invalid(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidPattern(let pattern, let reason):
            return "the pattern \"\(pattern)\" \(reason)"
        case .invalidTemplate(let template, let reason):
            return "the version \"\(template)\" \(reason)"
        case .invalid(let path, let reason):
            return path.isEmpty ? reason : "\(path): \(reason)"
        }
    }
}
