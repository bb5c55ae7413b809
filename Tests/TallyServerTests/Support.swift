import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TallyApp
import TallyCore
import TallyFormats
import TallySQLite
import TallyServer
import TallyStore

/// A server over a store holding the demo estate, with one account and API token per role: `viewer` sees every
/// department, `viewer-dept` only one.
struct ServedStore {
    let operations: Operations
    let api: API
    let tokens: [String: String]
    /// A department of the demo estate, and a product used only outside it.
    let department: Department.ID
    let product: Product.ID
    /// Records of the demo estate that routes name by id.
    let entitlement: Entitlement.ID
    let device: Device.ID
    let person: Person.ID
    let contract: Contract.ID
    static let asOf = Day("2026-11-29")!

    static func make() async throws -> ServedStore {
        let store = try SQLiteStore()
        let at = Instant(secondsSinceEpoch: Int64(asOf.daysSinceEpoch) * 86_400 + 36_000)
        let operations = Operations(store: store, clock: { at }, passwordCost: 4)
        let estate = DemoEstate.make(asOf: asOf)
        _ = try await operations.importEstate(
            Upload(name: "demo", bytes: EstateFile.encode(estate)), mode: .replace, dryRun: false, by: Caller("t"))
        let department = estate.departments[0].id
        var tokens: [String: String] = [:]
        for role in Role.allCases {
            _ = try await operations.addAccount(
                role.rawValue, role: role, password: "password of \(role)", by: Caller("t"))
            tokens[role.rawValue] = try await operations.createToken(for: role.rawValue, expires: nil, by: Caller("t"))
        }
        _ = try await operations.addAccount(
            "viewer-dept", role: .viewer, department: department, password: "password of viewer", by: Caller("t"))
        tokens["viewer-dept"] = try await operations.createToken(for: "viewer-dept", expires: nil, by: Caller("t"))
        let position = try await operations.latestPosition()
        let product = try requireProduct(position, outside: department)
        return ServedStore(
            operations: operations, api: API(operations: operations), tokens: tokens, department: department,
            product: product, entitlement: estate.entitlements[0].id, device: estate.devices[0].id,
            person: estate.people[0].id, contract: estate.contracts[0].id)
    }

    /// The id a route's `{id}` stands for: the record of the kind its path names.
    func id(in path: String) -> String {
        if path.hasPrefix("/api/v1/entitlements/") { return entitlement.rawValue }
        if path.hasPrefix("/api/v1/devices/") { return device.rawValue }
        if path.hasPrefix("/api/v1/people/") { return person.rawValue }
        if path.hasPrefix("/api/v1/contracts/") { return contract.rawValue }
        // The first document attached in a test.
        if path.hasPrefix("/api/v1/documents/") || path.hasPrefix("/api/v1/alerts/") { return "1" }
        return product.rawValue
    }

    func application() throws -> some ApplicationProtocol {
        try WebServer(api: api, port: 0).application()
    }
}

/// A product with consumers, none of them in `department` or under it.
private func requireProduct(_ position: Reconciliation, outside department: Department.ID) throws -> Product.ID {
    let within = position.consumers.departments(within: department)
    for item in position.positions {
        let range = position.consumers.indices(of: item.product)
        if !range.isEmpty, !range.contains(where: { position.consumers[$0].department.map(within.contains) ?? false }) {
            return item.product
        }
    }
    throw TestFailure("the demo estate has no product used only outside \(department)")
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension HTTPFields {
    static func bearer(_ token: String) -> HTTPFields {
        [.authorization: "Bearer \(token)", .contentType: "application/json"]
    }
}

extension ByteBuffer {
    var text: String { String(buffer: self) }
}
