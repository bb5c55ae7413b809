import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import TallyCore
import TallyFormats
import TallyStore

/// Sends an alert to a webhook: a JSON POST whose body carries the alert and its idempotency key (also in the
/// `Idempotency-Key` header), signed with HMAC-SHA256 over the exact body in `X-Tally-Signature: sha256=HEX` when
/// the rule has a secret. Any 2xx answer delivers it; anything else, or no answer in 10 s, is a failure to retry.
struct WebhookSender: Sendable {
    var client: HTTPClient = .shared

    func send(_ delivery: AlertDelivery, to url: String, secret: String?) async throws {
        let body = Self.body(delivery)
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Tally alerts")
        request.headers.add(name: "Idempotency-Key", value: delivery.key)
        if let secret {
            request.headers.add(name: "X-Tally-Signature", value: "sha256=" + Self.signature(body, secret: secret))
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await client.execute(request, timeout: .seconds(10))
        // Read (and drop) what the receiver answered, so that the connection can be used again.
        _ = try? await response.body.collect(upTo: 64 * 1024)
        guard (200..<300).contains(response.status.code) else {
            throw AlertSendError("the webhook answered \(response.status.code) \(response.status.reasonPhrase)")
        }
    }

    /// `{"id": KEY, "rule", "subject", "stage", "title", "text", "raisedAt"}`.
    static func body(_ delivery: AlertDelivery) -> [UInt8] {
        Array(
            JSONWriter.object([
                ("id", .string(delivery.key)), ("rule", .int(Int(delivery.rule))),
                ("subject", .string(delivery.subject)), ("stage", .string(delivery.stage)),
                ("title", .string(delivery.title)), ("text", .string(delivery.text)),
                ("raisedAt", .string(delivery.created.description)),
            ]).utf8)
    }

    /// HMAC-SHA256 of `body` with `secret`, in lower-case hex.
    static func signature(_ body: [UInt8], secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))
        return code.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
    }
}

/// Why an alert could not be delivered, in words for the send log.
struct AlertSendError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
