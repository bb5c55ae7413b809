import ArgumentParser
import Foundation
import TallyApp
import TallyCore
import TallySQLite

/// The options every command that uses the store shares: which database, and who is acting.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The database file (default: $TALLY_DB, else tally.sqlite in the current folder).")
    var db: String?

    @Option(name: .long, help: "Who makes the change, for the audit trail (default: the operating-system user).")
    var actor: String?

    /// The database path: `--db`, else `TALLY_DB`, else `tally.sqlite` here.
    var path: String {
        db ?? ProcessInfo.processInfo.environment["TALLY_DB"] ?? "tally.sqlite"
    }

    /// The person acting: `--actor`, else the login of the operating-system user.
    var caller: Caller {
        if let actor { return Caller(actor) }
        if let user = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] {
            return Caller(user)
        }
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return Caller("unknown") }
        return Caller(String(cString: name))
    }

    /// The operations on the store at `path`.
    func operations() throws(CommandError) -> Operations {
        do {
            return Operations(store: try SQLiteStore(path: path))
        } catch {
            throw failure(error)
        }
    }

    /// A failure of an operation on the store, told against the database file with what to do.
    func failure(_ error: TallyError) -> CommandError {
        .input(path, reason: Self.hinted(error))
    }

    /// An error's description with the command line's hint for it.
    static func hinted(_ error: TallyError) -> String {
        switch error {
        case .notFound:
            return "\(error.description) in the store; `tally export` shows what it holds"
        case .cannotOpen:
            return "\(error.description); check the path, or choose another with --db"
        default:
            return error.description
        }
    }
}

/// Reads a file the user named into an upload for an operation.
func upload(_ path: String) throws(CommandError) -> Upload {
    Upload(name: path, bytes: try Terminal.readFile(path))
}
