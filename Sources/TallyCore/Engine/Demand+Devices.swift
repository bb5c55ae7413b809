extension Demand {
    /// `device`: each active device with an installation, or assigned the product, needs one unit.
    func deviceConsumers<M: CoverageMask>(of product: Int32) -> [Draft<M>] {
        var drafts: [Draft<M>] = []
        forEachDeviceIgnoringErrors(of: product) { (device: Int32, mask: M) in
            drafts.append(
                Draft(
                    kind: .device, subject: device, units: 1,
                    department: estate.departmentOf(device: device), mask: mask))
        }
        guard let assignments = assignmentsByProduct[product] else { return drafts }
        var seen = Set(drafts.map(\.subject))
        let count = candidates[Int(product)].count
        for assignment in assignments {
            let device = estate.assignmentDevice[Int(assignment)]
            guard device >= 0, estate.estate.devices[Int(device)].active, seen.insert(device).inserted else { continue }
            drafts.append(
                Draft(
                    kind: .device, subject: device, units: 1,
                    department: estate.departmentOf(device: device), mask: M(allOf: count)))
        }
        return drafts
    }

    /// `forEachDevice` for metrics whose counting cannot fail.
    func forEachDeviceIgnoringErrors<M: CoverageMask>(of product: Int32, _ body: (Int32, M) -> Void) {
        do {
            try forEachDevice(of: product) { (device: Int32, mask: M) throws(EstateError) in body(device, mask) }
        } catch {
            preconditionFailure("a body that cannot throw threw \(error)")
        }
    }
}
