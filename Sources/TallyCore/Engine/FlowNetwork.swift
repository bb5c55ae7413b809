/// The cost of one unit of flow on an edge: the allocation's preferences, compared in order of priority, so that no
/// amount of a lower one can outweigh one unit of a higher one.
struct FlowCost: Comparable {
    /// Units given to a product in an entitlement's `covers` rather than its own product.
    var crossProduct: Int64 = 0
    /// Units given to a consumer that holds no assignment of the product.
    var unassigned: Int64 = 0
    /// Units drawn from a limited entitlement rather than an unlimited one.
    var limited: Int64 = 0
    /// The entitlement's place in the documented tie order.
    var rank: Int64 = 0

    static let zero = FlowCost()
    /// Larger than every cost a path can have.
    static let infinite = FlowCost(crossProduct: .max, unassigned: .max, limited: .max, rank: .max)

    static func + (a: FlowCost, b: FlowCost) -> FlowCost {
        FlowCost(
            crossProduct: a.crossProduct &+ b.crossProduct, unassigned: a.unassigned &+ b.unassigned,
            limited: a.limited &+ b.limited, rank: a.rank &+ b.rank)
    }

    static prefix func - (a: FlowCost) -> FlowCost {
        FlowCost(crossProduct: -a.crossProduct, unassigned: -a.unassigned, limited: -a.limited, rank: -a.rank)
    }

    static func < (a: FlowCost, b: FlowCost) -> Bool {
        (a.crossProduct, a.unassigned, a.limited, a.rank) < (b.crossProduct, b.unassigned, b.limited, b.rank)
    }
}

/// A min-cost max-flow network: the allocation's optimiser.
///
/// Successive shortest paths with a queue-based Bellman-Ford: the networks are small (coverage classes and
/// entitlements, not consumers), and the residual graph has negative costs that this search handles directly.
/// Costs are compared in order of their parts (`FlowCost`), so the flow is optimal for each preference in turn.
struct FlowNetwork {
    private struct Edge {
        var to: Int32
        var capacity: Int
        var cost: FlowCost
    }

    /// Capacity that never runs out (an unlimited entitlement, a class's edge to an entitlement).
    static let unlimited = Int.max / 4

    private var edges: [Edge] = []
    private var outgoing: [[Int32]]
    private var original: [Int] = []

    init(nodes: Int) {
        outgoing = Array(repeating: [], count: nodes)
    }

    /// Adds an edge and returns its handle for `flow(on:)`.
    @discardableResult
    mutating func addEdge(from: Int, to: Int, capacity: Int, cost: FlowCost) -> Int {
        let handle = edges.count
        edges.append(Edge(to: Int32(to), capacity: capacity, cost: cost))
        edges.append(Edge(to: Int32(from), capacity: 0, cost: -cost))
        outgoing[from].append(Int32(handle))
        outgoing[to].append(Int32(handle + 1))
        original.append(capacity)
        original.append(0)
        return handle
    }

    /// The flow an edge carries after `maximiseFlow`.
    func flow(on handle: Int) -> Int {
        original[handle] - edges[handle].capacity
    }

    /// Sends as much flow as possible from `source` to `sink`, and among maximum flows one of least total cost.
    mutating func maximiseFlow(from source: Int, to sink: Int) -> Int {
        let nodes = outgoing.count
        var total = 0
        var distance = [FlowCost](repeating: .zero, count: nodes)
        var through = [Int32](repeating: -1, count: nodes)
        var queued = [Bool](repeating: false, count: nodes)
        var queue: [Int32] = []
        while true {
            for i in 0..<nodes { distance[i] = .infinite; through[i] = -1 }
            distance[source] = .zero
            queue.removeAll(keepingCapacity: true)
            queue.append(Int32(source))
            queued[source] = true
            var head = 0
            while head < queue.count {
                let node = Int(queue[head])
                head += 1
                queued[node] = false
                for handle in outgoing[node] {
                    let edge = edges[Int(handle)]
                    guard edge.capacity > 0 else { continue }
                    let candidate = distance[node] + edge.cost
                    if candidate < distance[Int(edge.to)] {
                        distance[Int(edge.to)] = candidate
                        through[Int(edge.to)] = handle
                        if !queued[Int(edge.to)] {
                            queued[Int(edge.to)] = true
                            queue.append(edge.to)
                        }
                    }
                }
                // Keep the queue from growing without bound: drop what has been consumed.
                if head > 4096 && head * 2 > queue.count {
                    queue.removeFirst(head)
                    head = 0
                }
            }
            guard distance[sink] != .infinite else { return total }
            var bottleneck = Int.max
            var node = sink
            while node != source {
                let handle = Int(through[node])
                bottleneck = min(bottleneck, edges[handle].capacity)
                node = Int(edges[handle ^ 1].to)
            }
            node = sink
            while node != source {
                let handle = Int(through[node])
                edges[handle].capacity -= bottleneck
                edges[handle ^ 1].capacity += bottleneck
                node = Int(edges[handle ^ 1].to)
            }
            total += bottleneck
        }
    }
}
