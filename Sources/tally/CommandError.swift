import TallyCore
import TallyFormats

/// A failure the command line reports in one line and exits non-zero for.
enum CommandError: Error, CustomStringConvertible {
    case file(String, reason: String)
    case input(String, reason: String)
    case usage(String)

    var description: String {
        switch self {
        case .file(let path, let reason): return "\(path): \(reason)"
        case .input(let path, let reason): return "\(path): \(reason)"
        case .usage(let message): return message
        }
    }
}
