import Testing

@testable import TallyCore

/// Oracle's rules, worked by hand from Oracle's own texts.
///
/// Oracle Partitioning Policy (oracle.com/assets/partitioning-070609.pdf): "Soft partitioning segments the operating
/// system using OS resources ... Oracle does not recognize soft partitioning as a means to determine or limit the
/// number of software licenses required for any given server." and "Hard partitioning physically segments a server,
/// by taking a single large server and separating it into distinct smaller systems ... customers are required to
/// license ... the total number of processors in the hard partition." Licensing Oracle on VMware (Oracle's guidance
/// read together with the policy): every host a VM can be moved to (a vSphere cluster) must be licensed.
///
/// Oracle Processor Core Factor Table (oracle.com/assets/processor-core-factor-table-070634.pdf): "the number of
/// required licenses shall be determined by multiplying the total number of cores of the processor by a core
/// processor licensing factor"; Intel Xeon and AMD EPYC: 0.5.
///
/// Oracle Database Licensing Information User Manual, Named User Plus: Enterprise Edition requires "a minimum of 25
/// Named User Plus per Processor"; Standard Edition 2 "a minimum of 10 Named User Plus licenses per server".
@Suite("Oracle: clusters, hard partitions, Named User Plus")
struct OracleRulesTests {
    /// A cluster of three Intel hosts (2 x 16, 2 x 12, 2 x 8 cores) and one host outside it; `vm` runs on `h1`.
    static let devices = [
        Device(id: "h1", cluster: "vc", processors: 2, coresPerProcessor: 16, processorModel: "Intel Xeon Gold 6346"),
        Device(id: "h2", cluster: "vc", processors: 2, coresPerProcessor: 12, processorModel: "Intel Xeon Gold 5317"),
        Device(id: "h3", cluster: "vc", processors: 2, coresPerProcessor: 8, processorModel: "Intel Xeon Silver 4309Y"),
        Device(id: "solo", processors: 1, coresPerProcessor: 8, processorModel: "Intel Xeon Silver 4309Y"),
        Device(id: "vm", kind: .virtual, host: "h1", vcpus: 4),
        Device(id: "vm-solo", kind: .virtual, host: "solo", vcpus: 2),
        Device(id: "lpar", kind: .virtual, host: "h2", partitioning: .hard, vcpus: 4),
    ]

    static let database = Product(
        id: "db", publisher: "Oracle", name: "Database Enterprise Edition", license: LicenseRule.oracleProcessor.license
    )

    func result(
        devices: [Device] = devices, on installed: [Device.ID], product: Product = database
    )
        throws -> [String: Int]
    {
        let result = try Reconciler.reconcile(
            estate(devices: devices, products: [product], installations: installed.map { install($0, product.id) }))
        return units(result, product.id)
    }

    /// By hand: the VM on h1 can move to h1, h2 and h3: (32 + 24 + 16) cores x 0.5 = 16 + 12 + 8 processors.
    @Test("a VM on a vSphere cluster makes every host of the cluster count, in full, each once")
    func clusterCountsEveryHost() throws {
        #expect(try result(on: ["vm"]) == ["host:h1": 16, "host:h2": 12, "host:h3": 8])
    }

    /// A host in no cluster stands alone, as under `host`: 8 cores x 0.5 = 4.
    @Test("a host in no cluster stands alone")
    func hostWithoutCluster() throws {
        #expect(try result(on: ["vm-solo"]) == ["host:solo": 4])
    }

    /// h1's own installation and the VM make one consumer `host:h1`, not two.
    @Test("a host's own installation counts once with the VMs that make it a host consumer")
    func ownInstallationMerges() throws {
        #expect(try result(on: ["h1", "vm"]) == ["host:h1": 16, "host:h2": 12, "host:h3": 8])
        #expect(try result(on: ["h3"]) == ["device:h3": 8])
    }

    /// h3 was retired: it no longer counts, the cluster's other hosts do.
    @Test("retired or inactive hosts never count")
    func retiredHostDoesNotCount() throws {
        var devices = Self.devices
        devices[2].active = false
        #expect(try result(devices: devices, on: ["vm"]) == ["host:h1": 16, "host:h2": 12])
    }

    /// The LPAR's 4 vcpus are fixed by a partitioning Oracle accepts: only they count, 4 x 0.5 = 2.
    @Test("a hard partition counts only its own cores, under cluster and host alike")
    func hardPartition() throws {
        #expect(try result(on: ["lpar"]) == ["device:lpar": 2])
        var hostOnly = Self.database
        hostOnly.license.virtualization = .host
        #expect(try result(on: ["lpar"], product: hostOnly) == ["device:lpar": 2])
    }

    /// Standard Edition 2 counts sockets (`processor`) and still every host of the cluster: 2 + 2 + 2.
    @Test("the processor metric under cluster counts each host's sockets")
    func processorsOfTheCluster() throws {
        let se2 = Product(
            id: "se2", publisher: "Oracle", name: "Database Standard Edition 2",
            license: License(metric: .processor, virtualization: .cluster))
        #expect(try result(on: ["vm"], product: se2) == ["host:h1": 2, "host:h2": 2, "host:h3": 2])
    }

    @Test("the why names the cluster and the core factor row")
    func why() throws {
        let result = try Reconciler.reconcile(
            estate(devices: Self.devices, products: [Self.database], installations: [install("vm", "db")]))
        let h2 = try #require(result.consumers.first { $0.key == "host:h2" })
        #expect(h2.why.contains("2 processors x max(12, 0) cores x 0.5 (oracle table: Intel Xeon multicore chips)"))
        #expect(h2.why.contains("1 VM running the product in cluster vc can move to it (virtualization: cluster)"))
    }

    /// Named User Plus, Enterprise Edition: the database runs on the VM of the cluster and on `solo`.
    /// Servers: h1, h2, h3 (the cluster the VM can move to) and solo. Oracle processors: 32 x 0.5 = 16, 24 x 0.5 = 12,
    /// 16 x 0.5 = 8, 8 x 0.5 = 4: 40 in all, x 25 = 1,000 named users at least. Three people are assigned it, and the
    /// VM and solo, whose installations have no user, count on their own: 5. The minimum adds 995, and the demand is
    /// max(5, 1,000) = 1,000.
    @Test("Enterprise Edition Named User Plus: at least 25 per Oracle processor of every server")
    func namedUserPlusEnterprise() throws {
        let people = ["ann", "bob", "cy"].map { Person(id: .init($0)) }
        let product = Product(id: "nup", publisher: "Oracle", license: LicenseRule.oracleNUP.license)
        let result = try Reconciler.reconcile(
            estate(
                people: people, devices: Self.devices, products: [product],
                installations: [install("vm", "nup"), install("solo", "nup")],
                assignments: people.map { Assignment(product: "nup", assignee: .person($0.id)) }))
        let consumers = units(result, "nup")
        #expect(consumers["minimum"] == 995)
        #expect(position(result, "nup")?.demand == 1_000)
        let minimum = try #require(result.consumers.first { $0.key == "minimum" })
        #expect(minimum.why.contains("25 per processor (cores x core factor) = 1000"))
        #expect(minimum.why.contains("5 named users count, so the minimum applies and adds 995"))
    }

    /// Standard Edition 2 Named User Plus: 10 per server. Two servers (the VM's host h1 alone under `host`, and
    /// solo) need 20; with 25 named users the minimum does not apply and no `minimum` consumer appears.
    @Test("Standard Edition 2 Named User Plus: at least 10 per server, only where the users are fewer")
    func namedUserPlusStandard() throws {
        var license = LicenseRule.oracleSE2NUP.license
        license.virtualization = .host
        let product = Product(id: "se2", publisher: "Oracle", license: license)
        let people = (1...25).map { Person(id: .init("p\($0)")) }
        let many = try Reconciler.reconcile(
            estate(
                people: people, devices: Self.devices, products: [product],
                installations: [install("vm", "se2"), install("solo", "se2")],
                assignments: people.map { Assignment(product: "se2", assignee: .person($0.id)) }))
        #expect(units(many, "se2")["minimum"] == nil)
        let few = try Reconciler.reconcile(
            estate(
                people: Array(people.prefix(3)), devices: Self.devices, products: [product],
                installations: [install("vm", "se2"), install("solo", "se2")],
                assignments: people.prefix(3).map { Assignment(product: "se2", assignee: .person($0.id)) }))
        // 20 at least; 3 people, and the VM and solo (installations with no user) count 5: the minimum adds 15.
        #expect(units(few, "se2")["minimum"] == 15)
    }

    @Test("a server without its cores cannot be counted per processor: the error names the device")
    func minimumNeedsCores() {
        let product = Product(id: "nup", license: LicenseRule.oracleNUP.license)
        expectError(
            "devices[0].coresPerProcessor",
            in: estate(devices: [Device(id: "x")], products: [product], installations: [install("x", "nup")]))
    }
}
