import Foundation
import TallyStore

/// An alert as an email: plain text and HTML alternatives, the alert's key in `Message-ID` and
/// `X-Tally-Idempotency-Key`, each part in base64 so that no line of it can end the message early.
struct EmailMessage: Sendable {
    var to: [String]
    var subject: String
    var text: String
    var key: String
    var date: Date

    init(_ delivery: AlertDelivery, to: [String], date: Date = Date()) {
        self.to = to
        subject = delivery.title
        text = delivery.text + "\n\n" + "Subject: \(delivery.subject). Raised \(delivery.created) by Tally."
        key = delivery.key
        self.date = date
    }

    /// The message as DATA carries it, CRLF line ends, ending with one.
    func data(from sender: String) -> String {
        let boundary = "tally-" + key
        let html = """
            <!doctype html><html><body><h1 style="font-size:18px">\(escaped(subject))</h1>
            \(text.split(separator: "\n", omittingEmptySubsequences: false).map { "<p>\(escaped(String($0)))</p>" }.joined())
            </body></html>
            """
        let headers = [
            "From: Tally <\(sender)>", "To: " + to.map { "<\($0)>" }.joined(separator: ", "),
            "Subject: " + Self.encodedHeader(subject), "Date: " + Self.dateText(date),
            "Message-ID: <\(key)@tally>", "X-Tally-Idempotency-Key: \(key)", "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
        ]
        var lines = headers + [""]
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines += [
                "--\(boundary)", "Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", "",
            ]
            lines += Self.base64Lines(body)
        }
        lines.append("--\(boundary)--")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A header's text, as is when plain ASCII, else RFC 2047 base64 in UTF-8; line breaks become spaces.
    static func encodedHeader(_ text: String) -> String {
        let flat = String(text.map { $0.isNewline ? " " : $0 })
        guard flat.unicodeScalars.contains(where: { $0.value > 126 || $0.value < 32 }) else { return flat }
        return "=?UTF-8?B?" + Data(flat.utf8).base64EncodedString() + "?="
    }

    static func base64Lines(_ text: String) -> [String] {
        let encoded = Array(Data(text.utf8).base64EncodedString())
        return stride(from: 0, to: encoded.count, by: 76).map { String(encoded[$0..<min($0 + 76, encoded.count)]) }
    }

    private func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// RFC 5322's date: `Tue, 01 Dec 2026 18:03:08 +0000`.
    static func dateText(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
