extension ResolvedEstate {
    /// Maps each id to its position, rejecting a repeated id with the path of both uses.
    static func index(_ ids: [String], collection: String) throws(EstateError) -> [String: Int32] {
        var index: [String: Int32] = [:]
        index.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() {
            if let first = index.updateValue(Int32(i), forKey: id) {
                throw .duplicateID(path: "\(collection)[\(i)].id", id: id, firstPath: "\(collection)[\(first)]")
            }
        }
        return index
    }

    static func checkNoCycles(_ parent: [Int32], estate: Estate) throws(EstateError) {
        for start in parent.indices {
            var current = parent[start]
            var steps = 0
            while current >= 0 {
                steps += 1
                if current == Int32(start) || steps > parent.count {
                    throw .invalidValue(
                        path: "departments[\(start)].parent",
                        reason: "\"\(estate.departments[start].id)\" is its own ancestor; break the cycle")
                }
                current = parent[Int(current)]
            }
        }
    }

    /// The largest count of processors, cores or vCPUs a device may claim: far above any real machine, low enough
    /// that no product of counts can overflow.
    static let hardwareLimit = 1_000_000
    /// The largest quantity, session count or day span accepted, for the same reason.
    static let quantityLimit = 1_000_000_000_000

    static func checkHardware(_ device: Device, path: String) throws(EstateError) {
        for (name, value) in [
            ("processors", device.processors as Int?), ("coresPerProcessor", device.coresPerProcessor),
            ("vcpus", device.vcpus),
        ] {
            guard let value else { continue }
            if !(1...hardwareLimit).contains(value) {
                throw .invalidValue(path: "\(path).\(name)", reason: "must be between 1 and \(hardwareLimit)")
            }
        }
    }

    static func checkLicense(_ license: License, path: String) throws(EstateError) {
        for (name, value) in [
            ("minCoresPerProcessor", license.minCoresPerProcessor),
            ("minCoresPerDevice", license.minCoresPerDevice),
            ("minCoresPerVM", license.minCoresPerVM), ("windowDays", license.windowDays),
            ("minimumUsersPerProcessor", license.minimumUsersPerProcessor),
            ("minimumUsersPerDevice", license.minimumUsersPerDevice),
        ]
        where !(0...hardwareLimit).contains(value) {
            throw .invalidValue(path: "\(path).\(name)", reason: "must be between 0 and \(hardwareLimit)")
        }
        if let devices = license.devicesPerUser, devices < 1 {
            throw .invalidValue(path: "\(path).devicesPerUser", reason: "must be 1 or more")
        }
        if let machines = license.vmsPerLicense, !(1...hardwareLimit).contains(machines) {
            throw .invalidValue(path: "\(path).vmsPerLicense", reason: "must be between 1 and \(hardwareLimit)")
        }
        if case .value(let factor) = license.coreFactor, !(factor > 0 && factor <= 100) {
            throw .invalidValue(
                path: "\(path).coreFactor", reason: "must be a number above 0 (up to 100), or \"oracle\"")
        }
        if case .value(let pvu) = license.pvuPerCore, !(pvu > 0 && pvu <= 10_000) {
            throw .invalidValue(
                path: "\(path).pvuPerCore",
                reason: "must be a number above 0 (up to 10000), or \"ibm-pvu\"")
        }
    }

    static func checkTerms(_ entitlement: Entitlement, path: String) throws(EstateError) {
        if let quantity = entitlement.quantity {
            if !(0...quantityLimit).contains(quantity) {
                throw .invalidValue(path: "\(path).quantity", reason: "must be between 0 and \(quantityLimit)")
            }
        } else if !entitlement.unlimited {
            throw .invalidValue(path: "\(path).quantity", reason: "required unless \"unlimited\" is true")
        }
        if let start = entitlement.start, let end = entitlement.end, end < start {
            throw .invalidValue(path: "\(path).end", reason: "\(end) is before the start \(start)")
        }
        if let cost = entitlement.unitCost, !(cost >= 0) {
            throw .invalidValue(path: "\(path).unitCost", reason: "must be a number of 0 or more")
        }
    }

    /// Maps each product to the product it counts as, checking that suites are flat and share no component.
    static func resolveSuites(
        _ estate: Estate, product: (Product.ID, String) throws(EstateError) -> Int32
    ) throws(EstateError) -> (countsAs: [Int32], isComponent: [Bool]) {
        var countsAs = (0..<estate.products.count).map { Int32($0) }
        var suitePath = [String?](repeating: nil, count: estate.products.count)
        for (i, suite) in estate.products.enumerated() {
            for (j, componentID) in suite.components.enumerated() {
                let path = "products[\(i)].components[\(j)]"
                let component = Int(try product(componentID, path))
                if component == i {
                    throw .invalidValue(path: path, reason: "a suite cannot be a component of itself")
                }
                if !estate.products[component].components.isEmpty {
                    throw .invalidValue(path: path, reason: "\"\(componentID)\" is a suite itself; list its components")
                }
                if let first = suitePath[component] {
                    throw .invalidValue(
                        path: path,
                        reason: "\"\(componentID)\" is already a component of \(first); a product belongs to one suite")
                }
                suitePath[component] = "products[\(i)] (\"\(suite.id)\")"
                countsAs[component] = Int32(i)
            }
        }
        return (countsAs, suitePath.map { $0 != nil })
    }

    /// Ranks version texts oldest first; texts that compare equal share a rank.
    static func rank(_ versions: [String]) -> [Int32] {
        let order = versions.indices.sorted { Version.compare(versions[$0], versions[$1]) < 0 }
        var rank = [Int32](repeating: 0, count: versions.count)
        var current: Int32 = -1
        for (position, index) in order.enumerated() {
            if position == 0 || Version.compare(versions[order[position - 1]], versions[index]) != 0 {
                current += 1
            }
            rank[index] = current
        }
        return rank
    }

    /// Matches each session's user to a person (by login, else id) and checks its product and times.
    static func resolveUsage(
        _ estate: Estate, personIndex: [String: Int32],
        product: (Product.ID, String) throws(EstateError) -> Int32
    ) throws(EstateError) -> (product: [Int32], person: [Int32], logins: [String], login: [Int32]) {
        var byLogin: [String: Int32] = [:]
        for (i, person) in estate.people.enumerated() {
            if let login = person.login, byLogin[login] == nil { byLogin[login] = Int32(i) }
        }
        let count = estate.usage.count
        var products = [Int32](repeating: 0, count: count)
        var persons = [Int32](repeating: -1, count: count)
        var loginOf = [Int32](repeating: -1, count: count)
        var logins: [String] = []
        var loginIDs: [String: Int32] = [:]
        for (i, session) in estate.usage.enumerated() {
            products[i] = try product(session.product, "usage[\(i)].product")
            if let end = session.end, end < session.start {
                throw .invalidValue(path: "usage[\(i)].end", reason: "\(end) is before the start \(session.start)")
            }
            if !(1...hardwareLimit).contains(session.count) {
                throw .invalidValue(path: "usage[\(i)].count", reason: "must be between 1 and \(hardwareLimit)")
            }
            guard let user = session.user else { continue }
            if let person = byLogin[user] ?? personIndex[user] {
                persons[i] = person
            } else if let id = loginIDs[user] {
                loginOf[i] = id
            } else {
                loginOf[i] = Int32(logins.count)
                loginIDs[user] = Int32(logins.count)
                logins.append(user)
            }
        }
        return (products, persons, logins, loginOf)
    }
}
