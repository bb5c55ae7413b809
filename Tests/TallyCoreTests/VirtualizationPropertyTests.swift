import Testing

@testable import TallyCore

/// Random small data centres (hosts in clusters or alone, some retired; VMs soft or hard-partitioned) counted under
/// `core` by every virtualization, with and without rights and VMs per license, against the spec's sections 2, 6.4
/// and 6.5 read literally here, independently of the engine.
@Suite("Virtualization rules on random data centres")
struct VirtualizationPropertyTests {
    struct Case {
        var estate: Estate
        var license: License
    }

    static func randomCase(seed: UInt64) -> Case {
        var random = SeededGenerator(seed: seed)
        var devices: [Device] = []
        let hosts = Int.random(in: 1...5, using: &random)
        for h in 0..<hosts {
            devices.append(
                Device(
                    id: .init("h\(h)"), cluster: Int.random(in: 0..<4, using: &random) == 0 ? nil : "c\(h % 2)",
                    processors: Int.random(in: 1...2, using: &random),
                    coresPerProcessor: [4, 6, 8, 16][Int.random(in: 0..<4, using: &random)],
                    active: Int.random(in: 0..<6, using: &random) > 0))
        }
        for v in 0..<Int.random(in: 0...6, using: &random) {
            devices.append(
                Device(
                    id: .init("v\(v)"), kind: .virtual, host: .init("h\(Int.random(in: 0..<hosts, using: &random))"),
                    partitioning: Int.random(in: 0..<4, using: &random) == 0 ? .hard : .soft,
                    vcpus: [1, 2, 4, 8][Int.random(in: 0..<4, using: &random)]))
        }
        let virtualization = License.Virtualization.allCases.randomElement(using: &random) ?? .perVM
        let license = License(
            metric: .core, minCoresPerProcessor: [0, 4, 8][Int.random(in: 0..<3, using: &random)],
            minCoresPerDevice: [0, 16][Int.random(in: 0..<2, using: &random)],
            minCoresPerVM: [0, 4][Int.random(in: 0..<2, using: &random)],
            coreFactor: .value(Bool.random(using: &random) ? 1 : 0.5), virtualization: virtualization,
            vmRequiresRights: Bool.random(using: &random), vmsPerLicense: Bool.random(using: &random) ? 2 : nil)
        let installed = devices.filter { _ in Bool.random(using: &random) }.map { install($0.id, "p") }
        let rights = Int.random(in: 0..<3, using: &random)
        let entitlements = [
            Entitlement(
                id: "e", product: "p", quantity: 10, costPeriod: rights == 1 ? .year : .once,
                softwareAssurance: rights == 2)
        ]
        return Case(
            estate: estate(
                devices: devices, products: [Product(id: "p", license: license)], installations: installed,
                entitlements: entitlements),
            license: license)
    }

    /// The units of each consumer, read from the spec's words.
    static func expected(_ item: Case) -> [String: Int] {
        let license = item.license
        let devices = Dictionary(uniqueKeysWithValues: item.estate.devices.map { ($0.id, $0) })
        let factor: Double = license.coreFactor == .value(0.5) ? 0.5 : 1
        let rights = item.estate.entitlements.contains { $0.softwareAssurance || $0.costPeriod != .once }
        func ceil(_ value: Double) -> Int { Int(value.rounded(.up)) }
        func full(_ host: Device) -> Int {
            max(
                ceil(Double(host.processors * max(host.coresPerProcessor ?? 0, license.minCoresPerProcessor)) * factor),
                license.minCoresPerDevice)
        }
        var result: [String: Int] = [:]
        var hostBasis: [Device.ID: String] = [:]
        var vmsOn: [Device.ID: Int] = [:]
        var own = Set<Device.ID>()
        for installation in item.estate.installations {
            guard let device = devices[installation.device], device.active else { continue }
            guard device.kind == .virtual, let hostID = device.host, let host = devices[hostID] else {
                own.insert(device.id)
                continue
            }
            let vcpus = device.vcpus ?? 0
            switch license.virtualization {
            case .host where device.partitioning == .hard, .cluster where device.partitioning == .hard:
                result["device:\(device.id)"] = max(ceil(Double(vcpus) * factor), license.minCoresPerVM)
            case .perVM:
                if license.vmRequiresRights && !rights {
                    hostBasis[hostID] = "rights"
                    vmsOn[hostID, default: 0] += 1
                } else {
                    result["device:\(device.id)"] = max(vcpus, license.minCoresPerVM)
                }
            case .host:
                hostBasis[hostID] = "host"
                vmsOn[hostID, default: 0] += 1
            case .cluster:
                let members =
                    host.cluster.map { cluster in
                        item.estate.devices.filter { $0.kind == .physical && $0.cluster == cluster && $0.active }
                            .map(\.id)
                    } ?? [hostID]
                for member in members { hostBasis[member] = "cluster" }
            }
        }
        for id in Set(hostBasis.keys).union(own) {
            guard let host = devices[id], host.active else { continue }
            var units = full(host)
            if let perLicense = license.vmsPerLicense, let basis = hostBasis[id], basis != "cluster" {
                units *= max(1, ((vmsOn[id] ?? 0) + perLicense - 1) / perLicense)
            }
            result[(hostBasis[id] == nil ? "device:" : "host:") + id.rawValue] = units
        }
        return result
    }

    @Test("every consumer and its units match the spec read literally")
    func matchesTheSpec() throws {
        var kinds = Set<License.Virtualization>()
        for seed in UInt64(1)...500 {
            let item = Self.randomCase(seed: seed &* 6_700_417)
            let result = try Reconciler.reconcile(item.estate)
            #expect(units(result, "p") == Self.expected(item), "seed \(seed): \(item.license)")
            if !units(result, "p").isEmpty { kinds.insert(item.license.virtualization) }
        }
        #expect(kinds == Set(License.Virtualization.allCases))
    }
}
