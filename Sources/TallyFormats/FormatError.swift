/// Why a file could not be read: each case names the file and the line or path of the problem, and what to do.
public enum FormatError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes are not valid JSON (or not the JSON expected) at a line and column.
    case syntax(line: Int, column: Int, reason: String)
    /// A value at a path in the document is missing, unknown or of the wrong kind.
    case field(path: String, reason: String)
    /// A line of a line-oriented file (a license-server log) is not what was expected there.
    case line(number: Int, reason: String)

    public var description: String {
        switch self {
        case .syntax(let line, let column, let reason):
            return "line \(line), column \(column): \(reason)"
        case .field(let path, let reason):
            return "\(path): \(reason)"
        case .line(let number, let reason):
            return "line \(number): \(reason)"
        }
    }
}

extension FormatError {
    /// A document's `format` must be there and be the one this version reads (`tally-estate/1`); `document` names
    /// the kind of file for the message (`an estate file`).
    static func check(_ format: String?, is tag: String, in document: String) throws(FormatError) {
        guard let format else {
            throw .field(path: "format", reason: "required; \(document) starts with \"format\": \"\(tag)\"")
        }
        guard format == tag else {
            throw .field(
                path: "format", reason: "\"\(format)\" is not a format this version reads; expected \"\(tag)\"")
        }
    }
}
