/// The arithmetic of units under the hardware metrics (`core`, `processor`, `pvu`), with vendor tables cached.
struct Metering {
    let estate: ResolvedEstate
    /// Table values by table, processor model and sockets: an estate has few distinct processors.
    private var tableCache: [TableKey: Double] = [:]

    private struct TableKey: Hashable {
        let table: ProcessorTable.Name
        let model: String?
        let sockets: Int
    }

    init(estate: ResolvedEstate) {
        self.estate = estate
    }

    /// `max(ceil(processors * max(coresPerProcessor, minCoresPerProcessor) * coreFactor), minCoresPerDevice)`.
    mutating func physicalCores(of device: Int32, product: Int32) throws(EstateError) -> Int {
        let license = estate.estate.products[Int(product)].license
        let hardware = estate.estate.devices[Int(device)]
        let cores = try coresPerProcessor(of: device, product: product)
        let factor = rating(license.coreFactor, device: device)
        let counted = Self.roundUp(Double(hardware.processors * max(cores, license.minCoresPerProcessor)) * factor)
        return max(counted, license.minCoresPerDevice)
    }

    /// `max(vcpus, minCoresPerVM)`.
    func virtualCores(of device: Int32, product: Int32) throws(EstateError) -> Int {
        let license = estate.estate.products[Int(product)].license
        return max(try vcpus(of: device, product: product), license.minCoresPerVM)
    }

    /// A hard-partitioned VM's cores: `max(ceil(vcpus * coreFactor of its host's processor), minCoresPerVM)`.
    mutating func partitionCores(of device: Int32, host: Int32, product: Int32) throws(EstateError) -> Int {
        let license = estate.estate.products[Int(product)].license
        let vcpus = try vcpus(of: device, product: product)
        return max(Self.roundUp(Double(vcpus) * coreFactor(on: host, product: product)), license.minCoresPerVM)
    }

    /// A server's Named User Plus minimum: `minimumUsersPerProcessor * ceil(processors * coresPerProcessor *
    /// coreFactor) + minimumUsersPerDevice`.
    mutating func minimumUsers(of server: Int32, product: Int32) throws(EstateError) -> Int {
        let license = estate.estate.products[Int(product)].license
        guard license.minimumUsersPerProcessor > 0 else { return license.minimumUsersPerDevice }
        return license.minimumUsersPerProcessor * (try oracleProcessors(of: server, product: product))
            + license.minimumUsersPerDevice
    }

    /// A server's processors as Oracle counts them for Named User Plus: `ceil(processors * coresPerProcessor *
    /// coreFactor)`.
    mutating func oracleProcessors(of server: Int32, product: Int32) throws(EstateError) -> Int {
        let hardware = estate.estate.devices[Int(server)]
        let cores = try coresPerProcessor(of: server, product: product)
        return Self.roundUp(Double(hardware.processors * cores) * coreFactor(on: server, product: product))
    }

    /// The full capacity of a physical device: `processors * coresPerProcessor * pvuPerCore`.
    mutating func fullPVU(of device: Int32, product: Int32) throws(EstateError) -> Int {
        let hardware = estate.estate.devices[Int(device)]
        let cores = hardware.processors * (try coresPerProcessor(of: device, product: product))
        return Self.roundUp(Double(cores) * pvuPerCore(on: device, product: product))
    }

    /// A virtual machine's PVUs: its vcpus at the PVU rating of its host's processor.
    mutating func virtualPVU(of device: Int32, host: Int32, product: Int32) throws(EstateError) -> Int {
        Self.roundUp(Double(try vcpus(of: device, product: product)) * pvuPerCore(on: host, product: product))
    }

    mutating func pvuPerCore(on device: Int32, product: Int32) -> Double {
        rating(estate.estate.products[Int(product)].license.pvuPerCore, device: device)
    }

    mutating func coreFactor(on device: Int32, product: Int32) -> Double {
        rating(estate.estate.products[Int(product)].license.coreFactor, device: device)
    }

    /// A VM's host, which the metric needs; a VM without one cannot be counted (`unless` the counting may do without:
    /// then -1).
    func host(of device: Int32, product: Int32, unless optional: Bool = false) throws(EstateError) -> Int32 {
        let host = estate.deviceHost[Int(device)]
        guard host >= 0 || optional else {
            let id = estate.estate.devices[Int(device)].id
            throw .invalidValue(
                path: "devices[\(device)].host",
                reason: "virtual device \"\(id)\" has no host, which \(Self.counting(estate, product)) needs; add it")
        }
        return host
    }

    private func coresPerProcessor(of device: Int32, product: Int32) throws(EstateError) -> Int {
        guard let cores = estate.estate.devices[Int(device)].coresPerProcessor else {
            let id = estate.estate.devices[Int(device)].id
            throw .invalidValue(
                path: "devices[\(device)].coresPerProcessor",
                reason: "\(Self.counting(estate, product)) needs the cores per processor of \"\(id)\"; add them")
        }
        return cores
    }

    private func vcpus(of device: Int32, product: Int32) throws(EstateError) -> Int {
        guard let vcpus = estate.estate.devices[Int(device)].vcpus else {
            let id = estate.estate.devices[Int(device)].id
            throw .invalidValue(
                path: "devices[\(device)].vcpus",
                reason: "\(Self.counting(estate, product)) needs the vcpus of virtual device \"\(id)\"; add them")
        }
        return vcpus
    }

    private mutating func rating(_ rating: License.Rating, device: Int32) -> Double {
        switch rating {
        case .value(let value):
            return value
        case .table(let name):
            let hardware = estate.estate.devices[Int(device)]
            let key = TableKey(table: name, model: hardware.processorModel, sockets: hardware.processors)
            if let cached = tableCache[key] { return cached }
            let value = ProcessorTable.named(name).row(forModel: hardware.processorModel, sockets: hardware.processors)
                .value
            tableCache[key] = value
            return value
        }
    }

    /// Rounds up, forgiving the last bits of floating-point noise (`0.1 * 30` is 3, not 4). The inputs' limits keep
    /// every value far below `Limits.totalUnits`; anything above is held there rather than trapping.
    static func roundUp(_ value: Double) -> Int {
        let rounded = (value - 1e-9).rounded(.up)
        guard rounded < Double(Limits.totalUnits) else { return Limits.totalUnits }
        return rounded > 0 ? Int(rounded) : 0
    }

    static func counting(_ estate: ResolvedEstate, _ product: Int32) -> String {
        let item = estate.estate.products[Int(product)]
        return "counting \"\(item.id)\" by \(item.license.metric.rawValue)"
    }
}
