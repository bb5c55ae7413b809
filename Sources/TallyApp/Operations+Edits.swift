import TallyCore
import TallyFormats
import TallyStore

/// Everyday changes, each one audited change that checks only the records it touches, under the same rules as a
/// whole estate (`RecordRules`): an edit on a store of millions of installations reads a few rows, not the estate.
extension Operations {
    public func addEntitlement(_ item: Entitlement, by caller: Caller) async throws(TallyError) {
        try await edit(by: caller) { writer in
            try Self.checkNew(item.id.rawValue)
            guard try writer.entitlement(item.id) == nil else {
                throw TallyError.conflict("entitlement \"\(item.id)\" already exists")
            }
            try Self.check(item, in: writer)
            try writer.insert(item)
            return (
                AuditChange(
                    entity: "entitlement", id: item.id.rawValue, action: "add", before: nil,
                    after: EstateFile.json(of: item)), { @Sendable (digest: inout EstateDigest) in digest.add([item]) }
            )
        }
    }

    /// Changes an entitlement's values and returns it as it is now.
    @discardableResult
    public func editEntitlement(
        _ id: Entitlement.ID, _ change: EntitlementChange, by caller: Caller
    )
        async throws(TallyError) -> Entitlement
    {
        try await editReturning(by: caller) { writer in
            let before = try Self.existing(try writer.entitlement(id), "entitlement", id.rawValue)
            let item = change.applied(to: before)
            try Self.check(item, in: writer)
            try writer.update(item)
            return (
                AuditChange(
                    entity: "entitlement", id: id.rawValue, action: "edit", before: EstateFile.json(of: before),
                    after: EstateFile.json(of: item)),
                { @Sendable (digest: inout EstateDigest) in digest.replace(before, with: item) }, item
            )
        }
    }

    /// Ends an entitlement's term on `day` (its last day); it stays on record.
    public func retireEntitlement(_ id: Entitlement.ID, on day: Day, by caller: Caller) async throws(TallyError) {
        try await edit(by: caller) { writer in
            let before = try Self.existing(try writer.entitlement(id), "entitlement", id.rawValue)
            if let start = before.start, day < start {
                throw TallyError.conflict(
                    "entitlement \"\(id)\" starts \(start), after \(day); retire it on or after its start")
            }
            var item = before
            item.end = day
            try writer.update(item)
            let after = item
            return (
                AuditChange(
                    entity: "entitlement", id: id.rawValue, action: "retire", before: EstateFile.json(of: before),
                    after: EstateFile.json(of: item)),
                { @Sendable (digest: inout EstateDigest) in digest.replace(before, with: after) }
            )
        }
    }

    public func addProduct(_ item: Product, by caller: Caller) async throws(TallyError) {
        try await edit(by: caller) { writer in
            try Self.checkNew(item.id.rawValue)
            guard try writer.product(item.id) == nil else {
                throw TallyError.conflict("product \"\(item.id)\" already exists")
            }
            var item = item
            item.components = []
            try Self.told(as: "product \"\(item.id)\"", "products[0]") { () throws(EstateError) in
                try RecordRules.check(item, at: "products[0]")
            }
            try writer.insert(item)
            let added = item
            return (
                AuditChange(
                    entity: "product", id: item.id.rawValue, action: "add", before: nil,
                    after: EstateFile.json(of: item)), { @Sendable (digest: inout EstateDigest) in digest.add([added]) }
            )
        }
    }

    /// Changes a product's own values (not its components) and returns it as it is now. The entitlements bought
    /// for it or covering it must still hold under its new metric.
    @discardableResult
    public func editProduct(
        _ id: Product.ID, _ change: ProductChange, by caller: Caller
    ) async throws(TallyError)
        -> Product
    {
        try await editReturning(by: caller) { writer in
            let before = try Self.existing(try writer.product(id), "product", id.rawValue)
            var item = change.applied(to: before)
            item.components = before.components
            try Self.told(as: "product \"\(id)\"", "products[0]") { () throws(EstateError) in
                try RecordRules.check(item, at: "products[0]")
            }
            for entitlement in try writer.entitlements(touching: id) {
                var known = try Self.known(entitlement, in: writer)
                known.products[id] = item.license.metric
                try Self.told(as: "entitlement \"\(entitlement.id)\"", "entitlements[0]") { () throws(EstateError) in
                    try RecordRules.check(entitlement, at: "entitlements[0]", in: known)
                }
            }
            try writer.update(item)
            let after = item
            return (
                AuditChange(
                    entity: "product", id: id.rawValue, action: "edit", before: EstateFile.json(of: before),
                    after: EstateFile.json(of: item)),
                { @Sendable (digest: inout EstateDigest) in digest.replace(before, with: after) }, item
            )
        }
    }

    /// Changes a device's hardware, host, cluster, partitioning, user or department and returns it as it is now.
    @discardableResult
    public func editDevice(
        _ id: Device.ID, _ change: DeviceChange, by caller: Caller
    ) async throws(TallyError)
        -> Device
    {
        try await editReturning(by: caller) { writer in
            let before = try Self.existing(try writer.device(id), "device", id.rawValue)
            let item = change.applied(to: before)
            var known = KnownRecords()
            if let host = item.host, let device = try writer.device(host) { known.devices[host] = device.kind }
            if let user = item.user, try writer.person(user) != nil { known.people.insert(user) }
            if let department = item.department, try writer.department(department) != nil {
                known.departments.insert(department)
            }
            try Self.told(as: "device \"\(id)\"", "devices[0]") { () throws(EstateError) in
                try RecordRules.check(item, at: "devices[0]", in: known)
            }
            if item.kind != .physical, let vm = try writer.virtualMachines(on: id).first {
                throw TallyError.invalid(
                    path: "device \"\(vm)\" host", reason: "host \"\(id)\" is itself virtual; name the physical host")
            }
            try writer.update(item)
            return (
                AuditChange(
                    entity: "device", id: id.rawValue, action: "edit", before: EstateFile.json(of: before),
                    after: EstateFile.json(of: item)),
                { @Sendable (digest: inout EstateDigest) in digest.replace(before, with: item) }, item
            )
        }
    }

    /// Marks a device retired from `day` (the first day it no longer counts); it stays on record.
    public func retireDevice(_ id: Device.ID, on day: Day, by caller: Caller) async throws(TallyError) {
        try await edit(by: caller) { writer in
            let before = try Self.existing(try writer.device(id), "device", id.rawValue)
            if let retired = before.retired {
                throw TallyError.conflict("device \"\(id)\" is already retired, on \(retired)")
            }
            var item = before
            item.active = false
            item.retired = day
            try writer.update(item)
            let after = item
            return (
                AuditChange(
                    entity: "device", id: id.rawValue, action: "retire", before: EstateFile.json(of: before),
                    after: EstateFile.json(of: item)),
                { @Sendable (digest: inout EstateDigest) in digest.replace(before, with: after) }
            )
        }
    }

    /// Marks a person retired from `day` (the first day they no longer count, having left); they stay on record.
    public func retirePerson(_ id: Person.ID, on day: Day, by caller: Caller) async throws(TallyError) {
        try await edit(by: caller) { writer in
            let before = try Self.existing(try writer.person(id), "person", id.rawValue)
            if let retired = before.retired {
                throw TallyError.conflict("person \"\(id)\" is already retired, on \(retired)")
            }
            var item = before
            item.active = false
            item.retired = day
            try writer.update(item)
            let after = item
            return (
                AuditChange(
                    entity: "person", id: id.rawValue, action: "retire", before: EstateFile.json(of: before),
                    after: EstateFile.json(of: item)),
                { @Sendable (digest: inout EstateDigest) in digest.replace(before, with: after) }
            )
        }
    }

    /// Assigns a license of a product to a person or a device: the assignment is the license.
    public func assign(_ item: Assignment, by caller: Caller) async throws(TallyError) {
        try await edit(by: caller) { writer in
            var known = KnownRecords()
            if let product = try writer.product(item.product) { known.products[item.product] = product.license.metric }
            switch item.assignee {
            case .person(let id): if try writer.person(id) != nil { known.people.insert(id) }
            case .device(let id): if let device = try writer.device(id) { known.devices[id] = device.kind }
            }
            try Self.told(as: "the assignment of \"\(item.product)\"", "assignments[0]") { () throws(EstateError) in
                try RecordRules.check(item, at: "assignments[0]", in: known)
            }
            guard try writer.count(of: item) == 0 else {
                throw TallyError.conflict("\(Self.describe(item)) is already assigned")
            }
            try writer.insert(item)
            return (
                AuditChange(
                    entity: "assignment", id: item.product.rawValue, action: "assign", before: nil,
                    after: EstateFile.json(of: item)), { @Sendable (digest: inout EstateDigest) in digest.add([item]) }
            )
        }
    }

    /// Takes back an assigned license.
    public func unassign(_ item: Assignment, by caller: Caller) async throws(TallyError) {
        try await edit(by: caller) { writer in
            guard try writer.count(of: item) > 0 else {
                throw TallyError.conflict("\(Self.describe(item)) is not assigned")
            }
            try writer.delete(item)
            return (
                AuditChange(
                    entity: "assignment", id: item.product.rawValue, action: "unassign",
                    before: EstateFile.json(of: item), after: nil),
                { @Sendable (digest: inout EstateDigest) in digest.remove([item]) }
            )
        }
    }

    /// How an edit changes the estate's digest: the records it removes and adds.
    typealias DigestChange = @Sendable (inout EstateDigest) -> Void

    /// Runs one edit: its change is audited with the digest of the estate it leaves, and moves the store to a new
    /// generation.
    func edit(
        by caller: Caller, _ body: @escaping @Sendable (any StoreWriter) throws -> (AuditChange, DigestChange)
    )
        async throws(TallyError)
    {
        let _: Bool = try await editReturning(by: caller) { writer in
            let (change, digest) = try body(writer)
            return (change, digest, true)
        }
    }

    /// Runs one edit that returns the record as it is now.
    func editReturning<T: Sendable>(
        by caller: Caller, _ body: @escaping @Sendable (any StoreWriter) throws -> (AuditChange, DigestChange, T)
    ) async throws(TallyError) -> T {
        let at = now
        let signing = signing
        return try await writing { writer in
            let previous = try writer.auditHead().last?.state
            let (change, digestChange, result) = try body(writer)
            var state = try signing.lastState(in: writer, asOf: at.day)
            // A state computed afresh is the one after the change already.
            if previous != nil { digestChange(&state) }
            try signing.append(change, actor: caller.name, at: at, state: state, in: writer)
            try writer.markChanged()
            return result
        }
    }

    /// Checks an entitlement against the products, departments and other purchases it refers to.
    static func check(_ item: Entitlement, in reader: any StoreReader) throws {
        let name = "entitlement \"\(item.id)\""
        let known = try known(item, in: reader)
        try told(as: name, "entitlements[0]") { () throws(EstateError) in
            try RecordRules.check(item, at: "entitlements[0]", in: known)
        }
        if item.currency != nil {
            let conversion = try reader.currencyConversion()
            try told(as: name, "entitlements[0]") { () throws(EstateError) in
                try RecordRules.checkCurrency(of: item, at: "entitlements[0]", in: conversion)
            }
        }
        guard let quantity = item.quantity, !item.unlimited else { return }
        let others = try reader.entitlements(touching: item.product).filter {
            $0.product == item.product && $0.id != item.id && !$0.unlimited
        }
        try told(as: name, "entitlements[0]") { () throws(EstateError) in
            try RecordRules.checkSupply(
                others.compactMap(\.quantity) + [quantity], of: item.product, path: "entitlements[0].quantity")
        }
    }

    /// What an entitlement refers to, as found in the store.
    static func known(_ item: Entitlement, in reader: any StoreReader) throws -> KnownRecords {
        var known = KnownRecords()
        for id in [item.product] + item.covers {
            if let product = try reader.product(id) { known.products[id] = product.license.metric }
        }
        if let scope = item.scope, try reader.department(scope) != nil { known.departments.insert(scope) }
        return known
    }

    /// A broken rule told of the record by name: `entitlement "PO-1" quantity: must be ...`.
    static func told(as name: String, _ path: String, _ check: () throws(EstateError) -> Void) throws(TallyError) {
        do {
            try check()
        } catch {
            let rest = error.path.dropFirst(path.count)
            let field = rest.hasPrefix(".") ? " " + rest.dropFirst() : String(rest)
            let reason = TallyError(error)
            guard case .invalid(_, let text) = reason else { throw reason }
            throw .invalid(path: name + field, reason: text)
        }
    }

    static func existing<T>(_ record: T?, _ kind: String, _ id: String) throws(TallyError) -> T {
        guard let record else { throw .notFound(kind: kind, id: id) }
        return record
    }

    /// Refuses an empty id.
    static func checkNew(_ id: String) throws(TallyError) {
        if id.isEmpty { throw .invalid(path: "id", reason: "an id cannot be empty") }
    }

    static func describe(_ item: Assignment) -> String {
        switch item.assignee {
        case .person(let person): return "\"\(item.product)\" to person \"\(person)\""
        case .device(let device): return "\"\(item.product)\" to device \"\(device)\""
        }
    }
}
