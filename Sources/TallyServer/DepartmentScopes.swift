import TallyCore

/// What a viewer of one department sees of the latest position, worked out once per position and department (a
/// walk over every consumer) and kept until the position is computed again.
actor DepartmentScopes {
    struct Scope: Sendable {
        /// The department and those under it.
        var departments: Set<Department.ID>
        /// Per product its department's consumers use, their demand and coverage.
        var shares: [Product.ID: DepartmentShare]
        var order: [Product.ID]
    }

    private var position: ObjectIdentifier?
    private var scopes: [Department.ID: Scope] = [:]

    func scope(of department: Department.ID, in reconciliation: Reconciliation) -> Scope {
        let identity = reconciliation.consumers.identity
        if position != identity {
            position = identity
            scopes = [:]
        }
        if let known = scopes[department] { return known }
        let departments = reconciliation.consumers.departments(within: department)
        let shares = reconciliation.consumers.shares(in: departments)
        let scope = Scope(
            departments: departments, shares: Dictionary(uniqueKeysWithValues: shares.map { ($0.product, $0) }),
            order: shares.map(\.product))
        scopes[department] = scope
        return scope
    }
}
