import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TallyApp
import TallyCore
import TallySQLite
import TallyServer
import Testing

/// A server started with no account: the one-time setup link's form creates the first admin, once.
@Suite("First-account setup")
struct SetupTests {
    private func server() throws -> (Operations, WebServer, SetupToken) {
        let operations = Operations(store: try SQLiteStore(), passwordCost: 4)
        let setup = SetupToken(value: "the-one-time-token")
        return (operations, WebServer(api: API(operations: operations, setup: setup), port: 0), setup)
    }

    private let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    @Test("The link's form creates the admin; a wrong password shows the form again; the link works once")
    func firstAdmin() async throws {
        let (operations, server, setup) = try server()
        #expect(setup.link(at: "http://127.0.0.1:8080") == "http://127.0.0.1:8080/setup?token=the-one-time-token")
        try await server.application().test(.router) { client in
            let page = try await client.execute(uri: "/setup?token=the-one-time-token", method: .get)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.body.text.contains(#"<label for="password">"#))
            let short = try await client.execute(
                uri: "/setup", method: .post, headers: form,
                body: ByteBuffer(string: "token=the-one-time-token&name=ana&password=short"))
            #expect(short.status == .unprocessableContent)
            #expect(short.body.text.contains("a password has at least 12 characters"))
            let wrong = try await client.execute(
                uri: "/setup", method: .post, headers: form,
                body: ByteBuffer(string: "token=guessed&name=eve&password=a+long+password"))
            #expect(wrong.status == .forbidden)
            let made = try await client.execute(
                uri: "/setup", method: .post, headers: form,
                body: ByteBuffer(string: "token=the-one-time-token&name=ana&password=correct+horse+battery"))
            #expect(made.status == .created)
            let again = try await client.execute(
                uri: "/setup", method: .post, headers: form,
                body: ByteBuffer(string: "token=the-one-time-token&name=eve&password=another+long+one"))
            #expect(again.status == .notFound)
        }
        let accounts = try await operations.accounts()
        #expect(accounts.map(\.name) == ["ana"] && accounts[0].role == .admin)
        _ = try await operations.signIn(name: "ana", password: "correct horse battery", address: "a")
    }

    @Test("What the link carries is escaped in the page")
    func escapedToken() async throws {
        let (_, server, _) = try server()
        try await server.application().test(.router) { client in
            let page = try await client.execute(
                uri: "/setup?token=%22%3E%3Cscript%3Ealert(1)%3C/script%3E", method: .get)
            #expect(!page.body.text.contains("<script>"))
            #expect(page.body.text.contains("&quot;&gt;&lt;script&gt;"))
        }
    }
}
