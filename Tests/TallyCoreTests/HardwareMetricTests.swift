import Testing

@testable import TallyCore

@Suite("Demand under core, processor and PVU, with virtualization")
struct HardwareMetricTests {
    let hosts = [
        Device(id: "h1", processors: 2, coresPerProcessor: 10, processorModel: "Intel Xeon Gold 6248"),
        Device(id: "vm1", kind: .virtual, host: "h1", vcpus: 2),
        Device(id: "vm2", kind: .virtual, host: "h1", vcpus: 6),
    ]

    func result(_ license: License, devices: [Device]? = nil, on installed: [Device.ID]) throws -> [String: Int] {
        let result = try Reconciler.reconcile(
            estate(
                devices: devices ?? hosts, products: [product("p", license)],
                installations: installed.map { install($0, "p") }))
        return units(result, "p")
    }

    @Test("core, physical: max(ceil(processors x max(cores, minimum) x factor), minimum per device)")
    func corePhysical() throws {
        let small = [Device(id: "s", processors: 2, coresPerProcessor: 2)]
        #expect(try result(License(metric: .core), devices: small, on: ["s"]) == ["device:s": 4])
        #expect(
            try result(License(metric: .core, minCoresPerProcessor: 4), devices: small, on: ["s"]) == ["device:s": 8])
        #expect(
            try result(
                License(metric: .core, minCoresPerProcessor: 4, minCoresPerDevice: 16), devices: small,
                on: ["s"]) == ["device:s": 16])
        let odd = [Device(id: "o", processors: 1, coresPerProcessor: 3)]
        #expect(try result(License(metric: .core, coreFactor: .value(0.5)), devices: odd, on: ["o"]) == ["device:o": 2])
        #expect(
            try result(License(metric: .core, coreFactor: .value(0.25)), devices: odd, on: ["o"]) == ["device:o": 1])
    }

    @Test("core factor from the Oracle table by processor model")
    func coreFactorTable() throws {
        let devices = [
            Device(id: "x", processors: 2, coresPerProcessor: 8, processorModel: "Intel Xeon Gold 6248"),
            Device(id: "p", processors: 1, coresPerProcessor: 6, processorModel: "IBM POWER9"),
        ]
        #expect(
            try result(License(metric: .core, coreFactor: .table(.oracle)), devices: devices, on: ["x", "p"])
                == ["device:x": 8, "device:p": 6])
    }

    @Test("core, perVM: each VM counts max(vcpus, minimum per VM)")
    func corePerVM() throws {
        #expect(
            try result(License(metric: .core, minCoresPerVM: 4), on: ["vm1", "vm2"])
                == ["device:vm1": 4, "device:vm2": 6])
    }

    @Test("core, host: the host counts once in full, with or without an installation of its own")
    func coreHost() throws {
        let license = License(metric: .core, minCoresPerProcessor: 16, virtualization: .host)
        #expect(try result(license, on: ["vm1", "vm2"]) == ["host:h1": 32])
        #expect(try result(license, on: ["vm1", "h1"]) == ["host:h1": 32])
        #expect(try result(license, on: ["h1"]) == ["device:h1": 32])
    }

    @Test("processor: a physical device's processors; VMs count their host's, once")
    func processor() throws {
        #expect(try result(License(metric: .processor), on: ["vm1", "vm2"]) == ["host:h1": 2])
        #expect(try result(License(metric: .processor), on: ["h1"]) == ["device:h1": 2])
    }

    @Test("pvu: cores x PVU per core; VMs by vcpus at their host's rating")
    func pvu() throws {
        #expect(try result(License(metric: .pvu), on: ["h1"]) == ["device:h1": 2000])
        #expect(
            try result(License(metric: .pvu, pvuPerCore: .value(70)), on: ["vm1", "vm2"])
                == ["device:vm1": 140, "device:vm2": 420])
        #expect(try result(License(metric: .pvu, pvuPerCore: .table(.ibmPVU)), on: ["vm1"]) == ["device:vm1": 140])
    }

    @Test("pvu sub-capacity: VMs needing more than the host's full capacity make the host one consumer at full")
    func pvuCap() throws {
        let devices = [
            Device(id: "h", processors: 1, coresPerProcessor: 4),
            Device(id: "v1", kind: .virtual, host: "h", vcpus: 4),
            Device(id: "v2", kind: .virtual, host: "h", vcpus: 4),
            Device(id: "v3", kind: .virtual, host: "h", vcpus: 2),
        ]
        #expect(try result(License(metric: .pvu), devices: devices, on: ["v1"]) == ["device:v1": 400])
        #expect(try result(License(metric: .pvu), devices: devices, on: ["v1", "v2"]) == ["host:h": 400])
        #expect(
            try result(License(metric: .pvu, virtualization: .host), devices: devices, on: ["v3"]) == ["host:h": 400])
        #expect(
            try result(License(metric: .pvu), devices: devices, on: ["h", "v3"]) == ["device:h": 400, "device:v3": 200])
    }

    @Test("a VM that must count by vcpus needs them; by its host, needs one")
    func missingHardware() {
        expectError(
            "devices[1].vcpus",
            in: estate(
                devices: [Device(id: "h", coresPerProcessor: 4), Device(id: "v", kind: .virtual)],
                products: [product("p", License(metric: .core))], installations: [install("v", "p")]))
        expectError(
            "devices[1].host",
            in: estate(
                devices: [Device(id: "h", coresPerProcessor: 4), Device(id: "v", kind: .virtual, vcpus: 2)],
                products: [product("p", License(metric: .core, virtualization: .host))],
                installations: [install("v", "p")]))
        expectError(
            "devices[0].coresPerProcessor",
            in: estate(
                devices: [Device(id: "h")], products: [product("p", License(metric: .core))],
                installations: [install("h", "p")]))
    }

    @Test("a VM whose host is not in the estate, or a physical device with a host, is rejected")
    func badHosts() {
        expectError(
            "devices[0].host",
            in: estate(
                devices: [Device(id: "v", kind: .virtual, host: "nowhere")], products: [product("p")]))
        expectError(
            "devices[1].host",
            in: estate(
                devices: [Device(id: "h"), Device(id: "x", host: "h")], products: [product("p")]))
    }

    @Test("the device metric counts VMs as devices, needing no hardware figures")
    func deviceMetricIgnoresHardware() throws {
        #expect(try result(License(), devices: [Device(id: "v", kind: .virtual)], on: ["v"]) == ["device:v": 1])
    }

    @Test("rounding units up never traps: beyond the limit it stops there, below zero it is zero")
    func roundingIsBounded() {
        #expect(Metering.roundUp(1e30) == Limits.totalUnits && Metering.roundUp(-.infinity) == 0)
        #expect(Metering.roundUp(2.0000000001) == 2 && Metering.roundUp(2.1) == 3)
    }
}
