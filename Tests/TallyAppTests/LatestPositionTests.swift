import Foundation
import TallyCore
import TallyStore
import Testing

@testable import TallyApp
@testable import TallySQLite

/// What a server shows on every page: the latest position, computed once per change, not per request.
@Suite("The latest position, kept current")
struct LatestPositionTests {
    let day = Day("2026-11-29")!

    func store() async throws -> SQLiteStore {
        let store = try SQLiteStore()
        var estate = Estate(asOf: day)
        estate.devices = [Device(id: "a"), Device(id: "b")]
        estate.products = [Product(id: "p", unitPrice: 100)]
        estate.installations = [Installation(device: "a", product: "p"), Installation(device: "b", product: "p")]
        estate.entitlements = [Entitlement(id: "e", product: "p", quantity: 1)]
        try await store.importEstate(estate, mode: .replace)
        return store
    }

    @Test("computed once, kept while nothing changes, computed again after a change")
    func keptUntilChanged() async throws {
        let store = try await store()
        let operations = store.operations()
        #expect(try await operations.positionIsCurrent() == false)
        let first = try await operations.latestPosition()
        #expect(first.positions.first?.shortfall == 1)
        #expect(try await operations.positionIsCurrent())
        let second = try await operations.latestPosition()
        #expect(second.positions == first.positions)
        #expect(try await operations.history().count == 1)

        var more = EntitlementChange()
        more.quantity = 2
        try await operations.editEntitlement("e", more, by: Caller("ann"))
        #expect(try await operations.positionIsCurrent() == false)
        let after = try await operations.latestPosition()
        #expect(after.positions.first?.shortfall == 0)
        // One automatic snapshot a day: the second replaced the first; product lists show its figures.
        let history = try await operations.history()
        #expect(history.count == 1 && history.allSatisfy(\.automatic))
        let listed = try await store.read { try $0.products(ProductQuery()) }.items.first?.position
        #expect(listed?.shortfall == 0 && listed?.status == "compliant")
    }

    @Test("a second server on the same store sees the position current without computing it")
    func sharedStore() async throws {
        let store = try await store()
        _ = try await store.operations().latestPosition()
        let other = store.operations()
        #expect(try await other.positionIsCurrent())
        #expect(try await other.latestPosition().positions.first?.shortfall == 1)
        #expect(try await other.history().count == 1)
    }

    @Test("many readers at once share one computation")
    func concurrentReaders() async throws {
        let store = try await store()
        let operations = store.operations()
        let shortfalls = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<16 {
                group.addTask { try await operations.latestPosition().positions.first?.shortfall ?? -1 }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(shortfalls == Array(repeating: 1, count: 16))
        #expect(try await operations.history().count == 1)
    }

    @Test("reconcile saves a snapshot when asked, off the caller's thread; an empty store says so")
    func reconcile() async throws {
        let empty = try SQLiteStore().operations()
        await #expect(throws: TallyError.conflict("the store holds no products yet")) {
            try await empty.reconcile(save: true)
        }
        let operations = try await store().operations()
        _ = try await operations.reconcile(asOf: day, save: false)
        #expect(try await operations.history().isEmpty)
        _ = try await operations.reconcile(asOf: day, save: true)
        #expect(try await operations.history().map(\.automatic) == [false])
    }
}
