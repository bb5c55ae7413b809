import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TallyApp
import TallyCore
import TallyFormats
import Testing

@testable import TallyServer

/// The pages as a browser uses them: signed in with the form, forms sent with the session's CSRF token, what they
/// write checked as the command line checks it, and what they show escaped.
@Suite("Web pages")
struct PageTests {
    /// A browser's session: its cookie and the CSRF token its pages carry.
    private struct Browser {
        var cookie: String
        var csrf: String

        var headers: HTTPFields { [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"] }
    }

    private func signIn(_ client: any TestClientProtocol, _ name: String, _ password: String) async throws -> Browser {
        let response = try await client.execute(
            uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "name=\(name)&password=\(password.replacingOccurrences(of: " ", with: "+"))"))
        #expect(response.status == .seeOther)
        let cookie = String(try #require(response.headers[.setCookie]).prefix { $0 != ";" })
        let page = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
        return Browser(cookie: cookie, csrf: try #require(Self.value(of: "csrf", in: page.body.text)))
    }

    /// The value of the first input named `name` in a page.
    private static func value(of name: String, in page: String) -> String? {
        guard let field = page.range(of: "name=\"\(name)\"") else { return nil }
        let tag = page[field.upperBound...].prefix { $0 != ">" }
        guard let value = tag.range(of: "value=\"") else { return nil }
        return String(tag[value.upperBound...].prefix { $0 != "\"" })
    }

    /// The text of the element with id `id` (up to its first tag).
    private static func text(of id: String, in page: String) -> String? {
        guard let element = page.range(of: "id=\"\(id)\"") else { return nil }
        let rest = page[element.upperBound...].drop { $0 != ">" }.dropFirst()
        return String(rest.prefix { $0 != "<" })
    }

    @Test("An anonymous visit goes to the sign-in form, which comes back to the page asked for and nowhere else")
    func signingIn() async throws {
        let served = try await ServedStore.make()
        try await served.application().test(.router) { client in
            let anonymous = try await client.execute(uri: "/products?sort=exposure", method: .get)
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/signin?next=%2Fproducts%3Fsort%3Dexposure")
            let signInForm = try await client.execute(uri: "/signin?next=/products", method: .get)
            #expect(signInForm.body.text.contains("id=\"sign-in\""))
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let wrong = try await client.execute(
                uri: "/signin", method: .post, headers: form, body: ByteBuffer(string: "name=manager&password=wrong"))
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.text.contains("role=\"alert\""))
            #expect(wrong.headers[.setCookie] == nil)
            for (next, expected) in [("%2Fproducts", "/products"), ("%2F%2Fevil.example", "/"), ("http://x", "/")] {
                let right = try await client.execute(
                    uri: "/signin", method: .post, headers: form,
                    body: ByteBuffer(string: "name=manager&password=password+of+manager&next=\(next)"))
                #expect(right.status == .seeOther)
                #expect(right.headers[.location] == expected)
            }
            let browser = try await signIn(client, "manager", "password of manager")
            let dashboard = try await client.execute(uri: "/", method: .get, headers: browser.headers)
            #expect(dashboard.status == .ok)
            #expect(Self.text(of: "account", in: dashboard.body.text) == "manager · manager")
            let policy = try #require(dashboard.headers[.contentSecurityPolicy])
            #expect(policy.contains("default-src 'none'") && !policy.contains("unsafe"))
            let out = try await client.execute(
                uri: "/signout", method: .post, headers: browser.headers,
                body: ByteBuffer(string: "csrf=\(browser.csrf)"))
            #expect(out.status == .seeOther && out.headers[.location] == "/signin")
            let after = try await client.execute(uri: "/", method: .get, headers: browser.headers)
            #expect(after.status == .seeOther)
        }
    }

    @Test(
        "The entitlement form: every wrong value is shown beside its field and nothing is written; a save changes the position"
    )
    func entitlementForm() async throws {
        let served = try await ServedStore.make()
        let product = served.product.rawValue
        try await served.application().test(.router) { client in
            let browser = try await signIn(client, "manager", "password of manager")
            func send(_ form: String, csrf: Bool = true) async throws -> TestResponse {
                try await client.execute(
                    uri: "/entitlements/new", method: .post, headers: browser.headers,
                    body: ByteBuffer(string: (csrf ? "csrf=\(browser.csrf)&" : "") + form))
            }
            let unread = try await send("id=WEB-1&product=\(product)&quantity=abc&start=2026-13-45&costPeriod=once")
            #expect(unread.status == .unprocessableContent)
            #expect(unread.body.text.contains("id=\"quantity-error\""))
            #expect(unread.body.text.contains("id=\"start-error\""))
            #expect(Self.value(of: "quantity", in: unread.body.text) == "abc")
            let refused = try await send("id=WEB-1&product=\(product)&quantity=-3&costPeriod=once")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.text.contains("id=\"quantity-error\""))
            let forged = try await send("id=WEB-1&product=\(product)&quantity=3&costPeriod=once", csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try await served.operations.entitlement("WEB-1") == nil)

            let before = try await served.operations.latestPosition().positions.first { $0.product == served.product }
            let saved = try await send("id=WEB-1&product=\(product)&quantity=7&costPeriod=year&unitCost=12.50")
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/products/\(product)?saved=WEB-1")
            let page = try await client.execute(
                uri: "/products/\(product)?saved=WEB-1", method: .get, headers: browser.headers)
            #expect(page.body.text.contains("id=\"notice\""))
            let supply = Self.text(of: "supply", in: page.body.text)
            #expect(supply == before?.supply.map { PositionTable.grouped($0 + 7) })
            let item = try #require(try await served.operations.entitlement("WEB-1"))
            #expect(item.quantity == 7 && item.unitCost == 12.5 && item.costPeriod == .year)

            // An edit that blanks a value clears it.
            let edited = try await client.execute(
                uri: "/entitlements/WEB-1/edit", method: .post, headers: browser.headers,
                body: ByteBuffer(string: "csrf=\(browser.csrf)&product=\(product)&quantity=9&costPeriod=year"))
            #expect(edited.status == .seeOther)
            let after = try #require(try await served.operations.entitlement("WEB-1"))
            #expect(after.quantity == 9 && after.unitCost == nil)
        }
    }

    @Test("What pages show is escaped: a name with markup is text")
    func escaping() async throws {
        let served = try await ServedStore.make()
        let hostile = "<script>alert(1)</script>"
        _ = try await served.operations.editProduct(
            served.product,
            {
                var change = ProductChange(); change.name = hostile; return change
            }(), by: Caller("t"))
        try await served.application().test(.router) { client in
            let browser = try await signIn(client, "admin", "password of admin")
            for uri in ["/products/\(served.product.rawValue)", "/products?search=script"] {
                let page = try await client.execute(uri: uri, method: .get, headers: browser.headers).body.text
                #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(uri)")
                #expect(!page.contains(hostile), "\(uri)")
            }
        }
    }

    @Test("An upload is previewed without writing, confirmed once by the account that sent it, and listed")
    func importPreviewAndConfirm() async throws {
        let served = try await ServedStore.make()
        let file = Array(
            #"{"format": "tally-estate/1", "asOf": "2026-11-29", "products": [{"id": "web-tool", "name": "Web Tool"}]}"#
                .utf8)
        try await served.application().test(.router) { client in
            let manager = try await signIn(client, "manager", "password of manager")
            let boundary = "----TallyTestBoundary"
            var body = Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(manager.csrf)\r\n".utf8)
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nestate\r\n".utf8)
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\nmerge\r\n".utf8)
            body += Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"small.json\"\r\n".utf8)
            body += Array("Content-Type: application/json\r\n\r\n".utf8) + file + Array("\r\n--\(boundary)--\r\n".utf8)
            let batches = try await served.operations.batches(.init()).total
            let preview = try await client.execute(
                uri: "/imports/preview", method: .post,
                headers: [.cookie: manager.cookie, .contentType: "multipart/form-data; boundary=\(boundary)"],
                body: ByteBuffer(bytes: body))
            #expect(preview.status == .ok)
            let page = preview.body.text
            #expect(page.contains("Import preview: small.json"))
            #expect(page.contains("<th scope=\"row\">products: added</th><td class=\"number\">1</td>"))
            #expect(try await served.operations.batches(.init()).total == batches)
            #expect(try await served.operations.product("web-tool") == nil)
            let token = try #require(Self.value(of: "upload", in: page))

            let admin = try await signIn(client, "admin", "password of admin")
            let stolen = try await client.execute(
                uri: "/imports/confirm", method: .post, headers: admin.headers,
                body: ByteBuffer(string: "csrf=\(admin.csrf)&upload=\(token)&kind=estate&mode=merge"))
            #expect(stolen.status == .gone)
            let confirmed = try await client.execute(
                uri: "/imports/confirm", method: .post, headers: manager.headers,
                body: ByteBuffer(string: "csrf=\(manager.csrf)&upload=\(token)&kind=estate&mode=merge"))
            #expect(confirmed.status == .seeOther)
            #expect(confirmed.headers[.location]?.hasPrefix("/imports?done=") == true)
            #expect(try await served.operations.product("web-tool") != nil)
            let again = try await client.execute(
                uri: "/imports/confirm", method: .post, headers: manager.headers,
                body: ByteBuffer(string: "csrf=\(manager.csrf)&upload=\(token)&kind=estate&mode=merge"))
            #expect(again.status == .gone)
            let list = try await client.execute(uri: "/imports", method: .get, headers: manager.headers).body.text
            #expect(list.contains("<td>small.json</td>"))
        }
    }

    @Test("A viewer of one department sees its share: no money, no product it does not use")
    func departmentViewer() async throws {
        let served = try await ServedStore.make()
        try await served.application().test(.router) { client in
            let browser = try await signIn(client, "viewer-dept", "password of viewer")
            let dashboard = try await client.execute(uri: "/", method: .get, headers: browser.headers).body.text
            #expect(dashboard.contains("Department \(served.department.rawValue)"))
            #expect(!dashboard.contains("id=\"exposure\""))
            let products = try await client.execute(uri: "/products", method: .get, headers: browser.headers).body.text
            #expect(!products.contains("Exposure"))
            #expect(!products.contains("href=\"/products/\(served.product.rawValue)\""))
            let outside = try await client.execute(
                uri: "/products/\(served.product.rawValue)", method: .get, headers: browser.headers)
            #expect(outside.status == .notFound)
        }
    }

    @Test("A contract's document is attached from its page and downloaded as an attachment, never shown inline")
    func contractDocuments() async throws {
        let served = try await ServedStore.make()
        let contract = served.contract.rawValue
        try await served.application().test(.router) { client in
            let manager = try await signIn(client, "manager", "password of manager")
            let boundary = "----TallyTestBoundary"
            var body = Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(manager.csrf)\r\n".utf8)
            body += Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"<b>order.html\"\r\n".utf8)
            body += Array("Content-Type: text/html\r\n\r\n<script>alert(1)</script>\r\n--\(boundary)--\r\n".utf8)
            let attached = try await client.execute(
                uri: "/contracts/\(contract)/documents", method: .post,
                headers: [.cookie: manager.cookie, .contentType: "multipart/form-data; boundary=\(boundary)"],
                body: ByteBuffer(bytes: body))
            #expect(attached.status == .seeOther)
            let page = try await client.execute(uri: "/contracts/\(contract)", method: .get, headers: manager.headers)
            #expect(page.body.text.contains("&lt;b&gt;order.html"))
            let documents = try await served.operations.documents(of: served.contract)
            let download = try await client.execute(
                uri: "/documents/\(documents[0].id)", method: .get, headers: manager.headers)
            #expect(download.status == .ok && download.body.text == "<script>alert(1)</script>")
            #expect(download.headers[.contentType] == "application/octet-stream")
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(download.headers[.contentSecurityPolicy]?.contains("sandbox") == true)
            let renewals = try await client.execute(uri: "/renewals?within=365", method: .get, headers: manager.headers)
            #expect(renewals.status == .ok && renewals.body.text.contains("id=\"renewals\""))
        }
    }
}
