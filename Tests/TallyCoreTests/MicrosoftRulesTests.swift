import Testing

@testable import TallyCore

/// Microsoft's rules, worked by hand from the Product Terms.
///
/// Microsoft Product Terms, SQL Server (Per Core), and the SQL Server 2022 licensing guide: "Starting with SQL Server
/// 2022, licensing by individual virtual machine (VM) under the Per Core model requires customers to have Software
/// Assurance (SA) or subscription licenses"; "a minimum of four core licenses per virtual OSE"; a physical OSE needs
/// "all physical cores" licensed, "a minimum of four core licenses per physical processor".
///
/// Microsoft Product Terms, Windows Server: "a minimum of 8 core licenses per physical processor and a minimum of 16
/// core licenses per server"; Standard Edition: licensing all physical cores "permits use of ... up to two Virtual
/// OSEs", and "for each additional ... two Virtual OSEs" all physical cores must be licensed again; Datacenter
/// Edition: "unlimited Virtual OSEs".
@Suite("Microsoft: virtualization rights, core minimums, Windows Server VMs")
struct MicrosoftRulesTests {
    /// A host of 2 x 8 cores with three VMs of 2, 2 and 6 vcpus.
    static let devices = [
        Device(id: "host", processors: 2, coresPerProcessor: 8, processorModel: "Intel Xeon Silver 4309Y"),
        Device(id: "vm1", kind: .virtual, host: "host", vcpus: 2),
        Device(id: "vm2", kind: .virtual, host: "host", vcpus: 2),
        Device(id: "vm3", kind: .virtual, host: "host", vcpus: 6),
    ]

    static let sql = Product(
        id: "sql", publisher: "Microsoft", name: "SQL Server Standard", license: LicenseRule.msCore.license)

    func reconcile(
        _ product: Product = sql, on installed: [Device.ID], _ entitlements: [Entitlement]
    ) throws -> Reconciliation {
        try Reconciler.reconcile(
            estate(
                devices: Self.devices, products: [product], installations: installed.map { install($0, product.id) },
                entitlements: entitlements))
    }

    /// With Software Assurance, each VM is licensed by itself: max(2, 4) = 4 cores for vm1.
    @Test("with Software Assurance a VM is licensed by itself, at least 4 cores")
    func withSoftwareAssurance() throws {
        let result = try reconcile(
            on: ["vm1"], [Entitlement(id: "sa", product: "sql", quantity: 4, softwareAssurance: true)])
        #expect(units(result, "sql") == ["device:vm1": 4])
        #expect(position(result, "sql")?.shortfall == 0)
        let why = try #require(result.consumers.first).why
        #expect(why.contains("licensed by VM under Software Assurance or a subscription"))
    }

    /// A subscription (paid by the year) carries the same right.
    @Test("a subscription gives the same right as Software Assurance")
    func subscription() throws {
        let result = try reconcile(
            on: ["vm1"], [Entitlement(id: "sub", product: "sql", quantity: 4, costPeriod: .year)])
        #expect(units(result, "sql") == ["device:vm1": 4])
    }

    /// Without SA or a subscription (since the 2022 terms) the VM is not licensed by itself: its host's physical
    /// cores with the minimums count, 2 x max(8, 4) = 16, once for both VMs. The 4 perpetual cores cover 4 of them.
    @Test("without Software Assurance or a subscription, the host's physical cores count, once")
    func withoutRights() throws {
        let result = try reconcile(on: ["vm1", "vm2"], [Entitlement(id: "perpetual", product: "sql", quantity: 4)])
        #expect(units(result, "sql") == ["host:host": 16])
        #expect(position(result, "sql")?.shortfall == 12)
        let why = try #require(result.consumers.first).why
        #expect(why.contains("2 VMs on it have no entitlement with Software Assurance or a subscription"))
    }

    /// Where both exist, only the entitlement with the rights covers the VM: the perpetual 8 cores stay unused and
    /// the VM (4 cores) draws on the 2 cores with SA: short 2.
    @Test("a VM licensed by itself is covered only by entitlements that carry the rights")
    func onlyRightsCover() throws {
        let result = try reconcile(
            on: ["vm1"],
            [
                Entitlement(id: "perpetual", product: "sql", quantity: 8),
                Entitlement(id: "sa", product: "sql", quantity: 2, softwareAssurance: true),
            ])
        #expect(units(result, "sql") == ["device:vm1": 4])
        #expect(position(result, "sql")?.shortfall == 2)
        #expect(result.entitlements.map(\.used) == [0, 2])
    }

    /// Rights in another department's scope do not count: the VM's host counts.
    @Test("rights must come from an entitlement that could cover the VM (scope, version)")
    func rightsMustApply() throws {
        var devices = Self.devices
        devices[1].department = "fin"
        let result = try Reconciler.reconcile(
            estate(
                departments: [Department(id: "fin"), Department(id: "eng")], devices: devices, products: [Self.sql],
                installations: [install("vm1", "sql")],
                entitlements: [
                    Entitlement(id: "eng-sa", product: "sql", quantity: 4, scope: "eng", softwareAssurance: true)
                ]))
        #expect(units(result, "sql") == ["host:host": 16])
    }

    /// Windows Server Standard: the host's 2 x 8 = 16 cores (at least 16 per server) cover 2 VMs; three VMs need
    /// them twice, 32; Datacenter covers any number with 16.
    @Test("Windows Server Standard: every two VMs need the host's cores again; Datacenter: any number")
    func windowsServer() throws {
        let standard = Product(
            id: "ws", publisher: "Microsoft", name: "Windows Server Standard",
            license: LicenseRule.windowsServerStandard.license)
        #expect(units(try reconcile(standard, on: ["vm1", "vm2"], []), "ws") == ["host:host": 16])
        let three = try reconcile(standard, on: ["vm1", "vm2", "vm3"], [])
        #expect(units(three, "ws") == ["host:host": 32])
        #expect(three.consumers.first?.why.contains("x ceil(3 / 2 VMs per license) = 2 times = 32") == true)
        let datacenter = Product(
            id: "ws", publisher: "Microsoft", name: "Windows Server Datacenter",
            license: LicenseRule.windowsServerDatacenter.license)
        #expect(units(try reconcile(datacenter, on: ["vm1", "vm2", "vm3"], []), "ws") == ["host:host": 16])
    }

    /// A small host still needs 16 core licenses: 1 x 4 cores -> max(1 x max(4, 8), 16) = 16.
    @Test("Windows Server minimums: 8 per processor, 16 per server")
    func windowsMinimums() throws {
        let standard = Product(id: "ws", license: LicenseRule.windowsServerStandard.license)
        let result = try Reconciler.reconcile(
            estate(
                devices: [Device(id: "small", processors: 1, coresPerProcessor: 4)], products: [standard],
                installations: [install("small", "ws")]))
        #expect(units(result, "ws") == ["device:small": 16])
    }
}
