import Foundation
import TallyCore
import TallyStore
import Testing

@testable import TallyApp
@testable import TallySQLite

/// Edits check only the records they touch; the estate they leave must be exactly as valid as if it had been checked
/// whole. Random edits on a small estate, each applied by the operation and, independently, to the whole estate in
/// memory and validated there: both accept or both refuse, with the same words.
@Suite("Edits check what they touch, under the rules of the whole estate")
struct EditRulesTests {
    static let day = Day("2026-11-29")!

    static var estate: Estate {
        var estate = Estate(asOf: day)
        estate.departments = [Department(id: "eng"), Department(id: "ops", parent: "eng")]
        estate.people = [Person(id: "ann", department: "eng"), Person(id: "bob")]
        estate.devices = [
            Device(id: "esx1", processors: 2, coresPerProcessor: 8),
            Device(id: "esx2", processors: 2, coresPerProcessor: 8),
            Device(id: "vm1", kind: .virtual, host: "esx1", vcpus: 4),
            Device(id: "vm2", kind: .virtual, host: "esx2", vcpus: 2),
            Device(id: "ws1", user: "ann"),
        ]
        estate.products = [
            Product(id: "office"), Product(id: "visio"),
            Product(id: "sql", license: License(metric: .core)), Product(id: "sqlent", license: License(metric: .core)),
            Product(id: "figma", license: License(metric: .user)),
        ]
        estate.entitlements = [
            Entitlement(id: "E1", product: "office", quantity: 5),
            Entitlement(id: "E2", product: "sql", quantity: 8, covers: ["sqlent"], scope: "eng"),
        ]
        estate.assignments = [Assignment(product: "figma", assignee: .person("ann"))]
        return estate
    }

    /// A deterministic source of choices.
    struct Choices {
        var state: UInt64

        mutating func next(_ count: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(count))
        }

        mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
    }

    /// One edit, applied by the operation and to the estate in memory.
    struct Edit {
        var name: String
        var operation: @Sendable (Operations) async throws(TallyError) -> Void
        /// The estate after the edit, or nil where the edit names nothing (the operation says not found).
        var applied: (Estate) -> Estate?
    }

    static func edit(_ choices: inout Choices) -> Edit {
        let ids = ["office", "visio", "sql", "sqlent", "figma", "nope"]
        let quantities = [0, 3, -1, 2_000_000_000_000]
        let caller = Caller("t")
        switch choices.next(5) {
        case 0:
            let item = Entitlement(
                id: Entitlement.ID(choices.pick(["E3", "E4"])), product: Product.ID(choices.pick(ids)),
                quantity: choices.pick(quantities),
                covers: choices.pick([[], ["sqlent"], ["visio"], ["nope"]]).map { Product.ID($0) },
                start: choices.pick([nil, Day("2026-01-01")]), end: choices.pick([nil, Day("2025-01-01")]),
                scope: choices.pick([nil, "ops", "hr"]), unitCost: choices.pick([nil, 10, -5, 1e13]))
            return Edit(
                name: "add \(item)",
                operation: { operations throws(TallyError) in try await operations.addEntitlement(item, by: caller) },
                applied: { estate in
                    var estate = estate
                    estate.entitlements.append(item)
                    return estate
                })
        case 1:
            var change = EntitlementChange()
            change.product = choices.pick([nil, "visio", "figma", "nope"])
            change.quantity = choices.pick([nil, 4, -3])
            change.covers = choices.pick([[], [""], ["figma"]])
            change.end = choices.pick([nil, Day("2020-01-01")])
            let id = Entitlement.ID(choices.pick(["E1", "E2"]))
            let entitlementChange = change
            return Edit(
                name: "edit \(id) \(change)",
                operation: { operations throws(TallyError) in
                    _ = try await operations.editEntitlement(id, entitlementChange, by: caller)
                },
                applied: { estate in
                    var estate = estate
                    guard let i = estate.entitlements.firstIndex(where: { $0.id == id }) else { return nil }
                    estate.entitlements[i] = change.applied(to: estate.entitlements[i])
                    return estate
                })
        case 2:
            var change = ProductChange()
            change.metric = choices.pick([nil, .device, .core, .user])
            change.unitPrice = choices.pick([nil, 100, -1])
            change.coreFactor = choices.pick([nil, .value(0), .value(0.5)])
            change.windowDays = choices.pick([nil, 0, 90])
            let id = Product.ID(choices.pick(ids))
            let productChange = change
            return Edit(
                name: "edit product \(id) \(change)",
                operation: { operations throws(TallyError) in
                    _ = try await operations.editProduct(id, productChange, by: caller)
                },
                applied: { estate in
                    var estate = estate
                    guard let i = estate.products.firstIndex(where: { $0.id == id }) else { return nil }
                    var edited = change.applied(to: estate.products[i])
                    edited.components = estate.products[i].components
                    estate.products[i] = edited
                    return estate
                })
        case 3:
            var change = DeviceChange()
            change.host = choices.pick([nil, "", "esx1", "vm2", "nope"])
            change.user = choices.pick([nil, "bob", "zed"])
            change.department = choices.pick([nil, "ops", "hr"])
            change.processors = choices.pick([nil, 0, 4, 5000])
            let id = Device.ID(choices.pick(["esx1", "vm1", "ws1", "nope"]))
            let deviceChange = change
            return Edit(
                name: "edit device \(id) \(change)",
                operation: { operations throws(TallyError) in
                    _ = try await operations.editDevice(id, deviceChange, by: caller)
                },
                applied: { estate in
                    var estate = estate
                    guard let i = estate.devices.firstIndex(where: { $0.id == id }) else { return nil }
                    estate.devices[i] = change.applied(to: estate.devices[i])
                    return estate
                })
        default:
            let assignee: Assignment.Assignee =
                choices.next(2) == 0
                ? .person(Person.ID(choices.pick(["ann", "bob", "zed"])))
                : .device(Device.ID(choices.pick(["ws1", "vm9"])))
            let item = Assignment(product: Product.ID(choices.pick(["figma", "office", "nope"])), assignee: assignee)
            return Edit(
                name: "assign \(item)",
                operation: { operations throws(TallyError) in try await operations.assign(item, by: caller) },
                applied: { estate in
                    var estate = estate
                    estate.assignments.append(item)
                    return estate
                })
        }
    }

    @Test("400 random edits: the operation accepts exactly what the whole estate's check accepts, in its words")
    func sameVerdicts() async throws {
        var choices = Choices(state: 42)
        var refused = 0
        for _ in 0..<40 {
            let store = try SQLiteStore()
            try await store.importEstate(Self.estate, mode: .replace)
            var current = try await store.loadEstate(asOf: Self.day)
            let operations = store.operations()
            for _ in 0..<10 {
                let edit = Self.edit(&choices)
                var outcome: TallyError?
                do throws(TallyError) {
                    try await edit.operation(operations)
                } catch {
                    outcome = error
                }
                guard let after = edit.applied(current) else {
                    guard case .notFound = outcome else {
                        Issue.record("\(edit.name): expected not found, got \(String(describing: outcome))")
                        continue
                    }
                    continue
                }
                if case .conflict = outcome { continue }
                var expected: String?
                do throws(EstateError) {
                    try after.validate()
                } catch {
                    expected = after.describe(error)
                }
                #expect(outcome?.description == expected, "\(edit.name)")
                if outcome == nil {
                    current = after
                } else {
                    refused += 1
                }
                #expect(try await store.loadEstate(asOf: Self.day) == current, "\(edit.name)")
            }
        }
        // The edits were varied enough to hit both verdicts many times.
        #expect(refused > 100 && refused < 350)
    }
}
