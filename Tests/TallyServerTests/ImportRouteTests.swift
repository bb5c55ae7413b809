import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TallyApp
import TallyCore
import TallyFormats
import TallyServer
import TallyStore
import Testing

/// Uploads through the API: a preview that writes nothing, then the import; files of the wrong kind or too large
/// refused with nothing written.
@Suite("Imports through the API")
struct ImportRouteTests {
    private static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("TallyFormatsTests/Fixtures")

    private func file(_ path: String) throws -> ByteBuffer {
        ByteBuffer(bytes: try Data(contentsOf: Self.fixtures.appendingPathComponent(path)))
    }

    private func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test("An lmstat report: the preview reads it and writes nothing, the import keeps it as a batch")
    func lmstat() async throws {
        let served = try await ServedStore.make()
        let headers = HTTPFields.bearer(served.tokens["manager"]!)
        let before = try await served.operations.batches(PageRequest()).total
        try await served.application().test(.router) { client in
            let preview = try await client.execute(
                uri: "/api/v1/imports?kind=lmstat&dryRun=true&name=lmstat_app1.txt", method: .post, headers: headers,
                body: try file("lmstat/lmstat_app1.txt"))
            #expect(preview.status == .ok)
            #expect(try object(preview)["dryRun"] as? Bool == true)
            #expect((try object(preview)["checkouts"] as? Int ?? 0) > 0)
            #expect(try await served.operations.batches(PageRequest()).total == before)
            let done = try await client.execute(
                uri: "/api/v1/imports?kind=lmstat&name=lmstat_app1.txt", method: .post, headers: headers,
                body: try file("lmstat/lmstat_app1.txt"))
            #expect(done.status == .ok, "\(done.body.text)")
            #expect(try object(done)["batch"] is Int)
            let batches = try await client.execute(uri: "/api/v1/imports", method: .get, headers: headers)
            let items = try object(batches)["items"] as? [[String: Any]] ?? []
            #expect(items.first?["source"] as? String == "lmstat_app1.txt")
            #expect(items.first?["actor"] as? String == "manager")
        }
    }

    @Test("A GLPI inventory with invalid rows is refused unless they are skipped; previewed, then imported")
    func glpi() async throws {
        let served = try await ServedStore.make()
        let headers = HTTPFields.bearer(served.tokens["admin"]!)
        try await served.application().test(.router) { client in
            let refused = try await client.execute(
                uri: "/api/v1/imports?kind=glpi", method: .post, headers: headers,
                body: try file("inventory/glpi-windows-vm.json"))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.text.contains("content.softwares[3]: the software has no name"))
            let preview = try await client.execute(
                uri: "/api/v1/imports?kind=glpi&dryRun=true&skipInvalid=true", method: .post, headers: headers,
                body: try file("inventory/glpi-windows-vm.json"))
            #expect(preview.status == .ok, "\(preview.body.text.prefix(400))")
            let done = try await client.execute(
                uri: "/api/v1/imports?kind=glpi&skipInvalid=true", method: .post, headers: headers,
                body: try file("inventory/glpi-windows-vm.json"))
            #expect(done.status == .ok)
            #expect(try object(preview)["devicesAdded"] as? Int == 1)
            #expect(try object(done)["devicesAdded"] as? Int == 1)
            #expect((try object(done)["invalid"] as? [String])?.count == 2)
        }
    }

    @Test("An auditor exports the estate as a file that reads back to what the store holds")
    func export() async throws {
        let served = try await ServedStore.make()
        try await served.application().test(.router) { client in
            let response = try await client.execute(
                uri: "/api/v1/export", method: .get, headers: .bearer(served.tokens["auditor"]!))
            #expect(response.status == .ok)
            let estate = try EstateFile.decode(Array(buffer: response.body))
            let stored = try await served.operations.exportEstate()
            #expect(estate.devices == stored.devices && estate.entitlements == stored.entitlements)
        }
    }

    @Test("A file of the wrong kind, an unknown kind, an empty or too large body: refused, nothing written")
    func refused() async throws {
        let served = try await ServedStore.make()
        let headers = HTTPFields.bearer(served.tokens["admin"]!)
        let before = try await served.operations.batches(PageRequest()).total
        try await served.application().test(.router) { client in
            let cases: [(String, ByteBuffer, HTTPResponse.Status)] = [
                ("kind=glpi", try file("lmstat/lmstat_app1.txt"), .unprocessableContent),
                ("kind=estate", try file("flexlm/matlab.log"), .unprocessableContent),
                ("kind=flexlm-log", try file("inventory/glpi-windows-vm.json"), .unprocessableContent),
                ("kind=winreg", try file("inventory/glpi-windows-vm.json"), .badRequest),
                ("kind=pdf", ByteBuffer(string: "%PDF-1.7"), .badRequest),
                ("kind=estate", ByteBuffer(), .badRequest),
                ("kind=csv&preset=nothing", ByteBuffer(string: "a,b\n1,2\n"), .badRequest),
                ("kind=estate", ByteBuffer(repeating: UInt8(ascii: " "), count: (64 << 20) + 1), .contentTooLarge),
            ]
            for (query, body, status) in cases {
                let response = try await client.execute(
                    uri: "/api/v1/imports?\(query)", method: .post, headers: headers, body: body)
                #expect(response.status == status, "\(query): \(response.body.text.prefix(300))")
            }
        }
        #expect(try await served.operations.batches(PageRequest()).total == before)
    }
}
