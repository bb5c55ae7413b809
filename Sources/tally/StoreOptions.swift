import ArgumentParser
import Foundation
import TallyApp
import TallyCore
import TallyPostgres
import TallySQL
import TallySQLite
import TallyStore

/// The option every command that uses the store shares: which database.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: """
            The database: a file, or postgres://user@host:port/dbname (default: $TALLY_DB, else tally.sqlite in \
            the current folder).
            """)
    var db: String?

    /// The database as given: `--db`, else `TALLY_DB`, else `tally.sqlite` here.
    var location: String {
        db ?? ProcessInfo.processInfo.environment["TALLY_DB"] ?? "tally.sqlite"
    }

    /// Whether the store is on a database server (PostgreSQL), which has no read-only opening of its own.
    var isServer: Bool { (try? PostgresSettings(url: location)) != nil }

    /// The database as messages name it: a file's path, or a URL without its password.
    var path: String { Self.display(location) }

    /// A database's file path, or its URL without the password.
    static func display(_ location: String) -> String {
        (try? PostgresSettings(url: location))?.description ?? location
    }

    /// The operations on the store, opened for writing (created when there is none), or for reading only (nothing
    /// created, a read-only file read as it is). A writer tells once that it waits for another one.
    func operations(_ access: SQLiteStore.Access = .readWrite) throws(CommandError) -> Operations {
        do {
            return Operations(store: try open(access), auditKey: Self.auditKey)
        } catch {
            throw failure(error)
        }
    }

    /// The store `location` names.
    func open(_ access: SQLiteStore.Access = .readWrite) throws(TallyError) -> any Store {
        try Self.open(location, access)
    }

    /// The store at `location`: PostgreSQL for a `postgres://` URL (its documents in `TALLY_DOCUMENTS`, else a
    /// folder named after the database here), else a SQLite file.
    static func open(_ location: String, _ access: SQLiteStore.Access = .readWrite) throws(TallyError) -> any SQLStore {
        let waiting: @Sendable () -> Void = { Terminal.error("waiting for another change to the store to finish...") }
        let settings: PostgresSettings?
        do {
            settings = try PostgresSettings(url: location)
        } catch {
            throw .cannotOpen(error.description)
        }
        guard let settings else { return try SQLiteStore(path: location, access: access, waiting: waiting) }
        let environment = ProcessInfo.processInfo.environment
        let documents = environment["TALLY_DOCUMENTS"] ?? "tally-\(settings.database).documents"
        return try PostgresStore(settings: settings, documentFolder: documents, waiting: waiting)
    }

    /// The secret that signs the audit trail (`TALLY_AUDIT_KEY`), where one is set.
    static var auditKey: AuditKey? {
        ProcessInfo.processInfo.environment["TALLY_AUDIT_KEY"].flatMap { AuditKey($0) }
    }

    /// The operations for reading only.
    func reading() throws(CommandError) -> Operations {
        try operations(.readOnly)
    }

    /// A failure of an operation on the store, told against the database file with what to do.
    func failure(_ error: TallyError) -> CommandError {
        .input(path, reason: Self.hinted(error))
    }

    /// An error's description with the command line's hint for it.
    static func hinted(_ error: TallyError) -> String {
        switch error {
        case .notFound(let kind, _) where kind == "store":
            return "there is no store here; import an estate (`tally import --estate FILE`) to make one, or choose "
                + "another with --db"
        case .notFound:
            return "\(error.description) in the store; `tally list` shows what it holds"
        case .cannotOpen:
            return "\(error.description); check the path or URL, or choose another with --db"
        default:
            return error.description
        }
    }
}

/// Reads a file the user named into an upload for an operation.
func upload(_ path: String) throws(CommandError) -> Upload {
    Upload(name: path, bytes: try Terminal.readFile(path))
}

/// Who makes a change, for the audit trail: what every command that changes the store offers.
struct ActorOptions: ParsableArguments {
    @Option(name: .long, help: "Who makes the change, for the audit trail (default: the operating-system user).")
    var actor: String?

    /// The person acting: `--actor`, else the login of the operating-system user.
    var caller: Caller {
        if let actor { return Caller(actor) }
        if let user = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] {
            return Caller(user)
        }
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return Caller("unknown") }
        return Caller(String(cString: name))
    }
}
