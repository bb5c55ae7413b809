extension ConsumerStorage {
    /// The explanation of consumer `index`: the arithmetic of its units, then what covered it and what could not.
    func why(_ record: ConsumerRecord, coverage: String) -> String {
        let assigned =
            record.assigned ? "; assigned the product, so covered before consumers without an assignment" : ""
        return arithmetic(record) + assigned + "; " + coverage
    }

    func coverageKey(_ index: Int, _ record: ConsumerRecord) -> CoverageKey {
        let start = allocationStart[index], end = allocationStart[index + 1]
        return CoverageKey(
            product: record.product, coverageClass: record.coverageClass, department: record.department,
            units: record.units, allocations: end - start,
            firstEntitlement: start < end ? allocationEntitlement[start] : -1,
            firstUnits: start < end ? allocationUnits[start] : 0)
    }

    /// Whether two consumers' coverage reads the same: what `coverage` reads of each is equal.
    func coveredAlike(_ a: Int, _ first: ConsumerRecord, _ b: Int, _ second: ConsumerRecord) -> Bool {
        guard first.product == second.product, first.coverageClass == second.coverageClass,
            first.department == second.department, first.units == second.units
        else { return false }
        let one = allocationStart[a]..<allocationStart[a + 1], other = allocationStart[b]..<allocationStart[b + 1]
        return one.count == other.count
            && zip(one, other).allSatisfy {
                allocationEntitlement[$0] == allocationEntitlement[$1] && allocationUnits[$0] == allocationUnits[$1]
            }
    }

    private func arithmetic(_ record: ConsumerRecord) -> String {
        let product = estate.estate.products[Int(record.product)]
        let license = product.license
        switch (license.metric, record.kind) {
        case (.concurrent, _):
            return poolArithmetic(record, license: license)
        case (.user, .person):
            let person = estate.estate.people[Int(record.subject)].id
            let devices = Int(record.detail)
            guard let perUser = license.devicesPerUser, devices > 0 else {
                return devices > 0
                    ? "user: person \(person), installed on \(Self.plural(devices, "device")) = 1"
                    : "user: person \(person), assigned or seen in usage = 1"
            }
            return "user: person \(person), \(Self.plural(devices, "device")) with an installation, "
                + "\(perUser) per user: max(1, ceil(\(devices) / \(perUser))) = \(record.units)"
        case (.user, .minimum):
            return minimumArithmetic(record)
        case (.user, .login):
            return "user: usage by \"\(estate.unmatchedLogins[Int(record.subject)])\", who matches no person = 1"
        case (.user, _):
            return "user: device \(device(record.subject).id) has no active user, so it counts on its own = 1"
        case (.device, _):
            return "device: 1 per device = 1"
        case (.core, _), (.processor, _), (.pvu, _):
            return hardwareArithmetic(record, license: license)
        }
    }

    private func poolArithmetic(_ record: ConsumerRecord, license: License) -> String {
        let window = Demand.window(for: license, asOf: estate.asOf)
        let peak = Instant(secondsSinceEpoch: record.detail)
        var text =
            "concurrent: peak of \(record.units) licenses in use at once, first at \(peak), "
            + "in the \(license.windowDays)-day window \(window.lowerBound.day) to \(estate.asOf)"
        let rule = license.countedDuplicates
        guard rule != .separate else { return text }
        let sessions = Demand.peak(of: demand.holds(of: record.product, rule: .separate), in: window)?.0 ?? 0
        text += "; overlapping sessions of \(rule.holder) count as one license (duplicates: "
        text += "\(rule.rawValue))" + (sessions > record.units ? ", \(sessions) sessions at the busiest moment" : "")
        return text
    }

    func coverage(_ index: Int, _ record: ConsumerRecord) -> String {
        var parts: [String] = []
        var given = 0
        let allocated = allocationStart[index]..<allocationStart[index + 1]
        for slot in allocated {
            given += allocationUnits[slot]
            let item = entitlements(allocationEntitlement[slot])
            parts.append(
                "\(item.id) gives \(allocationUnits[slot])" + (item.unlimited ? " (unlimited, used first)" : ""))
        }
        if given < record.units {
            parts.append(given == 0 ? "not covered: short \(record.units)" : "short \(record.units - given)")
        }
        // Candidates are few: linear searches, no sets made per consumer.
        let inClass = classes[Int(record.coverageClass)].entitlements
        for entitlement in demand.candidates[Int(record.product)].entitlements
        where !allocationEntitlement[allocated].contains(entitlement) {
            let id = entitlements(entitlement).id
            if inClass.contains(entitlement) {
                if given < record.units { parts.append("\(id) is used up") }
            } else {
                parts.append("\(id) cannot: \(exclusion(of: entitlement, for: record))")
            }
        }
        return parts.joined(separator: "; ")
    }

    /// What holds for every consumer of a product: the entitlements not active on the day, or that none covers it.
    func productWhy(_ product: Int32) -> String? {
        var parts: [String] = []
        for e in demand.inactiveCandidates[Int(product)] {
            let item = entitlements(e)
            if let start = item.start, estate.asOf < start {
                parts.append("\(item.id) cannot: starts \(start)")
            } else if let end = item.end {
                parts.append("\(item.id) cannot: expired \(end)")
            }
        }
        if demand.candidates[Int(product)].entitlements.isEmpty {
            parts.append("no active entitlement covers \(estate.estate.products[Int(product)].id)")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// Why an active candidate could not cover a consumer: its scope, or a version it does not license.
    private func exclusion(of entitlement: Int32, for record: ConsumerRecord) -> String {
        let scope = estate.entitlementScope[Int(entitlement)]
        if scope >= 0, !estate.department(record.department, isWithin: scope) {
            let inside =
                record.department >= 0
                ? "in \(estate.estate.departments[Int(record.department)].id)" : "in no department"
            return "out of scope (only \(estate.estate.departments[Int(scope)].id); this consumer is \(inside))"
        }
        let item = entitlements(entitlement)
        guard let version = item.version else { return "not applicable" }
        let rule = item.downgrade ? "\(version) and earlier" : "\(version) only"
        return "version not covered (it licenses \(rule); an installation here is another version or has none)"
    }

    func device(_ index: Int32) -> Device { estate.estate.devices[Int(index)] }
    private func entitlements(_ index: Int32) -> Entitlement { estate.estate.entitlements[Int(index)] }

    static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// A core factor as vendor tables print it: `1.0`, `0.5`, `0.75`.
    static func factor(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) + ".0" : String(value)
    }

    /// A PVU rating as IBM prints it: `70`, `120`.
    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
