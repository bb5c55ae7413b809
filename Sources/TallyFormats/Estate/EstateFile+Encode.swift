import TallyCore

extension EstateFile {
    /// Writes an estate as a file of the format, one record per line; only values that differ from the defaults are
    /// written, so that the file reads back to the same estate. `write` gets the text in chunks.
    public static func encode(_ estate: Estate, to write: ([UInt8]) -> Void) {
        var out = JSONWriter()
        out.raw("{\n  \"format\": ")
        out.string(formatTag)
        out.raw(",\n  \"asOf\": ")
        out.string(estate.asOf.description)
        if let currency = estate.currency {
            out.raw(",\n  \"currency\": ")
            out.string(currency)
        }
        section("departments", estate.departments, &out, write, fields)
        section("people", estate.people, &out, write, fields)
        section("devices", estate.devices, &out, write, fields)
        section("products", estate.products, &out, write, fields)
        section("installations", estate.installations, &out, write, fields)
        section("usage", estate.usage, &out, write, fields)
        section("denials", estate.denials, &out, write, fields)
        section("assignments", estate.assignments, &out, write, fields)
        section("entitlements", estate.entitlements, &out, write, fields)
        section("contracts", estate.contracts, &out, write, fields)
        section("rates", estate.rates, &out, write, fields)
        out.raw("\n}\n")
        write(out.bytes)
    }

    static func fields(of item: Department, into record: inout RecordWriter) {
        record.field("id", item.id.rawValue)
        record.field("name", item.name)
        record.field("costCenter", item.costCenter)
        record.field("parent", item.parent?.rawValue)
    }

    static func fields(of item: Contract, into record: inout RecordWriter) {
        record.field("id", item.id.rawValue)
        record.field("vendor", item.vendor)
        record.field("number", item.number)
        record.field("start", item.start?.description)
        record.field("end", item.end?.description)
        record.field("renewal", item.renewal?.description)
        record.field("noticeDays", item.noticeDays)
        if item.autoRenew { record.field("autoRenew", true) }
        record.field("owner", item.owner)
        record.field("notes", item.notes)
    }

    static func fields(of item: ExchangeRate, into record: inout RecordWriter) {
        record.field("currency", item.currency)
        record.field("date", item.date.description)
        record.amount("rate", item.rate)
    }

    static func fields(of item: Person, into record: inout RecordWriter) {
        record.field("id", item.id.rawValue)
        record.field("name", item.name)
        record.field("login", item.login)
        record.field("email", item.email)
        record.field("department", item.department?.rawValue)
        if !item.active { record.field("active", false) }
        record.field("retired", item.retired?.description)
    }

    static func fields(of item: Device, into record: inout RecordWriter) {
        record.field("id", item.id.rawValue)
        record.field("hostname", item.hostname)
        if item.kind != .physical { record.field("kind", item.kind.rawValue) }
        record.field("host", item.host?.rawValue)
        record.field("cluster", item.cluster)
        if item.partitioning != .soft { record.field("partitioning", item.partitioning.rawValue) }
        if item.processors != 1 { record.field("processors", item.processors) }
        record.field("coresPerProcessor", item.coresPerProcessor)
        record.field("vcpus", item.vcpus)
        record.field("processorModel", item.processorModel)
        record.field("serial", item.serial)
        record.field("os", item.os)
        record.field("user", item.user?.rawValue)
        record.field("department", item.department?.rawValue)
        if !item.active { record.field("active", false) }
        record.field("retired", item.retired?.description)
        record.field("lastSeen", item.lastSeen?.description)
    }

    static func fields(of item: Product, into record: inout RecordWriter) {
        record.field("id", item.id.rawValue)
        record.field("publisher", item.publisher)
        record.field("name", item.name)
        record.license(item.license)
        record.amount("unitPrice", item.unitPrice)
        if !item.components.isEmpty { record.field("components", item.components.map(\.rawValue)) }
    }

    static func fields(of item: Installation, into record: inout RecordWriter) {
        record.field("device", item.device.rawValue)
        record.field("product", item.product.rawValue)
        record.field("version", item.version?.text)
        record.field("installed", item.installed?.description)
        record.field("removed", item.removed?.description)
        record.field("lastUsed", item.lastUsed?.description)
        record.field("lastSeen", item.lastSeen?.description)
        record.field("source", item.source)
    }

    static func fields(of item: UsageSession, into record: inout RecordWriter) {
        record.field("product", item.product.rawValue)
        record.field("user", item.user)
        record.field("host", item.host)
        record.field("start", item.start.description)
        record.field("end", item.end?.description)
        if item.count != 1 { record.field("count", item.count) }
        record.field("source", item.source)
    }

    static func fields(of item: Denial, into record: inout RecordWriter) {
        record.field("product", item.product.rawValue)
        record.field("user", item.user)
        record.field("host", item.host)
        record.field("at", item.at.description)
        record.field("reason", item.reason)
        record.field("source", item.source)
    }

    static func fields(of item: Assignment, into record: inout RecordWriter) {
        record.field("product", item.product.rawValue)
        switch item.assignee {
        case .person(let person): record.field("person", person.rawValue)
        case .device(let device): record.field("device", device.rawValue)
        }
    }

    static func fields(of item: Entitlement, into record: inout RecordWriter) {
        record.field("id", item.id.rawValue)
        record.field("product", item.product.rawValue)
        record.field("quantity", item.quantity)
        record.field("version", item.version?.text)
        if item.downgrade { record.field("downgrade", true) }
        if !item.covers.isEmpty { record.field("covers", item.covers.map(\.rawValue)) }
        record.field("start", item.start?.description)
        record.field("end", item.end?.description)
        if item.unlimited { record.field("unlimited", true) }
        if let scope = item.scope { record.scope(scope.rawValue) }
        record.amount("unitCost", item.unitCost)
        record.field("currency", item.currency)
        if item.costPeriod != .once { record.field("costPeriod", item.costPeriod.rawValue) }
        if item.softwareAssurance { record.field("softwareAssurance", true) }
        record.field("vendor", item.vendor)
        record.field("contract", item.contract)
        record.field("purchaseOrder", item.purchaseOrder)
        record.field("notes", item.notes)
    }

    /// The whole estate file as bytes.
    public static func encode(_ estate: Estate) -> [UInt8] {
        var bytes: [UInt8] = []
        encode(estate) { bytes.append(contentsOf: $0) }
        return bytes
    }

    private static func section<T>(
        _ name: StaticString, _ items: [T], _ out: inout JSONWriter, _ write: ([UInt8]) -> Void,
        _ fields: (T, inout RecordWriter) -> Void
    ) {
        guard !items.isEmpty else { return }
        out.raw(",\n  \"")
        out.raw(name)
        out.raw("\": [")
        for (i, item) in items.enumerated() {
            out.raw(i == 0 ? "\n    {" : ",\n    {")
            // The buffer moves into the record writer and back: copying it per record would copy megabytes.
            var record = RecordWriter(out: JSONWriter(reservingCapacity: 0))
            swap(&record.out, &out)
            fields(item, &record)
            swap(&record.out, &out)
            out.raw("}")
            if out.bytes.count > 1 << 20 {
                write(out.bytes)
                out = JSONWriter()
            }
        }
        out.raw("\n  ]")
    }
}

/// Writes the members of one object, separating them with commas.
struct RecordWriter {
    var out: JSONWriter
    private var first = true

    init(out: JSONWriter) {
        self.out = out
    }

    private mutating func key(_ name: StaticString) {
        out.raw(first ? "\"" : ", \"")
        out.raw(name)
        out.raw("\": ")
        first = false
    }

    mutating func field(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        out.string(value)
    }

    mutating func field(_ name: StaticString, _ value: Int?) {
        guard let value else { return }
        key(name)
        out.number(value)
    }

    mutating func null(_ name: StaticString) {
        key(name)
        out.raw("null")
    }

    mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        out.bool(value)
    }

    mutating func field(_ name: StaticString, _ values: [String]) {
        key(name)
        out.raw("[")
        for (i, value) in values.enumerated() {
            if i > 0 { out.raw(", ") }
            out.string(value)
        }
        out.raw("]")
    }

    mutating func amount(_ name: StaticString, _ value: Double?) {
        guard let value else { return }
        key(name)
        out.decimal(value)
    }

    mutating func scope(_ department: String) {
        key("scope")
        out.raw("{\"department\": ")
        out.string(department)
        out.raw("}")
    }

    /// A license: its `rule` where it has one, then each key whose value differs from what reading would give
    /// without it (the rule's value for the keys the rule names, the format's default for the others).
    mutating func license(_ license: License) {
        let defaults = License()
        guard license != defaults else { return }
        let base = license.rule?.filling(defaults) ?? defaults
        func differs(_ field: LicenseRule.Field) -> Bool { !license.agrees(on: field, with: base) }
        key("license")
        var inner = RecordWriter(out: JSONWriter(reservingCapacity: 0))
        swap(&inner.out, &out)
        inner.out.raw("{")
        inner.field("rule", license.rule?.rawValue)
        if differs(.metric) { inner.field("metric", license.metric.rawValue) }
        if differs(.minCoresPerProcessor) { inner.field("minCoresPerProcessor", license.minCoresPerProcessor) }
        if differs(.minCoresPerDevice) { inner.field("minCoresPerDevice", license.minCoresPerDevice) }
        if differs(.minCoresPerVM) { inner.field("minCoresPerVM", license.minCoresPerVM) }
        if differs(.coreFactor) { inner.rating("coreFactor", license.coreFactor) }
        if differs(.pvuPerCore) { inner.rating("pvuPerCore", license.pvuPerCore) }
        if differs(.virtualization) { inner.field("virtualization", license.virtualization.rawValue) }
        inner.field("devicesPerUser", license.devicesPerUser)
        if license.windowDays != defaults.windowDays { inner.field("windowDays", license.windowDays) }
        if differs(.duplicates) { inner.field("duplicates", license.duplicates?.rawValue) }
        if differs(.vmRequiresRights) { inner.field("vmRequiresRights", license.vmRequiresRights) }
        if differs(.vmsPerLicense) {
            // A rule's count of VMs taken away is written as null, so that reading does not fill it back in.
            if let count = license.vmsPerLicense {
                inner.field("vmsPerLicense", count)
            } else {
                inner.null("vmsPerLicense")
            }
        }
        if differs(.minimumUsersPerProcessor) {
            inner.field("minimumUsersPerProcessor", license.minimumUsersPerProcessor)
        }
        if differs(.minimumUsersPerDevice) { inner.field("minimumUsersPerDevice", license.minimumUsersPerDevice) }
        inner.out.raw("}")
        swap(&inner.out, &out)
    }

    private mutating func rating(_ name: StaticString, _ rating: License.Rating) {
        switch rating {
        case .value(let value): amount(name, value)
        case .table(let table): field(name, table.rawValue)
        }
    }
}

extension EstateFile {
    /// One record as a one-line JSON object, exactly as it stands in an estate file (the audit trail keeps these).
    public static func json(of item: Entitlement) -> String { json(item, fields) }
    /// One product as a one-line JSON object.
    public static func json(of item: Product) -> String { json(item, fields) }
    /// One device as a one-line JSON object.
    public static func json(of item: Device) -> String { json(item, fields) }
    /// One person as a one-line JSON object.
    public static func json(of item: Person) -> String { json(item, fields) }
    /// One contract as a one-line JSON object.
    public static func json(of item: Contract) -> String { json(item, fields) }
    /// One exchange rate as a one-line JSON object.
    public static func json(of item: ExchangeRate) -> String { json(item, fields) }
    /// One assignment as a one-line JSON object.
    public static func json(of item: Assignment) -> String { json(item, fields) }

    private static func json<T>(_ item: T, _ fields: (T, inout RecordWriter) -> Void) -> String {
        var record = RecordWriter(out: JSONWriter(reservingCapacity: 256))
        record.out.raw("{")
        fields(item, &record)
        record.out.raw("}")
        return String(decoding: record.out.bytes, as: UTF8.self)
    }
}
