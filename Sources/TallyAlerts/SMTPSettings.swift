import Foundation

/// Where alert emails are sent from: an SMTP server, given as
/// `smtp://USER:PASSWORD@HOST:PORT?from=ADDRESS&starttls=required|optional|off&ca=PEM-FILE` (in `TALLY_SMTP` or
/// `--smtp`). STARTTLS is required unless said otherwise; a password is never sent before TLS is up.
public struct SMTPSettings: Sendable, Equatable {
    public enum StartTLS: String, Sendable {
        /// Refuse a server that does not offer STARTTLS.
        case required
        /// Use STARTTLS when offered; send in the clear (and no password) otherwise.
        case optional
        /// Never: a relay on the same machine or network that takes no password.
        case off
    }

    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var from: String
    public var startTLS: StartTLS
    /// A PEM file of the certificate authorities to trust (a private CA, a test server's own certificate).
    public var certificateAuthorities: String?

    public init(
        host: String, port: Int = 587, username: String? = nil, password: String? = nil, from: String,
        startTLS: StartTLS = .required, certificateAuthorities: String? = nil
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.from = from
        self.startTLS = startTLS
        self.certificateAuthorities = certificateAuthorities
    }

    /// Reads the settings from their URL; a message names what is wrong.
    public init(url text: String) throws(SMTPSettingsError) {
        guard let url = URLComponents(string: text), url.scheme == "smtp", let host = url.host, !host.isEmpty else {
            throw SMTPSettingsError("the SMTP setting is smtp://USER:PASSWORD@HOST:PORT?from=ADDRESS")
        }
        let query = Dictionary(
            (url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
        guard let from = query["from"], from.contains("@"), !from.contains(where: { $0.isNewline || $0 == "<" }) else {
            throw SMTPSettingsError("the SMTP setting needs from=ADDRESS, the sender of alert emails")
        }
        var startTLS = StartTLS.required
        if let text = query["starttls"] {
            guard let value = StartTLS(rawValue: text) else {
                throw SMTPSettingsError("starttls is required, optional or off")
            }
            startTLS = value
        }
        let port = url.port ?? 587
        guard (1...65535).contains(port) else { throw SMTPSettingsError("the SMTP port is 1 to 65535") }
        self.init(
            host: host, port: port, username: url.user?.removingPercentEncoding,
            password: url.password?.removingPercentEncoding, from: from, startTLS: startTLS,
            certificateAuthorities: query["ca"])
    }
}

public struct SMTPSettingsError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
