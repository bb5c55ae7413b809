import Foundation

/// Where a PostgreSQL store is and how to sign in to it, read from a `postgres://` URL as `--db` and `TALLY_DB` give
/// it, the password completed from `PGPASSWORD` or a password file (`~/.pgpass`, or `PGPASSFILE`) as libpq does.
public struct PostgresSettings: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    /// Whether the connection is encrypted, as `sslmode` asks.
    public var tls: TLSMode

    /// `sslmode`: `disable`; `allow` and `prefer` (encrypted when the server offers it); `require` (encrypted, the
    /// server's certificate not checked); `verify-ca` and `verify-full` (encrypted, the certificate checked against
    /// the system's authorities and the host name).
    public enum TLSMode: Sendable, Equatable {
        case disable, prefer, require, verify
    }

    /// The URL's parts, the password found where libpq finds it when the URL has none; nil for text that is not a
    /// `postgres://` or `postgresql://` URL. Throws a reason in words for a URL that is one but cannot be used.
    public init?(
        url text: String, environment: [String: String] = ProcessInfo.processInfo.environment,
        passwordFile: (String) -> String? = { try? String(contentsOfFile: $0, encoding: .utf8) }
    ) throws(PostgresSettingsError) {
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") else { return nil }
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw .invalid("\(Self.redacted(text)): not a URL of the form postgres://user:password@host:port/dbname")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw .invalid("\(Self.redacted(text)): name the database after the host (postgres://host/dbname)")
        }
        if let port = components.port, !(1...65_535).contains(port) {
            throw .invalid("\(Self.redacted(text)): the port must be from 1 to 65535")
        }
        self.host = host
        self.port = components.port ?? 5432
        self.database = database
        self.user =
            components.user?.removingPercentEncoding ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        guard ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"].contains(mode) else {
            throw .invalid("\(Self.redacted(text)): sslmode must be disable, prefer, require, verify-ca or verify-full")
        }
        switch mode {
        case "disable": self.tls = .disable
        case "require": self.tls = .require
        case "verify-ca", "verify-full": self.tls = .verify
        default: self.tls = .prefer
        }
        if let password = components.password?.removingPercentEncoding {
            self.password = password
        } else if let password = environment["PGPASSWORD"] {
            self.password = password
        } else {
            let path = environment["PGPASSFILE"] ?? environment["HOME"].map { $0 + "/.pgpass" }
            self.password = path.flatMap(passwordFile).flatMap {
                Self.password(in: $0, host: host, port: self.port, database: database, user: self.user)
            }
        }
    }

    /// The password of the first line of a password file that matches (`hostname:port:database:username:password`,
    /// `*` matching anything, `\:` and `\\` escaped, `#` lines ignored).
    static func password(in file: String, host: String, port: Int, database: String, user: String) -> String? {
        for line in file.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            var fields: [String] = [""]
            var escaped = false
            for character in line {
                if escaped {
                    fields[fields.count - 1].append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == ":", fields.count < 5 {
                    fields.append("")
                } else {
                    fields[fields.count - 1].append(character)
                }
            }
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// The URL without its password, for messages and logs.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// A URL with its password replaced by `***`, for messages about a URL that could not be read.
    static func redacted(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let scheme = text.range(of: "://"),
            let colon = text[scheme.upperBound..<at].firstIndex(of: ":")
        else { return text }
        return String(text[..<text.index(after: colon)]) + "***" + String(text[at...])
    }
}

/// Why a PostgreSQL URL cannot be used, in words.
public enum PostgresSettingsError: Error, Equatable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let reason): return reason
        }
    }
}
