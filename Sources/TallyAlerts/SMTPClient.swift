import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// A small SMTP client (RFC 5321) on SwiftNIO for alert emails: EHLO, STARTTLS (RFC 3207) with NIOSSL, AUTH PLAIN
/// or LOGIN (RFC 4954), one message to its recipients, QUIT. Every reply is awaited at most 30 s; a reply that is not
/// the one expected ends the session with the server's own words.
struct SMTPClient: Sendable {
    var settings: SMTPSettings

    func send(_ message: EmailMessage) async throws {
        let reader = SMTPReplyReader()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(reader) }
            }
            .connect(host: settings.host, port: settings.port).get()
        defer { channel.close(promise: nil) }
        let session = SMTPSession(channel: channel, reader: reader)
        _ = try await session.reply(expecting: 220)
        var features = try await session.command("EHLO \(Self.clientName)", expecting: 250)
        var secure = false
        if settings.startTLS != .off {
            if features.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) {
                _ = try await session.command("STARTTLS", expecting: 220)
                try await startTLS(on: channel)
                secure = true
                features = try await session.command("EHLO \(Self.clientName)", expecting: 250)
            } else if settings.startTLS == .required {
                throw AlertSendError("the SMTP server \(settings.host) offers no STARTTLS (starttls=required)")
            }
        }
        if let username = settings.username, let password = settings.password {
            guard secure || settings.startTLS == .off else {
                throw AlertSendError("the SMTP server \(settings.host) offers no TLS: the password is not sent")
            }
            try await authenticate(session, features: features, username: username, password: password)
        }
        _ = try await session.command("MAIL FROM:<\(settings.from)>", expecting: 250)
        for recipient in message.to {
            _ = try await session.command("RCPT TO:<\(recipient)>", expecting: 250, 251)
        }
        _ = try await session.command("DATA", expecting: 354)
        try await session.write(message.data(from: settings.from) + ".\r\n")
        _ = try await session.reply(expecting: 250)
        _ = try? await session.command("QUIT", expecting: 221)
    }

    private func authenticate(
        _ session: SMTPSession, features: [String], username: String, password: String
    ) async throws {
        let methods = features.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased().split(separator: " ") ?? []
        if methods.contains("PLAIN") {
            let token = Data(([0] + Array(username.utf8) + [0] + Array(password.utf8))).base64EncodedString()
            _ = try await session.command("AUTH PLAIN \(token)", expecting: 235, hiding: true)
        } else if methods.contains("LOGIN") {
            _ = try await session.command("AUTH LOGIN", expecting: 334)
            _ = try await session.command(Data(username.utf8).base64EncodedString(), expecting: 334, hiding: true)
            _ = try await session.command(Data(password.utf8).base64EncodedString(), expecting: 235, hiding: true)
        } else {
            throw AlertSendError("the SMTP server \(settings.host) offers neither AUTH PLAIN nor AUTH LOGIN")
        }
    }

    /// Puts TLS under the conversation: certificates checked against the system's roots, or the authorities given.
    private func startTLS(on channel: any Channel) async throws {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let authorities = settings.certificateAuthorities {
            configuration.trustRoots = .file(authorities)
        }
        let isAddress = settings.host.allSatisfy { $0.isNumber || $0 == "." } || settings.host.contains(":")
        // SNI takes no address: an address is checked by the certificate's chain alone.
        if isAddress { configuration.certificateVerification = .noHostnameVerification }
        let context = try NIOSSLContext(configuration: configuration)
        let host = isAddress ? nil : settings.host
        try await channel.eventLoop.submit {
            let handler = try NIOSSLClientHandler(context: context, serverHostname: host)
            try channel.pipeline.syncOperations.addHandler(handler, position: .first)
        }.get()
    }

    static let clientName = "tally.localdomain"
}

/// One SMTP conversation: commands written, replies awaited.
struct SMTPSession {
    var channel: any Channel
    var reader: SMTPReplyReader

    /// Sends a command and awaits its reply, one of `codes`; the reply's lines are returned.
    func command(_ line: String, expecting codes: Int..., hiding: Bool = false) async throws -> [String] {
        try await write(line + "\r\n")
        return try await reply(expecting: codes, after: hiding ? "AUTH" : line)
    }

    func reply(expecting codes: Int...) async throws -> [String] {
        try await reply(expecting: codes, after: "connecting")
    }

    private func reply(expecting codes: [Int], after what: String) async throws -> [String] {
        let reader = reader
        let reply = try await channel.eventLoop.flatSubmit { reader.next(on: channel.eventLoop) }.get()
        guard codes.contains(reply.code) else {
            throw AlertSendError(
                "the SMTP server answered \(what.prefix(40)) with \(reply.code) \(reply.lines.joined(separator: " "))")
        }
        return reply.lines
    }

    func write(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text)).get()
    }
}

/// A reply of the server: its code and its lines' texts.
struct SMTPReply: Sendable {
    var code: Int
    var lines: [String]
}

/// Reads the server's replies (multi-line ones joined) and hands them out in order. Confined to its channel's
/// event loop: every method runs there.
final class SMTPReplyReader: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    private var pending: [UInt8] = []
    private var lines: [String] = []
    private var replies: [SMTPReply] = []
    private var waiter: EventLoopPromise<SMTPReply>?
    private var failure: (any Error)?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readBytes(length: buffer.readableBytes) ?? []
        guard pending.count <= 1 << 16 else {
            fail(AlertSendError("the SMTP server sent a reply longer than 64 KB"))
            context.close(promise: nil)
            return
        }
        while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
            var line = Array(pending[..<end])
            pending.removeSubrange(...end)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            take(String(decoding: line, as: UTF8.self))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(AlertSendError("the SMTP server closed the connection"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(AlertSendError("the SMTP connection failed: \(error)"))
        context.close(promise: nil)
    }

    /// The next reply; fails after 30 s without one.
    func next(on loop: any EventLoop) -> EventLoopFuture<SMTPReply> {
        if !replies.isEmpty { return loop.makeSucceededFuture(replies.removeFirst()) }
        if let failure { return loop.makeFailedFuture(failure) }
        let promise = loop.makePromise(of: SMTPReply.self)
        waiter = promise
        loop.scheduleTask(in: .seconds(30)) { [self] in
            if let waiting = self.waiter, waiting.futureResult === promise.futureResult {
                self.waiter = nil
                waiting.fail(AlertSendError("the SMTP server did not answer within 30 s"))
            }
        }
        return promise.futureResult
    }

    /// One line: `250-PIPELINING` continues a reply, `250 OK` ends it.
    private func take(_ line: String) {
        let characters = Array(line)
        let text = characters.count > 4 ? String(characters[4...]) : ""
        lines.append(text)
        guard characters.count < 4 || characters[3] != "-" else { return }
        let code = Int(String(characters.prefix(3))) ?? 0
        let reply = SMTPReply(code: code, lines: lines)
        lines = []
        if let waiter {
            self.waiter = nil
            waiter.succeed(reply)
        } else {
            replies.append(reply)
        }
    }

    private func fail(_ error: any Error) {
        if failure == nil { failure = error }
        if let waiter {
            self.waiter = nil
            waiter.fail(error)
        }
    }
}
