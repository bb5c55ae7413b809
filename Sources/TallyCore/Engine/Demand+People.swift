extension Demand {
    /// `user`: active people using, assigned or seen using the product; devices without an active user count alone.
    func userConsumers<M: CoverageMask>(of product: Int32) -> [Draft<M>] {
        let count = candidates[Int(product)].count
        var drafts: [Draft<M>] = []
        var personDraft: [Int32: Int] = [:]
        var deviceDraft: [Int32: Int] = [:]
        var loginDraft: [Int32: Int] = [:]

        func person(_ person: Int32) -> Int {
            if let index = personDraft[person] { return index }
            drafts.append(
                Draft(
                    kind: .person, subject: person, units: 1,
                    department: estate.personDepartment[Int(person)], mask: M(allOf: count)))
            personDraft[person] = drafts.count - 1
            return drafts.count - 1
        }
        func device(_ device: Int32) -> Int {
            if let index = deviceDraft[device] { return index }
            drafts.append(
                Draft(
                    kind: .device, subject: device, units: 1,
                    department: estate.departmentOf(device: device), mask: M(allOf: count)))
            deviceDraft[device] = drafts.count - 1
            return drafts.count - 1
        }
        func activeUser(of device: Int32) -> Int32? {
            let user = estate.deviceUser[Int(device)]
            return user >= 0 && estate.personActive[Int(user)] ? user : nil
        }

        forEachDeviceIgnoringErrors(of: product) { (installed: Int32, mask: M) in
            let index = activeUser(of: installed).map(person) ?? device(installed)
            drafts[index].mask.formIntersection(mask)
            drafts[index].detail += 1
        }
        for session in usageByProduct[product] ?? [] {
            let matched = estate.usagePerson[Int(session)]
            if matched >= 0 {
                if estate.personActive[Int(matched)] { _ = person(matched) }
                continue
            }
            let login = estate.usageLogin[Int(session)]
            guard login >= 0, loginDraft[login] == nil else { continue }
            drafts.append(Draft(kind: .login, subject: login, units: 1, department: -1, mask: M(allOf: count)))
            loginDraft[login] = drafts.count - 1
        }
        for assignment in assignmentsByProduct[product] ?? [] {
            let assignedPerson = estate.assignmentPerson[Int(assignment)]
            if assignedPerson >= 0 {
                if estate.personActive[Int(assignedPerson)] { drafts[person(assignedPerson)].assigned = true }
                continue
            }
            let assignedDevice = estate.assignmentDevice[Int(assignment)]
            guard assignedDevice >= 0, estate.deviceActive[Int(assignedDevice)] else { continue }
            let holder = activeUser(of: assignedDevice).map(person) ?? device(assignedDevice)
            drafts[holder].assigned = true
        }

        if let perUser = estate.estate.products[Int(product)].license.devicesPerUser {
            for i in drafts.indices where drafts[i].kind == .person {
                drafts[i].units = max(1, (Int(drafts[i].detail) + perUser - 1) / perUser)
            }
        }
        return drafts
    }
}
