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
        var draftOf = [Int32: Int](uniqueKeysWithValues: drafts.enumerated().map { ($1.subject, $0) })
        let count = candidates[Int(product)].count
        for assignment in assignments {
            let device = estate.assignmentDevice[Int(assignment)]
            guard device >= 0, estate.deviceActive[Int(device)] else { continue }
            if let index = draftOf[device] {
                drafts[index].assigned = true
                continue
            }
            draftOf[device] = drafts.count
            drafts.append(
                Draft(
                    kind: .device, subject: device, units: 1,
                    department: estate.departmentOf(device: device), mask: M(allOf: count), assigned: true))
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
