extension Demand {
    /// A physical device counted in full: for its own installation, and for the VMs that make it a host consumer.
    private struct HostGroup<M: CoverageMask> {
        var mask: M
        /// Whether VMs make it a consumer (`host:ID`), and by which rule.
        var basis: CountingBasis?
        /// VMs that made it one.
        var machines = 0
    }

    /// VMs counted by their own virtual cores under PVU sub-capacity, by host, for the cap.
    private struct CappedVMs<M: CoverageMask> {
        var machines: [(device: Int32, mask: M, units: Int, basis: CountingBasis)] = []
    }

    /// `core`, `processor` and `pvu`: devices count by their hardware; VMs by their own vcpus, through their host, or
    /// through every host of their cluster, as the product's virtualization, rights and partitions say (spec 2, 6.4,
    /// 6.5). Inactive hosts never count.
    func hardwareConsumers<M: CoverageMask>(
        of product: Int32, metering: inout Metering
    ) throws(EstateError) -> [Draft<M>] {
        let license = estate.estate.products[Int(product)].license
        let candidates = self.candidates[Int(product)]
        var drafts: [Draft<M>] = []
        var groupIndex: [Int32: Int] = [:]
        var groups: [(host: Int32, group: HostGroup<M>)] = []
        var capped: [Int32: CappedVMs<M>] = [:]
        var cappedOrder: [Int32] = []
        func group(_ host: Int32) -> Int {
            if let index = groupIndex[host] { return index }
            groups.append((host, HostGroup(mask: M(allOf: candidates.count))))
            groupIndex[host] = groups.count - 1
            return groups.count - 1
        }
        func countThrough(_ hosts: [Int32], basis: CountingBasis, mask: M) {
            for host in hosts {
                let index = group(host)
                groups[index].group.mask.formIntersection(mask)
                groups[index].group.basis = basis
                groups[index].group.machines += 1
            }
        }
        func draft(_ device: Int32, _ units: Int, _ mask: M, _ basis: CountingBasis = .plain) -> Draft<M> {
            Draft(
                kind: .device, subject: device, units: units, department: estate.departmentOf(device: device),
                mask: mask, basis: basis)
        }

        try forEachDevice(of: product) { (device: Int32, mask: M) throws(EstateError) in
            guard estate.estate.devices[Int(device)].kind == .virtual else {
                // A physical device's own installation counts that device, merged with its host consumer if VMs
                // make it one.
                groups[group(device)].group.mask.formIntersection(mask)
                return
            }
            // A VM counted by its own vcpus under `core` needs no host; every other way of counting it does.
            let host = try metering.host(
                of: device, product: product, unless: license.metric == .core && license.virtualization == .perVM)
            let hard = estate.estate.devices[Int(device)].partitioning == .hard
            switch (license.metric, license.virtualization) {
            case (.processor, .cluster):
                countThrough(clusterHosts(of: host), basis: .cluster, mask: mask)
            case (.processor, _):
                countThrough([host], basis: .host, mask: mask)
            case (.core, .host) where hard, (.core, .cluster) where hard:
                let units = try metering.partitionCores(of: device, host: host, product: product)
                drafts.append(draft(device, units, mask, .partition))
            case (.pvu, .host) where hard, (.pvu, .cluster) where hard:
                let units = try metering.virtualPVU(of: device, host: host, product: product)
                drafts.append(draft(device, units, mask, .partition))
            case (_, .host):
                countThrough([host], basis: .host, mask: mask)
            case (_, .cluster):
                countThrough(clusterHosts(of: host), basis: .cluster, mask: mask)
            case (_, .perVM):
                var covering = mask
                if license.vmRequiresRights {
                    // Licensing by VM needs an entitlement with the rights that could cover it; else the host counts.
                    candidates.restrict(&covering, department: estate.departmentOf(device: device), estate: estate)
                    candidates.keepRights(&covering)
                    if covering.isEmpty {
                        countThrough(
                            [try metering.host(of: device, product: product)], basis: .missingRights, mask: mask)
                        return
                    }
                }
                let basis: CountingBasis = license.vmRequiresRights ? .rights : .plain
                if license.metric == .core {
                    drafts.append(
                        draft(device, try metering.virtualCores(of: device, product: product), covering, basis))
                } else {
                    let units = try metering.virtualPVU(of: device, host: host, product: product)
                    if capped[host] == nil { cappedOrder.append(host) }
                    capped[host, default: CappedVMs()].machines.append((device, covering, units, basis))
                }
            }
        }

        for (host, group) in groups where estate.deviceActive[Int(host)] {
            var units: Int
            switch license.metric {
            case .processor: units = estate.estate.devices[Int(host)].processors
            case .core: units = try metering.physicalCores(of: host, product: product)
            default: units = try metering.fullPVU(of: host, product: product)
            }
            if let perLicense = license.vmsPerLicense, license.metric == .core,
                group.basis == .host || group.basis == .missingRights
            {
                // Each further group of VMs on the host needs all of its cores again.
                guard let times = Limits.multiply(units, max(1, (group.machines + perLicense - 1) / perLicense)) else {
                    throw Self.tooLarge(product, estate: estate)
                }
                units = times
            }
            drafts.append(
                Draft(
                    kind: group.basis == nil ? .device : .host, subject: host, units: units,
                    department: estate.departmentOf(device: host), detail: Int64(group.machines), mask: group.mask,
                    basis: group.basis ?? .plain))
        }
        for host in cappedOrder {
            guard let machines = capped[host]?.machines else { continue }
            let full = try metering.fullPVU(of: host, product: product)
            let virtual = machines.reduce(0) { $0 + $1.units }
            if virtual > full, estate.deviceActive[Int(host)] {
                // Sub-capacity cap: the VMs never need more than the host's full capacity, counted on the host.
                var mask = M(allOf: candidates.count)
                for machine in machines { mask.formIntersection(machine.mask) }
                drafts.append(
                    Draft(
                        kind: .host, subject: host, units: full, department: estate.departmentOf(device: host),
                        detail: Int64(virtual), mask: mask, basis: .capped))
            } else {
                for machine in machines {
                    drafts.append(draft(machine.device, machine.units, machine.mask, machine.basis))
                }
            }
        }
        return drafts
    }
}
