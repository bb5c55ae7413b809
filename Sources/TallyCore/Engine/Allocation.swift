/// How many units each coverage class takes from each entitlement: the optimal flow, before it is split by consumer.
///
/// The plan maximises the units covered. Among plans that cover as much, in this order: it minimises the units an
/// entitlement gives to products in its `covers` (so it serves its own product first); it covers consumers that hold
/// an assignment of the product before those that do not; it draws the fewest units from limited entitlements (an
/// unlimited right serves every consumer it can, so a purchase it makes redundant shows as surplus); then it prefers
/// entitlements in `preferenceRank` order: open-ended terms before dated ones, later ends before earlier ones,
/// earlier starts before later ones, then by id — licenses are drawn from the longest-lasting rights, so surplus
/// shows on the terms that end soonest, where it can be dropped at renewal.
struct AllocationPlan {
    /// Per class, the entitlements that serve it and the units each gives, in preference order.
    var classFlows: [[(entitlement: Int32, units: Int)]]
    /// Per entitlement, the units given.
    var used: [Int]

    init(classes: [CoverageClass], estate: ResolvedEstate) {
        let entitlementCount = estate.entitlementProduct.count
        classFlows = Array(repeating: [], count: classes.count)
        used = Array(repeating: 0, count: entitlementCount)
        let rank = Self.preferenceRank(estate)

        // Classes and entitlements that share no edge never compete: solve each connected group on its own.
        var components = UnionFind(count: classes.count + entitlementCount)
        for (c, coverage) in classes.enumerated() {
            for entitlement in coverage.entitlements { components.union(c, classes.count + Int(entitlement)) }
        }
        var members: [Int: [Int]] = [:]
        var order: [Int] = []
        for (c, coverage) in classes.enumerated() where !coverage.entitlements.isEmpty && coverage.demand > 0 {
            let root = components.find(c)
            if members[root] == nil { order.append(root) }
            members[root, default: []].append(c)
        }
        for root in order {
            solve(classes: members[root] ?? [], of: classes, rank: rank, estate: estate)
        }
    }

    private mutating func solve(classes group: [Int], of classes: [CoverageClass], rank: [Int], estate: ResolvedEstate)
    {
        var entitlementNode: [Int32: Int] = [:]
        var entitlements: [Int32] = []
        for c in group {
            for entitlement in classes[c].entitlements where entitlementNode[entitlement] == nil {
                entitlementNode[entitlement] = group.count + entitlements.count
                entitlements.append(entitlement)
            }
        }
        let source = group.count + entitlements.count
        let sink = source + 1
        var network = FlowNetwork(nodes: sink + 1)
        var edges: [(c: Int, entitlement: Int32, handle: Int)] = []
        for (i, c) in group.enumerated() {
            network.addEdge(from: source, to: i, capacity: classes[c].demand, cost: .zero)
            // Consumers draw on their class's entitlements in this order too: unlimited rights, then by rank.
            let ordered = classes[c].entitlements.sorted {
                let a = estate.estate.entitlements[Int($0)].unlimited, b = estate.estate.entitlements[Int($1)].unlimited
                return a != b ? a : rank[Int($0)] < rank[Int($1)]
            }
            for entitlement in ordered {
                let item = estate.estate.entitlements[Int(entitlement)]
                let cost = FlowCost(
                    crossProduct: estate.entitlementProduct[Int(entitlement)] != classes[c].product ? 1 : 0,
                    unassigned: classes[c].assigned ? 0 : 1, limited: item.unlimited ? 0 : 1,
                    rank: Int64(rank[Int(entitlement)]))
                let handle = network.addEdge(
                    from: i, to: entitlementNode[entitlement] ?? 0,
                    capacity: FlowNetwork.unlimited, cost: cost)
                edges.append((c, entitlement, handle))
            }
        }
        for entitlement in entitlements {
            let item = estate.estate.entitlements[Int(entitlement)]
            let capacity = item.unlimited ? FlowNetwork.unlimited : (item.quantity ?? 0)
            network.addEdge(from: entitlementNode[entitlement] ?? 0, to: sink, capacity: capacity, cost: .zero)
        }
        _ = network.maximiseFlow(from: source, to: sink)
        for edge in edges {
            let units = network.flow(on: edge.handle)
            guard units > 0 else { continue }
            classFlows[edge.c].append((edge.entitlement, units))
            used[Int(edge.entitlement)] += units
        }
    }

    /// Each entitlement's place in the preference order (lower is drawn first).
    static func preferenceRank(_ estate: ResolvedEstate) -> [Int] {
        let items = estate.estate.entitlements
        let order = items.indices.sorted { a, b in
            let x = items[a], y = items[b]
            if x.end != y.end {
                guard let xEnd = x.end else { return true }
                guard let yEnd = y.end else { return false }
                return xEnd > yEnd
            }
            if x.start != y.start {
                guard let xStart = x.start else { return true }
                guard let yStart = y.start else { return false }
                return xStart < yStart
            }
            return x.id < y.id
        }
        var rank = [Int](repeating: 0, count: items.count)
        for (position, index) in order.enumerated() { rank[index] = position }
        return rank
    }
}

/// Disjoint sets with path halving, for finding the independent parts of the allocation.
struct UnionFind {
    private var parent: [Int32]

    init(count: Int) {
        parent = (0..<count).map { Int32($0) }
    }

    mutating func find(_ x: Int) -> Int {
        var x = x
        while Int(parent[x]) != x {
            parent[x] = parent[Int(parent[x])]
            x = Int(parent[x])
        }
        return x
    }

    mutating func union(_ a: Int, _ b: Int) {
        let rootA = find(a), rootB = find(b)
        if rootA != rootB { parent[max(rootA, rootB)] = Int32(min(rootA, rootB)) }
    }
}
