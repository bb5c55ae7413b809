/// A large estate for benchmarks, generated from a seed: at 100,000 devices, about five million installations of
/// 2,000 products and 10,000 entitlements.
///
/// Speed matters more than prose here: every id is a short string that fits Swift's small-string form (no heap
/// allocation, no reference counting when copied), ids and versions are built once and reused, and every array is
/// reserved up front, so that generation is linear and allocation-light.
public enum SyntheticEstate {
    /// Installations per device on average, as at an enterprise whose inventory also lists runtimes and drivers.
    static let installationsPerDevice = 50
    static let departmentCount = 40
    /// The days before `asOf` in which usage sessions fall: the default window of `concurrent`.
    static let usageDays = 90

    /// An estate of `devices` devices whose every random choice follows from `seed`, dated relative to `asOf`.
    public static func make(devices: Int, seed: UInt64, asOf: Day) -> Estate {
        var rng = SeededGenerator(seed: seed)
        let deviceCount = max(0, devices)
        let departments = (0..<departmentCount).map { i in
            Department(
                id: Department.ID(shortID("g", i, width: 2)), name: "Department " + String(i + 1),
                costCenter: "CC-" + String(100 + i))
        }
        let people = makePeople(
            count: deviceCount == 0 ? 0 : max(1, deviceCount * 8 / 10), departments: departments,
            rng: &rng)
        let deviceList = makeDevices(count: deviceCount, people: people, asOf: asOf, rng: &rng)
        let catalogue = Catalogue(count: min(2_000, max(20, deviceCount / 50)), rng: &rng)
        let (installations, installed) = makeInstallations(
            devices: deviceList, catalogue: catalogue, asOf: asOf,
            rng: &rng)
        let usage = makeUsage(devices: deviceCount, people: people, catalogue: catalogue, asOf: asOf, rng: &rng)
        let entitlements = makeEntitlements(
            catalogue: catalogue, installed: installed, usage: usage,
            departments: departments, asOf: asOf, rng: &rng)
        return Estate(
            asOf: asOf, currency: "EUR", departments: departments, people: people, devices: deviceList,
            products: catalogue.products, installations: installations, usage: usage,
            entitlements: entitlements)
    }

    /// `prefix` and `number` padded with zeros to `width` digits (`d000123`), built without formatting or
    /// intermediate strings; up to 15 bytes it is a small string.
    static func shortID(_ prefix: Character, _ number: Int, width: Int) -> String {
        let digits = max(width, decimalDigits(number))
        let lead = prefix.asciiValue ?? UInt8(ascii: "x")
        return String(unsafeUninitializedCapacity: digits + 1) { buffer in
            buffer[0] = lead
            var rest = number
            for index in stride(from: digits, through: 1, by: -1) {
                buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            return digits + 1
        }
    }

    /// How many decimal digits `number` (0 or more) has.
    static func decimalDigits(_ number: Int) -> Int {
        var digits = 1
        var rest = number
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        return digits
    }

    /// The width that fits every number below `count`, at least `minimum`.
    static func width(for count: Int, minimum: Int) -> Int {
        max(minimum, decimalDigits(max(0, count - 1)))
    }

    private static func makePeople(count: Int, departments: [Department], rng: inout SeededGenerator) -> [Person] {
        let width = width(for: count, minimum: 5)
        var people: [Person] = []
        people.reserveCapacity(count)
        for i in 0..<count {
            people.append(
                Person(
                    id: Person.ID(shortID("u", i, width: width)),
                    department: departments[rng.below(departments.count)].id,
                    active: !rng.chance(0.02)))
        }
        return people
    }

    static let endpointChips = [
        "Intel Core i5-1345U", "Intel Core i7-1365U", "Intel Core i7-13700", "AMD Ryzen 7 PRO 7840U",
    ]
    static let serverChips = ["Intel Xeon Gold 6338", "Intel Xeon Gold 6248R", "AMD EPYC 7543", "AMD EPYC 9354"]
    static let endpointCores = [4, 6, 8, 10, 12, 14, 16]
    static let hostCores = [16, 20, 24, 28, 32]
    static let vcpuChoices = [2, 2, 4, 4, 4, 8, 8, 16]

    /// Hosts first (in clusters of eight), then their virtual machines (about a tenth of all devices, eight to a host,
    /// one in twenty hard-partitioned), then endpoints.
    private static func makeDevices(count: Int, people: [Person], asOf: Day, rng: inout SeededGenerator) -> [Device] {
        let vms = count / 10
        let hosts = vms == 0 ? 0 : min(count - vms, max(1, (vms + 7) / 8))
        let width = width(for: count, minimum: 6)
        let seen = asOf.adding(days: -1)
        var devices: [Device] = []
        devices.reserveCapacity(count)
        for i in 0..<count {
            let id = Device.ID(shortID("d", i, width: width))
            let user = people.isEmpty ? nil : people[rng.below(people.count)]
            var device = Device(
                id: id, user: user?.id, department: user?.department, active: !rng.chance(0.03),
                lastSeen: seen)
            if i < hosts {
                device.processors = 2
                device.coresPerProcessor = rng.pick(hostCores)
                device.processorModel = rng.pick(serverChips)
                device.active = true
                device.cluster = shortID("c", i / 8, width: 4)
            } else if i < hosts + vms {
                device.kind = .virtual
                device.host = devices[(i - hosts) / 8 % hosts].id
                device.vcpus = rng.pick(vcpuChoices)
                if rng.chance(0.05) { device.partitioning = .hard }
            } else {
                device.coresPerProcessor = rng.pick(endpointCores)
                device.processorModel = rng.pick(endpointChips)
            }
            devices.append(device)
        }
        return devices
    }
}
