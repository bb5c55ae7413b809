import Testing

@testable import TallyCore

/// IBM's PVU rules, worked by hand from IBM's texts.
///
/// IBM Passport Advantage, Virtualization Capacity (sub-capacity) licensing: "Sub-capacity licensing allows a
/// customer to license an eligible software product for less than the full capacity of the server", counting "the
/// processor cores available to the product" (the VM's virtual cores), and the PVUs required are the lesser of that
/// and the server's full capacity. Full capacity licensing requires "all activated processor cores in the server".
/// PVU table: Intel Xeon on a server of up to 2 sockets, 70 PVU per core; IBM POWER9 (2-socket models), 70.
@Suite("IBM: PVU at full capacity and sub-capacity")
struct IBMRulesTests {
    static let devices = [
        Device(id: "esx", processors: 2, coresPerProcessor: 8, processorModel: "Intel Xeon Gold 6346"),
        Device(id: "v1", kind: .virtual, host: "esx", vcpus: 4),
        Device(id: "v2", kind: .virtual, host: "esx", vcpus: 8),
        Device(id: "v3", kind: .virtual, host: "esx", vcpus: 8),
        Device(id: "epyc", processors: 2, coresPerProcessor: 16, processorModel: "AMD EPYC 7313"),
        Device(id: "v4", kind: .virtual, host: "epyc", vcpus: 4),
    ]

    func units(_ rule: LicenseRule, on installed: [Device.ID]) throws -> [String: Int] {
        let product = Product(id: "was", publisher: "IBM", license: rule.license)
        let result = try Reconciler.reconcile(
            estate(devices: Self.devices, products: [product], installations: installed.map { install($0, "was") }))
        return TallyCoreTests.units(result, "was")
    }

    /// Sub-capacity: v1 needs 4 x 70 = 280; v1 and v2, 280 + 560 = 840, still below the host's 16 x 70 = 1,120.
    /// All three would need 1,400: capped at the host's full capacity, 1,120.
    @Test("sub-capacity: VMs by their virtual cores, never more than the host's full capacity")
    func subCapacity() throws {
        #expect(try units(.ibmPVUSubcapacity, on: ["v1"]) == ["device:v1": 280])
        #expect(try units(.ibmPVUSubcapacity, on: ["v1", "v2"]) == ["device:v1": 280, "device:v2": 560])
        #expect(try units(.ibmPVUSubcapacity, on: ["v1", "v2", "v3"]) == ["host:esx": 1_120])
    }

    /// Full capacity: any VM makes the host count in full, 16 x 70 = 1,120.
    @Test("full capacity: the whole host")
    func fullCapacity() throws {
        #expect(try units(.ibmPVU, on: ["v1"]) == ["host:esx": 1_120])
    }

    /// AMD EPYC is not in the IBM table as read: 100 PVU per core is assumed, and the why says so and what IBM's x86
    /// rows give a 2-socket server (70) once confirmed: 4 x 100 = 400.
    @Test("an unlisted processor's rating is an assumption, and the why says what a confirmed row would give")
    func assumedRating() throws {
        let product = Product(id: "was", publisher: "IBM", license: LicenseRule.ibmPVUSubcapacity.license)
        let estate = estate(devices: Self.devices, products: [product], installations: [install("v4", "was")])
        let result = try Reconciler.reconcile(estate)
        let consumer = try #require(result.consumers.first)
        #expect(consumer.units == 400)
        #expect(consumer.why.contains("\"AMD EPYC 7313\" is not listed, so 100 is assumed"))
        #expect(consumer.why.contains("IBM's x86 rows for servers of up to 2 sockets would give 70 once confirmed"))
        let unconfirmed = UnconfirmedProcessor.find(in: estate)
        #expect(unconfirmed.count == 1)
        #expect(unconfirmed.first?.model == "AMD EPYC 7313" && unconfirmed.first?.devices == ["epyc"])
        #expect(unconfirmed.first?.assumed == 100 && unconfirmed.first?.likely == 70)
        #expect(unconfirmed.first?.products == ["was"])
    }
}
