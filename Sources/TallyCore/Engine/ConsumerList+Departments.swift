/// The consumers of one department, sub-departments included: what a person who sees only their department sees.
public struct DepartmentShare: Sendable, Equatable {
    public var product: Product.ID
    /// Units its consumers need, the units covered, and the shortfall among them.
    public var demand: Int
    public var covered: Int
    public var shortfall: Int { demand - covered }
    /// How many of the product's consumers are in the department.
    public var consumers: Int
}

extension ConsumerList {
    /// A value that changes whenever the list is computed again: what a cache of figures drawn from it is keyed by.
    public var identity: ObjectIdentifier { ObjectIdentifier(storage) }

    /// The department and every department under it, as the estate of this position sets them out.
    public func departments(within department: Department.ID) -> Set<Department.ID> {
        let all = storage.estate.estate.departments
        var children: [Department.ID: [Department.ID]] = [:]
        for item in all { if let parent = item.parent { children[parent, default: []].append(item.id) } }
        var found: Set<Department.ID> = [department]
        var queue = [department]
        while let next = queue.popLast() {
            for child in children[next] ?? [] where found.insert(child).inserted { queue.append(child) }
        }
        return found
    }

    /// Per product with consumers in `departments`, their demand and coverage, in product order.
    public func shares(in departments: Set<Department.ID>) -> [DepartmentShare] {
        let estate = storage.estate.estate
        let wanted = Set(estate.departments.indices.filter { departments.contains(estate.departments[$0].id) })
        var shares: [Int32: DepartmentShare] = [:]
        var order: [Int32] = []
        storage.records.forEach { index, record in
            guard record.department >= 0, wanted.contains(Int(record.department)) else { return }
            let covered = storage.allocationUnits[storage.allocationStart[index]..<storage.allocationStart[index + 1]]
                .reduce(0, +)
            if shares[record.product] == nil {
                order.append(record.product)
                shares[record.product] = DepartmentShare(
                    product: estate.products[Int(record.product)].id, demand: 0, covered: 0, consumers: 0)
            }
            shares[record.product]!.demand += record.units
            shares[record.product]!.covered += covered
            shares[record.product]!.consumers += 1
        }
        return order.map { shares[$0]! }
    }
}
