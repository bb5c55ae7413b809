/// The estate a new user sees first: a mid-sized company with workplaces, a small data centre and what it bought.
///
/// The company is made up but behaves like a real one: people left, laptops were retired, Oracle runs on a VMware
/// host, a MATLAB deadline filled the license server, a renewal starts next month. The result shows products in
/// shortfall, products with licenses to spare, and products exactly licensed. The same `asOf` always gives the same
/// estate: every date is counted from it and every random choice comes from a fixed seed.
public enum DemoEstate {
    /// The seed of every random choice in the demo, fixed so that the demo never changes under a user.
    static let seed: UInt64 = 0x7A11_2026_DE30

    /// The demo company's estate as of `asOf`.
    public static func make(asOf: Day) -> Estate {
        var builder = DemoBuilder(asOf: asOf)
        builder.addOrganisation()
        builder.addWorkplaceDevices()
        builder.addServers()
        builder.addProducts()
        builder.addWorkplaceSoftware()
        builder.addServerSoftware()
        builder.addUsage()
        builder.addAssignments()
        builder.addEntitlements()
        builder.addContracts()
        builder.dateRetirements()
        return Estate(
            asOf: asOf, currency: "EUR", departments: builder.departments, people: builder.people,
            devices: builder.devices, products: builder.products, installations: builder.installations,
            usage: builder.usage, denials: builder.denials, assignments: builder.assignments,
            entitlements: builder.entitlements, contracts: builder.contracts, rates: builder.rates)
    }
}

/// The demo under construction; each step in its own file adds one part of the company.
struct DemoBuilder {
    let asOf: Day
    var rng = SeededGenerator(seed: DemoEstate.seed)

    var departments: [Department] = []
    var people: [Person] = []
    var devices: [Device] = []
    var products: [Product] = []
    var installations: [Installation] = []
    var usage: [UsageSession] = []
    var denials: [Denial] = []
    var assignments: [Assignment] = []
    var entitlements: [Entitlement] = []
    var contracts: [Contract] = []
    var rates: [ExchangeRate] = []

    /// Person indices of each department, in the order they were hired.
    var staff: [Department.ID: [Int]] = [:]
    /// The person index using each device, or -1, parallel to `devices`.
    var deviceOwner: [Int] = []
    /// Workplace devices running Windows, active or retired: where Office and the Windows-only tools go.
    var windowsWorkplaces: [Int] = []
    /// Device indices by id, for servers and virtual machines placed by name.
    var deviceIndex: [String: Int] = [:]

    init(asOf: Day) {
        self.asOf = asOf
    }

    /// The day `days` days before `asOf`.
    func ago(_ days: Int) -> Day {
        asOf.adding(days: -days)
    }

    /// The day `days` days after `asOf`.
    func ahead(_ days: Int) -> Day {
        asOf.adding(days: days)
    }

    /// Whether a device's user is an active person, so that a named-user product on it counts for that person.
    func hasActiveOwner(_ device: Int) -> Bool {
        deviceOwner[device] >= 0 && people[deviceOwner[device]].active
    }

    /// The part of a department that does something, from a table of the departments that do.
    func share(_ table: [String: Double], _ unit: String) -> Double {
        table[unit] ?? 0
    }

    /// The device placed under `name`; a name not placed is a slip in the demo's own tables.
    func device(_ name: String) -> Int {
        guard let index = deviceIndex[name] else { preconditionFailure("the demo has no device \(name)") }
        return index
    }

    /// Records one installation; the last use is `usedDaysAgo` before `asOf`, the install date before that.
    mutating func install(
        _ product: Product.ID, on device: Int, version: String?, usedDaysAgo: Int? = nil, source: String? = nil
    ) {
        let used = usedDaysAgo ?? usualLastUse(on: device)
        let installedDaysAgo = max(used + 1, rng.within(30...1_300))
        installations.append(
            Installation(
                device: devices[device].id, product: product, version: version.map(Version.init),
                installed: ago(installedDaysAgo), lastUsed: ago(used), lastSeen: devices[device].lastSeen,
                source: source ?? defaultSource(device)))
    }

    /// The inventory tool that reports a device: vCenter for VMs, Jamf for Macs, Intune for the rest.
    func defaultSource(_ device: Int) -> String {
        if devices[device].kind == .virtual { return "vcenter" }
        return devices[device].os?.hasPrefix("macOS") == true ? "jamf" : "intune"
    }

    /// Days since a product was last used: mostly recently, sometimes not for months (the harvest candidates).
    mutating func usualLastUse(on device: Int) -> Int {
        let seen = devices[device].lastSeen.map { Int(asOf.daysSinceEpoch - $0.daysSinceEpoch) } ?? 0
        let roll = rng.unit()
        if roll < 0.72 { return seen + rng.within(0...10) }
        if roll < 0.88 { return seen + rng.within(11...80) }
        return seen + rng.within(120...420)
    }

    /// Active devices with an installation of one of `products` (of one of `versions`, where given): the demand of
    /// a `device` product, so that a purchase can be sized to match it exactly.
    func deviceDemand(_ products: Set<Product.ID>, versions: Set<String>? = nil) -> Int {
        var counted = Set<Int>()
        for item in installations where products.contains(item.product) {
            guard let device = deviceIndex[item.device.rawValue], devices[device].active else { continue }
            if let versions, !versions.contains(item.version?.text ?? "") { continue }
            counted.insert(device)
        }
        return counted.count
    }

    /// Consumers of a `user` product without `devicesPerUser`: active users of active devices with it, devices
    /// with no active user, and active people assigned it; only people of `department`, where given.
    func userDemand(_ products: Set<Product.ID>, department: Department.ID? = nil) -> Int {
        var persons = Set<Int>()
        var ownerless = Set<Int>()
        for item in installations where products.contains(item.product) {
            guard let device = deviceIndex[item.device.rawValue], devices[device].active else { continue }
            if hasActiveOwner(device) { persons.insert(deviceOwner[device]) } else { ownerless.insert(device) }
        }
        for item in assignments where products.contains(item.product) {
            if case .person(let id) = item.assignee, let person = people.firstIndex(where: { $0.id == id }),
                people[person].active
            {
                persons.insert(person)
            }
        }
        guard let department else { return persons.count + ownerless.count }
        return persons.filter { people[$0].department == department }.count
    }

    /// Units of a physical server under `core` with a core factor of 1: the per-processor and per-device minimums.
    func coreUnits(_ device: Int, minPerProcessor: Int, minPerDevice: Int) -> Int {
        let server = devices[device]
        return max(server.processors * max(server.coresPerProcessor ?? 0, minPerProcessor), minPerDevice)
    }
}
