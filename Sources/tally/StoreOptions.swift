import ArgumentParser
import Crypto
import Foundation
import TallyCore
import TallyStore

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
    var who: String {
        if let actor { return actor }
        if let user = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] {
            return user
        }
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "unknown" }
        return String(cString: name)
    }

    func open() throws(CommandError) -> SQLiteStore {
        do {
            return try SQLiteStore(path: path)
        } catch {
            throw .input(path, reason: error.description)
        }
    }

    /// The store's whole estate, dated `asOf`.
    func loadEstate(from store: SQLiteStore, asOf: Day) throws(CommandError) -> Estate {
        do {
            return try store.loadEstate(asOf: asOf)
        } catch {
            throw CommandError.store(error, self)
        }
    }
}

extension CommandError {
    /// A store failure, reported against the database file.
    static func store(_ error: StoreError, _ options: StoreOptions) -> CommandError {
        .input(options.path, reason: error.description)
    }
}

/// The moment now, to the second.
var now: Instant {
    Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970.rounded(.down)))
}

/// SHA-256 of bytes, in hex, to identify an imported file.
func digest(_ bytes: [UInt8]) -> String {
    SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
}
