extension Demand {
    /// A physical device and the virtual machines on it that run the product, counted together where the rules say so.
    private struct HostGroup<M: CoverageMask> {
        var mask: M
        var machines: [(device: Int32, mask: M, units: Int)] = []
    }

    /// `core`, `processor` and `pvu`: devices count by their hardware, VMs by vcpus or through their host.
    func hardwareConsumers<M: CoverageMask>(
        of product: Int32, metering: inout Metering
    ) throws(EstateError) -> [Draft<M>] {
        let license = estate.estate.products[Int(product)].license
        let count = candidates[Int(product)].count
        var drafts: [Draft<M>] = []
        var groupIndex: [Int32: Int] = [:]
        var groups: [(host: Int32, group: HostGroup<M>)] = []
        func group(_ host: Int32) -> Int {
            if let index = groupIndex[host] { return index }
            groups.append((host, HostGroup(mask: M(allOf: count))))
            groupIndex[host] = groups.count - 1
            return groups.count - 1
        }
        func draft(_ kind: ConsumerKind, _ device: Int32, _ units: Int, _ mask: M, detail: Int64 = 0) -> Draft<M> {
            Draft(
                kind: kind, subject: device, units: units, department: estate.departmentOf(device: device),
                detail: detail, mask: mask)
        }

        try forEachDevice(of: product) { (device: Int32, mask: M) throws(EstateError) in
            let virtual = estate.estate.devices[Int(device)].kind == .virtual
            switch (license.metric, virtual, license.virtualization) {
            case (.core, false, .perVM):
                drafts.append(draft(.device, device, try metering.physicalCores(of: device, product: product), mask))
            case (.core, true, .perVM):
                drafts.append(draft(.device, device, try metering.virtualCores(of: device, product: product), mask))
            case (.pvu, false, .perVM):
                drafts.append(draft(.device, device, try metering.fullPVU(of: device, product: product), mask))
            case (.pvu, true, .perVM):
                let host = try metering.host(of: device, product: product)
                let units = try metering.virtualPVU(of: device, host: host, product: product)
                groups[group(host)].group.machines.append((device, mask, units))
            case (_, true, _):
                let host = try metering.host(of: device, product: product)
                let index = group(host)
                groups[index].group.machines.append((device, mask, 0))
                groups[index].group.mask.formIntersection(mask)
            case (_, false, _):
                groups[group(device)].group.mask.formIntersection(mask)
            }
        }

        for (host, group) in groups {
            let kind: ConsumerKind = group.machines.isEmpty ? .device : .host
            switch license.metric {
            case .processor:
                let processors = estate.estate.devices[Int(host)].processors
                drafts.append(draft(kind, host, processors, group.mask, detail: Int64(group.machines.count)))
            case .core:
                let cores = try metering.physicalCores(of: host, product: product)
                drafts.append(draft(kind, host, cores, group.mask, detail: Int64(group.machines.count)))
            case .pvu where license.virtualization == .host:
                let full = try metering.fullPVU(of: host, product: product)
                drafts.append(draft(kind, host, full, group.mask, detail: Int64(group.machines.count)))
            case .pvu:
                let full = try metering.fullPVU(of: host, product: product)
                let virtual = group.machines.reduce(0) { $0 + $1.units }
                if virtual > full {
                    // Sub-capacity cap: the VMs never need more than the host's full capacity, counted on the host.
                    var mask = group.mask
                    for machine in group.machines { mask.formIntersection(machine.mask) }
                    drafts.append(draft(.host, host, full, mask, detail: Int64(virtual)))
                } else {
                    for machine in group.machines {
                        drafts.append(draft(.device, machine.device, machine.units, machine.mask))
                    }
                }
            case .device, .user, .concurrent:
                preconditionFailure("\(license.metric) is not a hardware metric")
            }
        }
        return drafts
    }
}
