import Foundation
import TallyCore
import TallyStore
import Testing

@testable import TallyAlerts

/// What leaves Tally when an alert is sent: the webhook's body and signature, the email as SMTP carries it, and the
/// SMTP setting read from its URL.
@Suite("Alert delivery")
struct AlertDeliveryTests {
    private let delivery = AlertDelivery(
        id: 7, rule: 2, subject: "contract:JB-1", stage: "30", key: "tally-0123456789abcdef0123456789abcdef",
        title: "Contract JB-1 ends in 20 days — €", text: "Line one.\n.Line starting with a dot.",
        channel: .email(to: ["a@example.com"]), created: Instant(secondsSinceEpoch: 1_796_000_000),
        nextAttempt: Instant(secondsSinceEpoch: 1_796_000_000))

    @Test("The signature is HMAC-SHA256 of the exact body, in hex (RFC 4231-style vector)")
    func signature() {
        let body = Array("The quick brown fox jumps over the lazy dog".utf8)
        #expect(
            WebhookSender.signature(body, secret: "key")
                == "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")
        let json = String(decoding: WebhookSender.body(delivery), as: UTF8.self)
        #expect(json.contains(#""id": "tally-0123456789abcdef0123456789abcdef""#))
        #expect(json.contains(#""subject": "contract:JB-1""#) && json.contains(#""stage": "30""#))
    }

    @Test("An email: CRLF lines under 998 characters, an encoded subject, both parts in base64, the key in two headers")
    func email() throws {
        let message = EmailMessage(
            delivery, to: ["a@example.com", "b@example.com"], date: Date(timeIntervalSince1970: 0))
        let data = message.data(from: "tally@example.com")
        #expect(data.hasSuffix("\r\n"))
        let lines = data.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 998 })
        #expect(!lines.contains { $0.hasPrefix(".") })
        #expect(lines.contains("To: <a@example.com>, <b@example.com>"))
        #expect(lines.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000"))
        #expect(lines.contains("X-Tally-Idempotency-Key: tally-0123456789abcdef0123456789abcdef"))
        let subject = try #require(lines.first { $0.hasPrefix("Subject: ") })
        #expect(subject.hasPrefix("Subject: =?UTF-8?B?"))
        let encoded = subject.dropFirst("Subject: =?UTF-8?B?".count).dropLast(2)
        #expect(Data(base64Encoded: String(encoded)).map { String(decoding: $0, as: UTF8.self) } == delivery.title)
        #expect(!data.contains("Line starting"))
    }

    @Test("The SMTP setting is read from its URL; what is missing or wrong is named")
    func settings() throws {
        let settings = try SMTPSettings(
            url: "smtp://ana:p%40ss@mail.example.com:2525?from=tally@example.com&starttls=optional")
        #expect(settings.host == "mail.example.com" && settings.port == 2525)
        #expect(settings.username == "ana" && settings.password == "p@ss" && settings.startTLS == .optional)
        #expect(try SMTPSettings(url: "smtp://relay?from=t@example.com").port == 587)
        #expect(throws: SMTPSettingsError.self) { try SMTPSettings(url: "http://relay?from=t@example.com") }
        #expect(throws: SMTPSettingsError.self) { try SMTPSettings(url: "smtp://relay") }
        #expect(throws: SMTPSettingsError.self) {
            try SMTPSettings(url: "smtp://relay?from=t@example.com&starttls=maybe")
        }
    }
}
