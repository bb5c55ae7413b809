/// An estate whose references are checked and turned into array indices, the layout the engine works on.
///
/// Indices are `Int32` (`-1` for none) so that millions of installations stay compact and cache-friendly.
struct ResolvedEstate {
    let estate: Estate
    let asOf: Day

    let departmentParent: [Int32]
    let personDepartment: [Int32]
    /// Whether each person counts on `asOf` (active, or not yet retired on that day).
    let personActive: [Bool]
    let deviceHost: [Int32]
    let deviceUser: [Int32]
    let deviceDepartment: [Int32]
    /// Whether each device counts on `asOf` (active, or not yet retired on that day).
    let deviceActive: [Bool]
    /// Device indices in id order, so that consumers come out sorted without sorting them.
    let devicesInIDOrder: [Int32]
    let productIndex: [Product.ID: Int32]
    /// The product each product counts as: itself, or the suite it is a component of.
    let countsAs: [Int32]
    let isComponent: [Bool]

    /// The installations present on `asOf` (installed by then, not yet removed); the others are left out.
    let installationDevice: [Int32]
    /// The product counted (a component's installations count as its suite's).
    let installationProduct: [Int32]
    /// Index into `versions`, or -1 where the installation has no version.
    let installationVersion: [Int32]
    /// Each distinct version text, with its rank: equal versions (`16`, `16.0`) share a rank, older ranks lower.
    let versions: [String]
    let versionRank: [Int32]

    let entitlementProduct: [Int32]
    let entitlementCovers: [[Int32]]
    let entitlementActive: [Bool]
    let entitlementScope: [Int32]
    /// Rank of the entitlement's version, or -1 where it has none.
    let entitlementVersionRank: [Int32]
    /// The unit cost in the estate's currency on `asOf`, converted where it is in another.
    let entitlementUnitCost: [Double?]
    /// The rates of `asOf` that the conversions used, by currency.
    let ratesUsed: [ExchangeRate]

    let usageProduct: [Int32]
    /// The person a session's user matched, or -1.
    let usagePerson: [Int32]
    /// Distinct user names of sessions that matched no one, and the index of each session's name (or -1).
    let unmatchedLogins: [String]
    let usageLogin: [Int32]

    let assignmentProduct: [Int32]
    let assignmentPerson: [Int32]
    let assignmentDevice: [Int32]
}

extension ResolvedEstate {
    /// Checks every id and reference and builds the indices; throws the first problem with its path. The
    /// installations are the estate's, or `table` where given (a store's, read as columns).
    init(_ estate: Estate, installations table: InstallationTable? = nil) throws(EstateError) {
        self.estate = estate
        self.asOf = estate.asOf

        let departmentIndex = try Self.index(estate.departments.map(\.id.rawValue), collection: "departments")
        let personIndex = try Self.index(estate.people.map(\.id.rawValue), collection: "people")
        let deviceIndex = try Self.index(estate.devices.map(\.id.rawValue), collection: "devices")
        let productIndexByName = try Self.index(estate.products.map(\.id.rawValue), collection: "products")
        _ = try Self.index(estate.entitlements.map(\.id.rawValue), collection: "entitlements")
        _ = try Self.index(estate.contracts.map(\.id.rawValue), collection: "contracts")
        for (i, item) in estate.contracts.enumerated() { try RecordRules.check(item, at: "contracts[\(i)]") }
        var rateDays = Set<ExchangeRate.Identity>()
        for (i, item) in estate.rates.enumerated() {
            try RecordRules.check(item, at: "rates[\(i)]", estateCurrency: estate.currency)
            guard rateDays.insert(item.identity).inserted else {
                throw .invalidValue(
                    path: "rates[\(i)].date", reason: "\(item.currency) already has a rate on \(item.date)")
            }
        }
        let conversion = CurrencyConversion(currency: estate.currency, rates: estate.rates)
        var productIndex: [Product.ID: Int32] = [:]
        productIndex.reserveCapacity(estate.products.count)
        for (name, index) in productIndexByName { productIndex[Product.ID(name)] = index }

        func department(_ id: Department.ID?, _ path: @autoclosure () -> String) throws(EstateError) -> Int32 {
            guard let id else { return -1 }
            guard let index = departmentIndex[id.rawValue] else {
                throw .unknownReference(path: path(), kind: "department", id: id.rawValue)
            }
            return index
        }
        func person(_ id: Person.ID?, _ path: @autoclosure () -> String) throws(EstateError) -> Int32 {
            guard let id else { return -1 }
            guard let index = personIndex[id.rawValue] else {
                throw .unknownReference(path: path(), kind: "person", id: id.rawValue)
            }
            return index
        }
        func device(_ id: Device.ID, _ path: @autoclosure () -> String) throws(EstateError) -> Int32 {
            guard let index = deviceIndex[id.rawValue] else {
                throw .unknownReference(path: path(), kind: "device", id: id.rawValue)
            }
            return index
        }
        func product(_ id: Product.ID, _ path: @autoclosure () -> String) throws(EstateError) -> Int32 {
            guard let index = productIndex[id] else {
                throw .unknownReference(path: path(), kind: "product", id: id.rawValue)
            }
            return index
        }

        var departmentParent = [Int32](repeating: -1, count: estate.departments.count)
        for (i, item) in estate.departments.enumerated() {
            departmentParent[i] = try department(item.parent, "departments[\(i)].parent")
        }
        try Self.checkNoCycles(departmentParent, estate: estate)
        self.departmentParent = departmentParent

        var personDepartment = [Int32](repeating: -1, count: estate.people.count)
        for (i, item) in estate.people.enumerated() {
            personDepartment[i] = try department(item.department, "people[\(i)].department")
        }
        self.personDepartment = personDepartment
        self.personActive = estate.people.map { $0.counts(on: estate.asOf) }

        let lookup = IndexLookup(
            estate: estate, devices: deviceIndex, products: productIndex, people: personIndex,
            departments: departmentIndex)
        var deviceHost = [Int32](repeating: -1, count: estate.devices.count)
        var deviceUser = deviceHost, deviceDepartment = deviceHost
        for (i, item) in estate.devices.enumerated() {
            try RecordRules.check(item, at: "devices[\(i)]", in: lookup)
            if let host = item.host { deviceHost[i] = try device(host, "devices[\(i)].host") }
            deviceUser[i] = try person(item.user, "devices[\(i)].user")
            deviceDepartment[i] = try department(item.department, "devices[\(i)].department")
        }
        self.deviceHost = deviceHost
        self.deviceUser = deviceUser
        self.deviceDepartment = deviceDepartment
        self.deviceActive = estate.devices.map { $0.counts(on: estate.asOf) }
        self.devicesInIDOrder = estate.devices.indices.sorted { estate.devices[$0].id < estate.devices[$1].id }
            .map { Int32($0) }

        let (countsAs, isComponent) = try Self.resolveSuites(
            estate,
            product: { id, path throws(EstateError) in
                try product(id, path)
            })
        self.productIndex = productIndex
        self.countsAs = countsAs
        self.isComponent = isComponent
        for (i, item) in estate.products.enumerated() { try RecordRules.check(item, at: "products[\(i)]") }

        // Installations are the bulk of an estate: resolved in chunks on every core, then joined.
        let installations =
            if let table {
                try Self.resolveInstallations(
                    table, asOf: estate.asOf, deviceIndex: deviceIndex, productIndex: productIndex, countsAs: countsAs)
            } else {
                try Self.resolveInstallations(
                    estate.installations, asOf: estate.asOf, deviceIndex: deviceIndex, productIndex: productIndex,
                    countsAs: countsAs)
            }
        self.installationDevice = installations.device
        self.installationProduct = installations.product
        self.installationVersion = installations.version
        var versions = installations.versions
        var versionIDs: [String: Int32] = [:]
        for (id, text) in versions.enumerated() { versionIDs[text] = Int32(id) }

        // Entitlement versions join the ranking so that "up to version V" is one integer comparison.
        for item in estate.entitlements {
            if let version = item.version?.text, versionIDs[version] == nil {
                versionIDs[version] = Int32(versions.count)
                versions.append(version)
            }
        }
        self.versions = versions
        self.versionRank = Self.rank(versions)

        let n = estate.entitlements.count
        var entitlementProduct = [Int32](repeating: 0, count: n)
        var entitlementCovers = [[Int32]](repeating: [], count: n)
        var entitlementScope = [Int32](repeating: -1, count: n)
        var entitlementVersionRank = [Int32](repeating: -1, count: n)
        var entitlementActive = [Bool](repeating: false, count: n)
        var entitlementUnitCost = [Double?](repeating: nil, count: n)
        var ratesUsed: [String: ExchangeRate] = [:]
        var supply = [Int](repeating: 0, count: estate.products.count)
        for (i, item) in estate.entitlements.enumerated() {
            let path = "entitlements[\(i)]"
            try RecordRules.check(item, at: path, in: lookup)
            try RecordRules.checkCurrency(of: item, at: path, in: conversion)
            if let cost = item.unitCost {
                entitlementUnitCost[i] = conversion.convert(cost, from: item.currency, on: estate.asOf)
                if let rate = conversion.rate(for: item.currency, on: estate.asOf) { ratesUsed[rate.currency] = rate }
            }
            let own = try product(item.product, "\(path).product")
            entitlementProduct[i] = own
            for (j, covered) in item.covers.enumerated() {
                entitlementCovers[i].append(try product(covered, "\(path).covers[\(j)]"))
            }
            entitlementScope[i] = try department(item.scope, "\(path).scope.department")
            if let version = item.version?.text, let id = versionIDs[version] {
                entitlementVersionRank[i] = versionRank[Int(id)]
            }
            entitlementActive[i] = item.isActive(on: estate.asOf)
            if let quantity = item.quantity, !item.unlimited {
                supply[Int(own)] = try RecordRules.addSupply(
                    supply[Int(own)], quantity, of: item.product, path: "\(path).quantity")
            }
        }
        self.entitlementProduct = entitlementProduct
        self.entitlementCovers = entitlementCovers
        self.entitlementScope = entitlementScope
        self.entitlementVersionRank = entitlementVersionRank
        self.entitlementActive = entitlementActive
        self.entitlementUnitCost = entitlementUnitCost
        self.ratesUsed = ratesUsed.values.sorted { $0.currency < $1.currency }

        (usageProduct, usagePerson, unmatchedLogins, usageLogin) = try Self.resolveUsage(
            estate, personIndex: personIndex,
            product: { id, path throws(EstateError) in
                countsAs[Int(try product(id, path))]
            })
        for (i, item) in estate.denials.enumerated() {
            _ = try product(item.product, "denials[\(i)].product")
            try RecordRules.checkInstant(item.at, path: "denials[\(i)].at")
        }

        var assignmentProduct = [Int32](repeating: 0, count: estate.assignments.count)
        var assignmentPerson = [Int32](repeating: -1, count: estate.assignments.count)
        var assignmentDevice = assignmentPerson
        for (i, item) in estate.assignments.enumerated() {
            try RecordRules.check(item, at: "assignments[\(i)]", in: lookup)
            assignmentProduct[i] = countsAs[Int(try product(item.product, "assignments[\(i)].product"))]
            switch item.assignee {
            case .person(let id): assignmentPerson[i] = try person(id, "assignments[\(i)].person")
            case .device(let id): assignmentDevice[i] = try device(id, "assignments[\(i)].device")
            }
        }
        self.assignmentProduct = assignmentProduct
        self.assignmentPerson = assignmentPerson
        self.assignmentDevice = assignmentDevice
    }

    /// Whether a consumer in `department` lies in the scope `scope` (the department or one below it).
    func department(_ department: Int32, isWithin scope: Int32) -> Bool {
        var current = department
        while current >= 0 {
            if current == scope { return true }
            current = departmentParent[Int(current)]
        }
        return false
    }

    /// The department a device's consumer belongs to: the device's, else its user's.
    func departmentOf(device: Int32) -> Int32 {
        let own = deviceDepartment[Int(device)]
        if own >= 0 { return own }
        let user = deviceUser[Int(device)]
        return user >= 0 ? personDepartment[Int(user)] : -1
    }
}

/// The lookup of a whole estate being resolved: its id indices.
private struct IndexLookup: EstateLookup {
    let estate: Estate
    let devices: [String: Int32]
    let products: [Product.ID: Int32]
    let people: [String: Int32]
    let departments: [String: Int32]

    func deviceKind(_ id: Device.ID) -> Device.Kind? { devices[id.rawValue].map { estate.devices[Int($0)].kind } }
    func productMetric(_ id: Product.ID) -> License.Metric? {
        products[id].map { estate.products[Int($0)].license.metric }
    }
    func hasPerson(_ id: Person.ID) -> Bool { people[id.rawValue] != nil }
    func hasDepartment(_ id: Department.ID) -> Bool { departments[id.rawValue] != nil }
}
