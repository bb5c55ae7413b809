import Testing

@testable import TallyCore

/// Random small estates, checked against rules computed here from the spec, independently of the engine.
@Suite("Allocation properties on random small estates")
struct AllocationPropertyTests {
    /// A random estate of two products (one may cover the other), a few devices (some retired, some assigned a
    /// product), and entitlements with random versions, scopes, terms and quantities; installations may come after
    /// `asOf` or be removed before it; `core` makes units larger than one.
    static func randomEstate(seed: UInt64, metric: License.Metric) -> Estate {
        var random = SeededGenerator(seed: seed)
        let departments = [Department(id: "d0"), Department(id: "d1")]
        let devices = (0..<Int.random(in: 1...7, using: &random)).map { i in
            Device(
                id: .init("dev\(i)"), processors: Int.random(in: 1...2, using: &random),
                coresPerProcessor: Int.random(in: 1...8, using: &random),
                department: Bool.random(using: &random) ? departments.randomElement(using: &random)?.id : nil,
                active: Int.random(in: 0..<6, using: &random) > 0,
                retired: Int.random(in: 0..<6, using: &random) == 0
                    ? testDay.adding(days: Int.random(in: -2...2, using: &random)) : nil)
        }
        let license = License(metric: metric, minCoresPerProcessor: metric == .core ? 2 : 0)
        let products = [product("p", license), product("q", license)]
        let versions = ["1", "2", "2.5", "3"]
        var installations: [Installation] = []
        for device in devices {
            for productID in ["p", "q"] as [Product.ID] where Bool.random(using: &random) {
                var item = install(
                    device.id, productID,
                    Int.random(in: 0..<5, using: &random) == 0 ? nil : versions.randomElement(using: &random))
                switch Int.random(in: 0..<8, using: &random) {
                case 0: item.installed = testDay.adding(days: Int.random(in: 0...1, using: &random))
                case 1: item.removed = testDay.adding(days: Int.random(in: 0...1, using: &random))
                default: break
                }
                installations.append(item)
            }
        }
        let assignments: [Assignment] =
            metric == .device
            ? devices.filter { _ in Int.random(in: 0..<3, using: &random) == 0 }.map {
                Assignment(product: Bool.random(using: &random) ? "p" : "q", assignee: .device($0.id))
            } : []
        let entitlements = (0..<Int.random(in: 0...4, using: &random)).map { i in
            Entitlement(
                id: .init("e\(i)"), product: Bool.random(using: &random) ? "p" : "q",
                quantity: Int.random(in: 0...(metric == .core ? 20 : 4), using: &random),
                version: Bool.random(using: &random) ? versions.randomElement(using: &random).map(Version.init) : nil,
                downgrade: Bool.random(using: &random),
                covers: Int.random(in: 0..<3, using: &random) == 0 ? ["p", "q"] : [],
                end: Int.random(in: 0..<5, using: &random) == 0 ? testDay.adding(days: -1) : nil,
                unlimited: Int.random(in: 0..<12, using: &random) == 0,
                scope: Int.random(in: 0..<3, using: &random) == 0 ? "d0" : nil)
        }
        return estate(
            departments: departments, devices: devices, products: products, installations: installations,
            assignments: assignments, entitlements: entitlements)
    }

    /// Units a consumer needs, the entitlements allowed to cover it, and whether it holds an assignment, worked out
    /// from the spec's words.
    static func consumers(of estate: Estate) -> [(product: Product.ID, units: Int, allowed: Set<Int>, assigned: Bool)] {
        var result: [(Product.ID, Int, Set<Int>, Bool)] = []
        for device in estate.devices where device.retired.map({ testDay < $0 }) ?? device.active {
            for productID in ["p", "q"] as [Product.ID] {
                let installed = estate.installations.filter {
                    $0.device == device.id && $0.product == productID && ($0.installed.map { $0 <= testDay } ?? true)
                        && ($0.removed.map { testDay < $0 } ?? true)
                }
                let assigned = estate.assignments.contains {
                    $0.product == productID && $0.assignee == .device(device.id)
                }
                guard !installed.isEmpty || assigned else { continue }
                let license = estate.products.first { $0.id == productID }?.license ?? License()
                let units =
                    license.metric == .core
                    ? device.processors * max(device.coresPerProcessor ?? 0, license.minCoresPerProcessor) : 1
                var allowed = Set<Int>()
                for (j, e) in estate.entitlements.enumerated() {
                    let active = e.end.map { $0 >= testDay } ?? true
                    let product = e.product == productID || e.covers.contains(productID)
                    let scope = e.scope == nil || e.scope == device.department
                    let versions = installed.allSatisfy { installation in
                        guard let licensed = e.version else { return true }
                        guard let version = installation.version else { return false }
                        return e.downgrade ? version <= licensed : version == licensed
                    }
                    if active && product && scope && versions { allowed.insert(j) }
                }
                result.append((productID, units, allowed, assigned))
            }
        }
        return result
    }

    /// The most units any allocation can cover, by max-flow min-cut over every subset of consumers.
    static func bruteForceOptimum(_ estate: Estate) -> Int {
        let list = consumers(of: estate)
        let capacity = estate.entitlements.map { $0.unlimited ? Int.max / 4 : ($0.quantity ?? 0) }
        var best = Int.max
        for subset in 0..<(1 << list.count) {
            var cut = 0
            var neighbours = Set<Int>()
            for (i, consumer) in list.enumerated() {
                if subset & (1 << i) != 0 { neighbours.formUnion(consumer.allowed) } else { cut += consumer.units }
            }
            cut += neighbours.reduce(0) { $0 + capacity[$1] }
            best = min(best, cut)
        }
        return best
    }

    @Test(
        "covered equals the brute-force optimum; covered <= demand; no entitlement gives more than its quantity",
        arguments: [License.Metric.device, .core])
    func properties(metric: License.Metric) throws {
        for seed in UInt64(1)...400 {
            let estate = Self.randomEstate(seed: seed &* 7919, metric: metric)
            let result = try Reconciler.reconcile(estate)
            let covered = result.positions.reduce(0) { $0 + $1.covered }
            #expect(covered == Self.bruteForceOptimum(estate), "seed \(seed)")
            for position in result.positions {
                #expect(position.covered <= position.demand, "seed \(seed)")
                #expect(position.shortfall >= 0)
            }
            var given: [Entitlement.ID: Int] = [:]
            for consumer in result.consumers {
                #expect(consumer.shortfall >= 0, "seed \(seed)")
                for allocation in consumer.allocated { given[allocation.entitlement, default: 0] += allocation.units }
            }
            for use in result.entitlements {
                #expect(given[use.id, default: 0] == use.used, "seed \(seed)")
                if let quantity = use.quantity { #expect(use.used <= quantity, "seed \(seed)") }
                if !use.active { #expect(use.used == 0) }
            }
            let demand = Self.consumers(of: estate).reduce(0) { $0 + $1.units }
            #expect(result.positions.reduce(0) { $0 + $1.demand } == demand, "seed \(seed)")
        }
    }

    /// What an allocation achieves, in the spec's order of priority: units covered, units an entitlement gives its
    /// own product, units given to consumers holding an assignment, and units from unlimited entitlements.
    struct Score: Comparable {
        var covered = 0, own = 0, assigned = 0, unlimited = 0

        static func < (a: Score, b: Score) -> Bool {
            (a.covered, a.own, a.assigned, a.unlimited) < (b.covered, b.own, b.assigned, b.unlimited)
        }
    }

    /// The best score over every way of giving each one-unit consumer one entitlement or none.
    static func bruteForceBest(_ estate: Estate) -> Score {
        let list = consumers(of: estate)
        let entitlements = estate.entitlements
        var best = Score()
        func visit(_ i: Int, _ left: [Int], _ score: Score) {
            if i == list.count {
                best = max(best, score)
                return
            }
            visit(i + 1, left, score)
            for j in list[i].allowed.sorted() where left[j] > 0 {
                var next = left
                next[j] -= 1
                var gained = score
                gained.covered += 1
                if entitlements[j].product == list[i].product { gained.own += 1 }
                if list[i].assigned { gained.assigned += 1 }
                if entitlements[j].unlimited { gained.unlimited += 1 }
                visit(i + 1, next, gained)
            }
        }
        visit(0, entitlements.map { $0.unlimited ? Int.max / 4 : ($0.quantity ?? 0) }, Score())
        return best
    }

    @Test(
        "among allocations that cover as much: own product first, then assigned consumers, then unlimited rights")
    func preferences() throws {
        var checked = (covers: 0, assigned: 0, unlimited: 0)
        for seed in UInt64(1)...600 {
            let estate = Self.randomEstate(seed: seed &* 104_729, metric: .device)
            let list = Self.consumers(of: estate)
            guard list.count <= 7 else { continue }
            let result = try Reconciler.reconcile(estate)
            let byID = Dictionary(uniqueKeysWithValues: estate.entitlements.map { ($0.id, $0) })
            let assigned = Set(
                estate.assignments.compactMap { item -> String? in
                    guard case .device(let device) = item.assignee else { return nil }
                    return "\(item.product) device:\(device)"
                })
            var score = Score()
            for consumer in result.consumers {
                for allocation in consumer.allocated {
                    let entitlement = try #require(byID[allocation.entitlement])
                    score.covered += allocation.units
                    if entitlement.product == consumer.product { score.own += allocation.units }
                    if assigned.contains("\(consumer.product) \(consumer.key)") { score.assigned += allocation.units }
                    if entitlement.unlimited { score.unlimited += allocation.units }
                }
            }
            #expect(score == Self.bruteForceBest(estate), "seed \(seed)")
            if estate.entitlements.contains(where: { !$0.covers.isEmpty }) { checked.covers += 1 }
            if list.contains(where: \.assigned) && list.contains(where: { !$0.assigned }) { checked.assigned += 1 }
            if estate.entitlements.contains(where: \.unlimited) { checked.unlimited += 1 }
        }
        #expect(checked.covers > 50 && checked.assigned > 50 && checked.unlimited > 20)
    }

    @Test("the same estate always gives the same allocation")
    func deterministic() throws {
        for seed in UInt64(1)...50 {
            let estate = Self.randomEstate(seed: seed, metric: .device)
            let first = try Reconciler.reconcile(estate), second = try Reconciler.reconcile(estate)
            #expect(Array(first.consumers) == Array(second.consumers))
        }
    }
}
