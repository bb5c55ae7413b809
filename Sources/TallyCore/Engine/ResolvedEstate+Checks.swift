extension ResolvedEstate {
    /// Maps each id to its position, rejecting a repeated id with the path of both uses.
    static func index(_ ids: [String], collection: String) throws(EstateError) -> [String: Int32] {
        var index: [String: Int32] = [:]
        index.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() {
            guard !id.isEmpty else {
                throw .invalidValue(path: "\(collection)[\(i)].id", reason: "an id cannot be empty")
            }
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
            try RecordRules.checkInstant(session.start, path: "usage[\(i)].start")
            if let end = session.end {
                try RecordRules.checkInstant(end, path: "usage[\(i)].end")
                if end < session.start {
                    throw .invalidValue(path: "usage[\(i)].end", reason: "\(end) is before the start \(session.start)")
                }
            }
            if !(1...Limits.checkoutCount).contains(session.count) {
                throw .invalidValue(
                    path: "usage[\(i)].count", reason: "must be between 1 and \(Limits.checkoutCount)")
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
