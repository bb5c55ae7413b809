extension ConsumerList {
    /// The allocations of the consumers in `range`, in order, each with its consumer's product and department: what
    /// counting the units an entitlement gives each department needs, without building every consumer's why.
    func forEachAllocation(
        in range: Range<Int>, _ body: (_ product: Product.ID, _ department: Department.ID?, Allocation) -> Void
    ) {
        let estate = storage.estate.estate
        for index in range {
            let allocations = storage.allocationStart[index]..<storage.allocationStart[index + 1]
            guard !allocations.isEmpty else { continue }
            let record = storage.records[index]
            let product = estate.products[Int(record.product)].id
            let department = record.department >= 0 ? estate.departments[Int(record.department)].id : nil
            for item in allocations {
                let entitlement = estate.entitlements[Int(storage.allocationEntitlement[item])].id
                body(product, department, Allocation(entitlement: entitlement, units: storage.allocationUnits[item]))
            }
        }
    }
}
