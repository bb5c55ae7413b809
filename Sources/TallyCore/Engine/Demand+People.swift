extension Demand {
    /// `user`: active people using, assigned or seen using the product; devices without an active user count alone;
    /// and where the product sets a minimum per server (Named User Plus) above their number, the difference.
    func userConsumers<M: CoverageMask>(of product: Int32, metering: inout Metering) throws(EstateError) -> [Draft<M>] {
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

        let license = estate.estate.products[Int(product)].license
        if let perUser = license.devicesPerUser {
            for i in drafts.indices where drafts[i].kind == .person {
                drafts[i].units = max(1, (Int(drafts[i].detail) + perUser - 1) / perUser)
            }
        }
        if license.minimumUsersPerProcessor > 0 || license.minimumUsersPerDevice > 0,
            let minimum: Draft<M> = try minimumConsumer(
                of: product, beyond: drafts.reduce(0) { $0 + $1.units }, metering: &metering)
        {
            drafts.append(minimum)
        }
        return drafts
    }

    /// Spec 6.6: the Named User Plus minimum summed over the product's servers (each physical device with an
    /// installation, each host of a VM with one, every host of its cluster under `cluster`), as one more consumer
    /// `minimum` for the part of it the named users do not reach; nil where they reach it.
    private func minimumConsumer<M: CoverageMask>(
        of product: Int32, beyond named: Int, metering: inout Metering
    ) throws(EstateError) -> Draft<M>? {
        let license = estate.estate.products[Int(product)].license
        var servers: [Int32] = []
        var counted = Set<Int32>()
        var mask = M(allOf: candidates[Int(product)].count)
        try forEachDevice(of: product) { (device: Int32, installed: M) throws(EstateError) in
            let hosts: [Int32]
            if estate.estate.devices[Int(device)].kind == .physical {
                hosts = [device]
            } else {
                let host = try metering.host(of: device, product: product)
                hosts = license.virtualization == .cluster ? clusterHosts(of: host) : [host]
            }
            mask.formIntersection(installed)
            for host in hosts where estate.deviceActive[Int(host)] && counted.insert(host).inserted {
                servers.append(host)
            }
        }
        var minimum = 0
        for server in servers {
            guard let sum = Limits.add(minimum, try metering.minimumUsers(of: server, product: product)) else {
                throw Self.tooLarge(product, estate: estate)
            }
            minimum = sum
        }
        guard minimum > named else { return nil }
        return Draft(
            kind: .minimum, subject: -1, units: minimum - named, department: -1, detail: Int64(minimum), mask: mask)
    }
}
