import TallyCore
import TallyFormats
import TallyStore
import Testing

@testable import TallyApp
@testable import TallySQLite

/// The review queue with the publisher table: probably licensable titles first, accepted in one step, and every
/// title of a device explained.
@Suite("The review queue: probably licensable first, accepted in one step")
struct ReviewQueueTests {
    typealias Inventory = InventoryImportTests

    /// A store with `ws-1` holding a free title of an unknown publisher on two devices, and commercial titles the
    /// catalog does not know on one.
    static func store() async throws -> SQLiteStore {
        let store = try SQLiteStore()
        for host in ["ws-1", "ws-2"] {
            let programs =
                [("Zork Widget Helper 1.0", "1.0", "Zed Labs")]
                + (host == "ws-1"
                    ? [
                        ("PROXY Zork Gateway 10.2 (x64)", "10.2.1077", "Proxy Networks, Inc."),
                        ("Zork Agent V11", "V11.2", "ESET, spol. s r.o."),
                        ("Zork Archiver 9", "9.0", "Igor Pavlov"),
                    ] : [])
            try await InventoryImportTests().load(
                try Inventory.osquery(host: host, programs: programs), source: "osquery", into: store)
        }
        return store
    }

    @Test("Titles of commercial publishers come first with their suggested product, though on fewer devices")
    func order() async throws {
        let store = try await Self.store()
        let queue = try await store.operations().unrecognizedTitles(limit: 10)
        #expect(queue.map(\.name) == ["PROXY Zork Gateway 10.2 (x64)", "Zork Agent V11", "Zork Widget Helper 1.0"])
        #expect(queue.map(\.probablyLicensable) == [true, true, false])
        #expect(queue[0].suggestion?.id == "proxy-zork-gateway")
        #expect(queue[0].suggestion?.publisher == "Proxy Networks")
        #expect(queue[1].suggestion?.id == "eset-zork-agent")
        #expect(queue[2].devices == 2 && queue[2].knownPublisher == nil)
        #expect(
            try await store.operations().unrecognizedTitles(limit: 1).map(\.name) == ["PROXY Zork Gateway 10.2 (x64)"])
    }

    @Test("A free-software publisher's title is set aside with that reason")
    func freePublisher() async throws {
        let store = try await Self.store()
        let software = try await store.operations().deviceSoftware("ws-1")
        let archiver = try #require(software.first { $0.name == "Zork Archiver 9" })
        #expect(archiver.outcome == "ignored")
        #expect(archiver.reason == "free-publisher-igor-pavlov (free)")
        let proxy = try #require(software.first { $0.name.hasPrefix("PROXY") })
        #expect(proxy.reason == "no rule matches; probably licensable: Proxy Networks sells commercial software")
    }

    @Test("Accepting a suggestion makes its titles a product with their major release, in the audit trail")
    func accept() async throws {
        let store = try await Self.store()
        let operations = store.operations(at: Inventory.source(on: "2026-11-30").at)
        let accepted = try await operations.acceptSuggestion("proxy-zork-gateway", by: Caller("tester"))
        #expect(accepted.applied.changed == 1 && accepted.applied.productsAdded == 1)
        let estate = try await store.loadEstate(asOf: Day("2026-11-30")!)
        #expect(
            estate.installations.filter { $0.product == "proxy-zork-gateway" }.map { $0.version?.description }
                == ["10"])
        #expect(estate.products.first { $0.id == "proxy-zork-gateway" }?.publisher == "Proxy Networks")
        let software = try await operations.deviceSoftware("ws-1")
        #expect(software.first { $0.name.hasPrefix("PROXY") }?.reason == accepted.rule)
        #expect(
            try await operations.unrecognizedTitles(limit: 10).map(\.name).contains { $0.hasPrefix("PROXY") } == false)
        // A version that does not start with a digit gives no major release: the title is still taken.
        _ = try await operations.acceptSuggestion("eset-zork-agent", by: Caller("tester"))
        let after = try await store.loadEstate(asOf: Day("2026-11-30")!)
        #expect(after.installations.contains { $0.product == "eset-zork-agent" && $0.version == nil })
        #expect(try await operations.auditLog(entity: "catalog", id: nil).count == 4)
    }

    @Test("A product no title of the queue suggests is not found, and nothing changes")
    func unknownSuggestion() async throws {
        let store = try await Self.store()
        await #expect(throws: TallyError.notFound(kind: "suggested product in the review queue", id: "nothing")) {
            try await store.operations().acceptSuggestion("nothing", by: Caller("tester"))
        }
        #expect(try await store.operations().auditLog(entity: "catalog", id: nil).isEmpty)
    }
}
