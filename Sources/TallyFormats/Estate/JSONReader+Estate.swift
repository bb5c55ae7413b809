import TallyCore

/// One reader per object kind of the estate format.
extension JSONReader {
    mutating func department(at index: Int) throws(FormatError) -> Department {
        let keys = EstateKeys.department
        var item = Department(id: "")
        var hasID = false
        try readObject(keys, at: "departments[\(index)]") { reader, name throws(FormatError) in
            let path = { "departments[\(index)].\(name.rawValue)" }
            switch name {
            case .id: item.id = .init(try reader.string(path())); hasID = true
            case .name: item.name = try reader.optionalString(path())
            case .costCenter: item.costCenter = try reader.optionalString(path())
            case .parent: item.parent = try reader.optionalString(path()).map { .init($0) }
            }
        }
        guard hasID else { throw missing("departments[\(index)].id") }
        return item
    }

    mutating func contract(at index: Int) throws(FormatError) -> Contract {
        let keys = EstateKeys.contract
        var item = Contract(id: "")
        var hasID = false
        try readObject(keys, at: "contracts[\(index)]") { reader, name throws(FormatError) in
            let path = { "contracts[\(index)].\(name.rawValue)" }
            switch name {
            case .id: item.id = .init(try reader.string(path())); hasID = true
            case .vendor: item.vendor = try reader.optionalString(path())
            case .number: item.number = try reader.optionalString(path())
            case .start: item.start = try reader.optionalDay(path())
            case .end: item.end = try reader.optionalDay(path())
            case .renewal: item.renewal = try reader.optionalDay(path())
            case .noticeDays: item.noticeDays = try reader.optionalWholeNumber(path())
            case .autoRenew: item.autoRenew = try reader.bool(path())
            case .owner: item.owner = try reader.optionalString(path())
            case .notes: item.notes = try reader.optionalString(path())
            }
        }
        guard hasID else { throw missing("contracts[\(index)].id") }
        return item
    }

    mutating func rate(at index: Int) throws(FormatError) -> ExchangeRate {
        let keys = EstateKeys.rate
        var currency: String?, date: Day?, rate: Double?
        try readObject(keys, at: "rates[\(index)]") { reader, name throws(FormatError) in
            let path = { "rates[\(index)].\(name.rawValue)" }
            switch name {
            case .currency: currency = try reader.string(path())
            case .date: date = try reader.optionalDay(path())
            case .rate: rate = try reader.optionalAmount(path())
            }
        }
        guard let currency else { throw missing("rates[\(index)].currency") }
        guard let date else { throw missing("rates[\(index)].date") }
        guard let rate else { throw missing("rates[\(index)].rate") }
        return ExchangeRate(currency: currency, date: date, rate: rate)
    }

    mutating func person(at index: Int) throws(FormatError) -> Person {
        let keys = EstateKeys.person
        var item = Person(id: "")
        var hasID = false
        try readObject(keys, at: "people[\(index)]") { reader, name throws(FormatError) in
            let path = { "people[\(index)].\(name.rawValue)" }
            switch name {
            case .id: item.id = .init(try reader.string(path())); hasID = true
            case .name: item.name = try reader.optionalString(path())
            case .login: item.login = try reader.optionalString(path())
            case .email: item.email = try reader.optionalString(path())
            case .department: item.department = try reader.optionalString(path()).map { .init($0) }
            case .active: item.active = try reader.bool(path())
            case .retired: item.retired = try reader.optionalDay(path())
            }
        }
        guard hasID else { throw missing("people[\(index)].id") }
        return item
    }

    mutating func device(at index: Int) throws(FormatError) -> Device {
        let keys = EstateKeys.device
        var item = Device(id: "")
        var hasID = false
        try readObject(keys, at: "devices[\(index)]") { reader, name throws(FormatError) in
            let path = { "devices[\(index)].\(name.rawValue)" }
            switch name {
            case .id: item.id = .init(try reader.string(path())); hasID = true
            case .hostname: item.hostname = try reader.optionalString(path())
            case .kind: item.kind = try reader.choice(path(), as: Device.Kind.self)
            case .host: item.host = try reader.optionalString(path()).map { .init($0) }
            case .cluster: item.cluster = try reader.optionalString(path())
            case .partitioning: item.partitioning = try reader.choice(path(), as: Device.Partitioning.self)
            case .processors: item.processors = try reader.wholeNumber(path())
            case .coresPerProcessor: item.coresPerProcessor = try reader.optionalWholeNumber(path())
            case .vcpus: item.vcpus = try reader.optionalWholeNumber(path())
            case .processorModel: item.processorModel = try reader.optionalString(path())
            case .serial: item.serial = try reader.optionalString(path())
            case .os: item.os = try reader.optionalString(path())
            case .user: item.user = try reader.optionalString(path()).map { .init($0) }
            case .department: item.department = try reader.optionalString(path()).map { .init($0) }
            case .active: item.active = try reader.bool(path())
            case .retired: item.retired = try reader.optionalDay(path())
            case .lastSeen: item.lastSeen = try reader.optionalDay(path())
            }
        }
        guard hasID else { throw missing("devices[\(index)].id") }
        return item
    }

    mutating func product(at index: Int) throws(FormatError) -> Product {
        let keys = EstateKeys.product
        var item = Product(id: "")
        var hasID = false
        try readObject(keys, at: "products[\(index)]") { reader, name throws(FormatError) in
            let path = { "products[\(index)].\(name.rawValue)" }
            switch name {
            case .id: item.id = .init(try reader.string(path())); hasID = true
            case .publisher: item.publisher = try reader.optionalString(path())
            case .name: item.name = try reader.optionalString(path())
            case .license: item.license = try reader.license(at: path())
            case .unitPrice: item.unitPrice = try reader.optionalAmount(path())
            case .components: item.components = try reader.strings(path()).map { .init($0) }
            }
        }
        guard hasID else { throw missing("products[\(index)].id") }
        return item
    }

    /// A license; where it names a `rule`, the keys the rule sets that the file leaves out come from the rule.
    mutating func license(at path: String) throws(FormatError) -> License {
        if readNullIfPresent() { return License() }
        guard try peekKind() == .object else { throw mismatch(path, expected: "an object") }
        let keys = EstateKeys.license
        var item = License()
        var given = Set<LicenseRule.Field>()
        var rule: LicenseRule?
        try readObject(keys, at: path) { reader, name throws(FormatError) in
            let field = "\(path).\(name.rawValue)"
            if let templated = LicenseRule.Field(rawValue: name.rawValue) { given.insert(templated) }
            switch name {
            case .metric: item.metric = try reader.choice(field, as: License.Metric.self)
            case .minCoresPerProcessor: item.minCoresPerProcessor = try reader.wholeNumber(field)
            case .minCoresPerDevice: item.minCoresPerDevice = try reader.wholeNumber(field)
            case .minCoresPerVM: item.minCoresPerVM = try reader.wholeNumber(field)
            case .coreFactor: item.coreFactor = try reader.rating(field, table: .oracle)
            case .pvuPerCore: item.pvuPerCore = try reader.rating(field, table: .ibmPVU)
            case .virtualization: item.virtualization = try reader.choice(field, as: License.Virtualization.self)
            case .devicesPerUser: item.devicesPerUser = try reader.optionalWholeNumber(field)
            case .windowDays: item.windowDays = try reader.wholeNumber(field)
            case .duplicates: item.duplicates = try reader.choice(field, as: License.Duplicates.self)
            case .rule: rule = try reader.choice(field, as: LicenseRule.self)
            case .vmRequiresRights: item.vmRequiresRights = try reader.bool(field)
            case .vmsPerLicense: item.vmsPerLicense = try reader.optionalWholeNumber(field)
            case .minimumUsersPerProcessor: item.minimumUsersPerProcessor = try reader.wholeNumber(field)
            case .minimumUsersPerDevice: item.minimumUsersPerDevice = try reader.wholeNumber(field)
            }
        }
        return rule.map { $0.filling(item, except: given) } ?? item
    }

    /// A number, or the name of the vendor table that gives it.
    mutating func rating(_ path: String, table: ProcessorTable.Name) throws(FormatError) -> License.Rating {
        switch try peekKind() {
        case .number:
            return .value(try readNumber().double)
        case .string:
            let text = try readString()
            guard let name = ProcessorTable.Name(rawValue: text) else {
                throw .field(path: path, reason: "\"\(text)\" names no table; use a number or \"\(table.rawValue)\"")
            }
            return .table(name)
        default:
            throw mismatch(path, expected: "a number or \"\(table.rawValue)\"")
        }
    }

    mutating func installation(at index: Int) throws(FormatError) -> Installation {
        let keys = EstateKeys.installation
        var device: String?, product: String?, version: String?
        var installed: Day?, removed: Day?, lastUsed: Day?, lastSeen: Day?, source: String?
        try readObject(keys, at: "installations[\(index)]") { reader, name throws(FormatError) in
            switch name {
            case .device: device = try reader.string("installations[\(index)].device")
            case .product: product = try reader.string("installations[\(index)].product")
            case .version: version = try reader.optionalString("installations[\(index)].version")
            case .installed: installed = try reader.optionalDay("installations[\(index)].installed")
            case .removed: removed = try reader.optionalDay("installations[\(index)].removed")
            case .lastUsed: lastUsed = try reader.optionalDay("installations[\(index)].lastUsed")
            case .lastSeen: lastSeen = try reader.optionalDay("installations[\(index)].lastSeen")
            case .source: source = try reader.optionalString("installations[\(index)].source")
            }
        }
        guard let device else { throw missing("installations[\(index)].device") }
        guard let product else { throw missing("installations[\(index)].product") }
        return Installation(
            device: .init(device), product: .init(product), version: version.map(Version.init),
            installed: installed, removed: removed, lastUsed: lastUsed, lastSeen: lastSeen, source: source)
    }

    mutating func usageSession(at index: Int) throws(FormatError) -> UsageSession {
        let keys = EstateKeys.usage
        var product: String?, user: String?, host: String?, source: String?
        var start: Instant?, end: Instant?
        var count = 1
        try readObject(keys, at: "usage[\(index)]") { reader, name throws(FormatError) in
            let path = { "usage[\(index)].\(name.rawValue)" }
            switch name {
            case .product: product = try reader.string(path())
            case .user: user = try reader.optionalString(path())
            case .host: host = try reader.optionalString(path())
            case .start: start = try reader.instant(path())
            case .end: end = try reader.optionalInstant(path())
            case .count: count = try reader.wholeNumber(path())
            case .source: source = try reader.optionalString(path())
            }
        }
        guard let product else { throw missing("usage[\(index)].product") }
        guard let start else { throw missing("usage[\(index)].start", "when the checkout began") }
        return UsageSession(
            product: .init(product), user: user, host: host, start: start, end: end, count: count,
            source: source)
    }

    mutating func denial(at index: Int) throws(FormatError) -> Denial {
        let keys = EstateKeys.denial
        var product: String?, user: String?, host: String?, reason: String?, source: String?
        var at: Instant?
        try readObject(keys, at: "denials[\(index)]") { reader, name throws(FormatError) in
            let path = { "denials[\(index)].\(name.rawValue)" }
            switch name {
            case .product: product = try reader.string(path())
            case .user: user = try reader.optionalString(path())
            case .host: host = try reader.optionalString(path())
            case .at: at = try reader.instant(path())
            case .reason: reason = try reader.optionalString(path())
            case .source: source = try reader.optionalString(path())
            }
        }
        guard let product else { throw missing("denials[\(index)].product") }
        guard let at else { throw missing("denials[\(index)].at", "when the checkout was refused") }
        return Denial(product: .init(product), user: user, host: host, at: at, reason: reason, source: source)
    }

    mutating func assignment(at index: Int) throws(FormatError) -> Assignment {
        let keys = EstateKeys.assignment
        var product: String?, person: String?, device: String?
        try readObject(keys, at: "assignments[\(index)]") { reader, name throws(FormatError) in
            let path = { "assignments[\(index)].\(name.rawValue)" }
            switch name {
            case .product: product = try reader.string(path())
            case .person: person = try reader.optionalString(path())
            case .device: device = try reader.optionalString(path())
            }
        }
        guard let product else { throw missing("assignments[\(index)].product") }
        switch (person, device) {
        case (let person?, nil): return Assignment(product: .init(product), assignee: .person(.init(person)))
        case (nil, let device?): return Assignment(product: .init(product), assignee: .device(.init(device)))
        default:
            throw .field(path: "assignments[\(index)]", reason: "name exactly one of \"person\" or \"device\"")
        }
    }

    mutating func entitlement(at index: Int) throws(FormatError) -> Entitlement {
        let keys = EstateKeys.entitlement
        var item = Entitlement(id: "", product: "", quantity: nil)
        var hasID = false, hasProduct = false
        try readObject(keys, at: "entitlements[\(index)]") { reader, name throws(FormatError) in
            let path = { "entitlements[\(index)].\(name.rawValue)" }
            switch name {
            case .id: item.id = .init(try reader.string(path())); hasID = true
            case .product: item.product = .init(try reader.string(path())); hasProduct = true
            case .quantity: item.quantity = try reader.optionalWholeNumber(path())
            case .version: item.version = try reader.optionalString(path()).map(Version.init)
            case .downgrade: item.downgrade = try reader.bool(path())
            case .covers: item.covers = try reader.strings(path()).map { .init($0) }
            case .start: item.start = try reader.optionalDay(path())
            case .end: item.end = try reader.optionalDay(path())
            case .unlimited: item.unlimited = try reader.bool(path())
            case .scope: item.scope = try reader.scope(at: path())
            case .unitCost: item.unitCost = try reader.optionalAmount(path())
            case .costPeriod: item.costPeriod = try reader.choice(path(), as: Entitlement.CostPeriod.self)
            case .softwareAssurance: item.softwareAssurance = try reader.bool(path())
            case .vendor: item.vendor = try reader.optionalString(path())
            case .contract: item.contract = try reader.optionalString(path())
            case .purchaseOrder: item.purchaseOrder = try reader.optionalString(path())
            case .notes: item.notes = try reader.optionalString(path())
            case .currency: item.currency = try reader.optionalString(path())
            }
        }
        guard hasID else { throw missing("entitlements[\(index)].id") }
        guard hasProduct else { throw missing("entitlements[\(index)].product") }
        return item
    }

    mutating func scope(at path: String) throws(FormatError) -> Department.ID? {
        if readNullIfPresent() { return nil }
        guard try peekKind() == .object else {
            throw mismatch(path, expected: "an object such as {\"department\": \"eng\"}")
        }
        let keys = EstateKeys.scope
        var department: Department.ID?
        try readObject(keys, at: path) { reader, _ throws(FormatError) in
            department = try reader.optionalString("\(path).department").map { .init($0) }
        }
        return department
    }
}
