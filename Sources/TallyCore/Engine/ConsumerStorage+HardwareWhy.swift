extension ConsumerStorage {
    /// `core`, `processor` and `pvu`: the arithmetic of a device's, VM's or host's units, naming the publisher's rule
    /// that made it a consumer (its host, its cluster, missing virtualization rights, a hard partition, the cap).
    func hardwareArithmetic(_ record: ConsumerRecord, license: License) -> String {
        let item = device(record.subject)
        let metric = license.metric.rawValue
        if item.kind == .virtual { return machineArithmetic(record, license: license) }
        if record.basis == .capped {
            return "pvu: VMs on \(item.id) would need \(record.detail) PVU; capped at the host's full capacity, "
                + fullCapacity(of: record.subject, license: license, product: record.product) + " = \(record.units)"
        }
        var text = "\(metric): " + fullCapacity(of: record.subject, license: license, product: record.product)
        let machines = Self.plural(Int(record.detail), "VM")
        switch record.basis {
        case .host:
            text += ", the host counted in full for \(machines) on it"
        case .cluster:
            text +=
                ", the host counted in full: \(machines) running the product in cluster \(item.cluster ?? "-") "
                + "can move to it (virtualization: cluster)"
        case .missingRights:
            text +=
                ", the host counted in full: \(machines) on it \(record.detail == 1 ? "has" : "have") no entitlement "
                + "with Software Assurance or a subscription, which licensing by VM requires"
        default:
            break
        }
        if let perLicense = license.vmsPerLicense, license.metric == .core,
            record.basis == .host || record.basis == .missingRights
        {
            let times = max(1, (Int(record.detail) + perLicense - 1) / perLicense)
            text += ", x ceil(\(record.detail) / \(perLicense) VMs per license) = \(times) times"
        }
        return text + " = \(record.units)"
    }

    /// A VM counted by itself: by its vcpus (perVM), under virtualization rights, or as a hard partition.
    private func machineArithmetic(_ record: ConsumerRecord, license: License) -> String {
        var metering = Metering(estate: estate)
        let item = device(record.subject)
        let host = estate.deviceHost[Int(record.subject)]
        let vcpus = item.vcpus ?? 0
        var text: String
        switch (license.metric, record.basis) {
        case (.core, .partition):
            let factor = metering.coreFactor(on: host, product: record.product)
            text =
                "core: VM \(item.id), hard partition: max(ceil(\(vcpus) vcpus x \(Self.factor(factor)) core factor "
                + "of host \(device(host).id)\(tableNote(license.coreFactor, host)), \(license.minCoresPerVM) per VM) "
                + "= \(record.units); its own capped cores count, not its host's"
        case (.core, _):
            text = "core: VM \(item.id), max(\(vcpus) vcpus, \(license.minCoresPerVM) per VM) = \(record.units)"
        default:
            let rating = metering.pvuPerCore(on: host, product: record.product)
            text =
                "pvu: VM \(item.id), \(vcpus) vcpus x \(Self.number(rating)) PVU per core of host \(device(host).id)"
                + tableNote(license.pvuPerCore, host) + " = \(record.units)"
            if record.basis == .partition { text += "; a hard partition: its own capped cores count, not its host's" }
        }
        if record.basis == .rights {
            text += "; licensed by VM under Software Assurance or a subscription, so only such entitlements cover it"
        }
        return text
    }

    /// A physical device's full units under the metric, with the minimums and the table row they came from.
    private func fullCapacity(of subject: Int32, license: License, product: Int32) -> String {
        var metering = Metering(estate: estate)
        let item = device(subject)
        switch license.metric {
        case .processor:
            return "\(Self.plural(item.processors, "processor")) of \(item.id)"
        case .core:
            let factor = metering.coreFactor(on: subject, product: product)
            var text =
                "\(Self.plural(item.processors, "processor")) x max(\(item.coresPerProcessor ?? 0), "
                + "\(license.minCoresPerProcessor)) cores x \(Self.factor(factor))"
                + tableNote(license.coreFactor, subject)
            if license.minCoresPerDevice > 0 { text = "max(\(text), \(license.minCoresPerDevice) per device)" }
            return text
        default:
            let rating = metering.pvuPerCore(on: subject, product: product)
            return "\(item.processors * (item.coresPerProcessor ?? 0)) cores x \(Self.number(rating)) PVU per core"
                + tableNote(license.pvuPerCore, subject)
        }
    }

    /// Where a figure came from a vendor table: the row, and where the table does not list the processor, that the
    /// figure is assumed and what its family's rows would give once confirmed.
    func tableNote(_ rating: License.Rating, _ subject: Int32) -> String {
        guard case .table(let table) = rating else { return "" }
        let item = device(subject)
        let lookup = ProcessorTable.named(table).lookup(model: item.processorModel, sockets: item.processors)
        guard lookup.assumed else { return " (\(table.rawValue) table: \(lookup.row.processors))" }
        var text =
            " (\(table.rawValue) table: \"\(item.processorModel ?? "no processor model")\" is not listed, so "
            + "\(Self.number(lookup.row.value)) is assumed"
        if let likely = lookup.likely {
            text += "; \(likely.processors) would give \(Self.number(likely.value)) once confirmed"
        }
        return text + ")"
    }

    /// `user`: the Named User Plus minimum of the product's servers beyond its named users.
    func minimumArithmetic(_ record: ConsumerRecord) -> String {
        let license = estate.estate.products[Int(record.product)].license
        let minimum = Int(record.detail)
        var rules: [String] = []
        if license.minimumUsersPerProcessor > 0 {
            rules.append("\(license.minimumUsersPerProcessor) per processor (cores x core factor)")
        }
        if license.minimumUsersPerDevice > 0 { rules.append("\(license.minimumUsersPerDevice) per server") }
        return "user: Named User Plus minimum of its servers, \(rules.joined(separator: " + ")) = \(minimum); "
            + "\(minimum - record.units) named users count, so the minimum applies and adds \(record.units)"
    }
}
