import Testing

@testable import TallyCore

@Suite("Sample estates: the demo and the synthetic benchmark estate")
struct SampleEstateTests {
    let demo = DemoEstate.make(asOf: testDay)

    func metrics(_ estate: Estate) -> Set<License.Metric> {
        Set(estate.products.map(\.license.metric))
    }

    // MARK: The demo

    @Test("the demo is the same on every call")
    func demoIsDeterministic() {
        let again = DemoEstate.make(asOf: testDay)
        #expect(again.devices.map(\.id) == demo.devices.map(\.id))
        #expect(again.people.map(\.id) == demo.people.map(\.id))
        #expect(again.entitlements.map(\.id) == demo.entitlements.map(\.id))
        #expect(again.installations.count == demo.installations.count)
        #expect(again.usage.count == demo.usage.count)
        #expect(again == demo)
    }

    @Test("the demo has 20 to 40 products of every metric and a few hundred devices and people")
    func demoSize() {
        #expect((20...40).contains(demo.products.count))
        #expect(metrics(demo) == Set(License.Metric.allCases))
        #expect((280...380).contains(demo.devices.count))
        #expect((200...300).contains(demo.people.count))
        #expect((6...8).contains(demo.departments.count))
        #expect(demo.departments.contains { $0.parent != nil })
        #expect(demo.people.contains { !$0.active })
        #expect(demo.devices.contains { !$0.active })
    }

    @Test("the demo's data centre has VM hosts of 2 sockets, 30 to 40 VMs and POWER9 servers")
    func demoDataCentre() {
        let vms = demo.devices.filter { $0.kind == .virtual }
        let hosts = Set(vms.compactMap(\.host))
        #expect((30...40).contains(vms.count))
        #expect(vms.allSatisfy { $0.host != nil && $0.vcpus != nil })
        #expect((4...6).contains(hosts.count))
        for host in demo.devices where hosts.contains(host.id) {
            #expect(host.processors == 2)
            #expect((16...32).contains(host.coresPerProcessor ?? 0))
        }
        #expect(demo.devices.filter { $0.processorModel == "IBM POWER9" }.count == 2)
    }

    @Test("the demo has expired, future, scoped, versioned and unlimited entitlements")
    func demoEntitlementKinds() {
        let asOf = demo.asOf
        #expect(demo.entitlements.contains { ($0.end ?? asOf) < asOf })
        #expect(demo.entitlements.contains { asOf < ($0.start ?? asOf) })
        #expect(demo.entitlements.contains { $0.scope != nil })
        #expect(demo.entitlements.contains { $0.version != nil && $0.downgrade })
        #expect(demo.entitlements.filter(\.unlimited).count == 1)
        #expect(demo.entitlements.contains { !$0.covers.isEmpty })
        #expect(demo.entitlements.allSatisfy { $0.unlimited || $0.quantity != nil })
    }

    @Test("the demo has checkouts by unknown logins and denials for MATLAB")
    func demoUsage() {
        let logins = Set(demo.people.compactMap(\.login))
        #expect(demo.usage.contains { !logins.contains($0.user ?? "") })
        #expect(!demo.denials.isEmpty)
        #expect(demo.denials.allSatisfy { $0.product == "matlab" })
        #expect(!demo.assignments.isEmpty)
    }

    @Test("every date of the demo is counted from asOf")
    func demoFollowsAsOf() {
        // 52 weeks later, so that sessions, which fall on weekdays, fall on the same days.
        let shift = 364
        let later = DemoEstate.make(asOf: testDay.adding(days: shift))
        #expect(later.entitlements.map(\.start) == demo.entitlements.map { $0.start?.adding(days: shift) })
        #expect(later.entitlements.map(\.end) == demo.entitlements.map { $0.end?.adding(days: shift) })
        #expect(later.installations.map(\.lastUsed) == demo.installations.map { $0.lastUsed?.adding(days: shift) })
        let seconds = Int64(shift) * 86_400
        #expect(later.usage.map(\.start.secondsSinceEpoch) == demo.usage.map { $0.start.secondsSinceEpoch + seconds })
    }

    @Test("the demo reconciles, with products short, over-licensed and exactly licensed")
    func demoStatuses() throws {
        let result = try Reconciler.reconcile(demo)
        let statuses = Set(result.positions.map(\.status))
        #expect(statuses == [.under, .over, .compliant])
    }

    @Test("the demo's positions tell the stories they were built for")
    func demoStories() throws {
        let result = try Reconciler.reconcile(demo)
        func status(_ product: Product.ID) -> ComplianceStatus? { position(result, product)?.status }
        #expect(position(result, "office-proplus")?.shortfall == 7)
        #expect(position(result, "autocad")?.shortfall == 3)
        #expect(position(result, "matlab")?.demand == 15)
        #expect(position(result, "matlab")?.shortfall == 3)
        // Oracle: ora-db01 and ora-db02 (16 each), and the test VM on esx05 puts all five hosts of cluster vc-dc1
        // under licence: (64 + 32 + 48 + 64 + 32) cores x 0.5 = 120. 152 processors, 32 owned: 5,244,000 EUR.
        #expect(position(result, "oracle-db-ee")?.demand == 152)
        #expect(position(result, "oracle-db-ee")?.exposure == 5_244_000)
        #expect(position(result, "weblogic")?.demand == 120)
        // esx03's seven WebSphere VMs are capped at the host's 48 cores x 70 PVU.
        #expect(units(result, "websphere")["host:esx03"] == 3_360)
        // Windows Server Standard: esx04's three VMs need its 64 cores twice; fs01 and bkp01 16 each.
        #expect(units(result, "winsrv-std")["host:esx04"] == 128)
        #expect(position(result, "winsrv-std")?.demand == 160)
        // SQL Server Standard without Software Assurance: esx01 (3 VMs) and esx04 (1 VM) count in full, 64 each.
        #expect(units(result, "sql-std") == ["host:esx01": 64, "host:esx04": 64])
        for product: Product.ID in ["sql-std", "sql-ent", "visual-studio", "weblogic", "winsrv-std"] {
            #expect(status(product) == .under)
        }
        for product: Product.ID in ["visio", "acrobat-pro", "creative-cloud", "photoshop", "db2", "simulink"] {
            #expect(status(product) == .over)
        }
        for product: Product.ID in ["project", "winsrv-dc", "acrobat-std", "revit", "vsphere", "snagit"] {
            #expect(status(product) == .compliant)
        }
        // The demo uses the publishers' templates: nothing to flag.
        #expect(LicenseModelCheck.findings(demo.products).isEmpty)
        #expect(position(result, "word") == nil)
    }

    // MARK: The synthetic estate

    @Test("a synthetic estate of 1,000 devices has about 50 installations per device")
    func syntheticInstallations() {
        let estate = SyntheticEstate.make(devices: 1_000, seed: 7, asOf: testDay)
        #expect(estate.devices.count == 1_000)
        let perDevice = Double(estate.installations.count) / Double(estate.devices.count)
        #expect((40...60).contains(perDevice))
    }

    @Test("a synthetic estate scales products with devices and buys five entitlements per product")
    func syntheticCounts() {
        let small = SyntheticEstate.make(devices: 1_000, seed: 7, asOf: testDay)
        #expect(small.products.count == 20)
        #expect(small.entitlements.count == 100)
        let larger = SyntheticEstate.make(devices: 5_000, seed: 7, asOf: testDay)
        #expect(larger.products.count == 100)
        #expect(larger.entitlements.count == 500)
        #expect(metrics(small) == Set(License.Metric.allCases))
        #expect((200...5_000).contains(small.usage.count))
        #expect(larger.people.count == 4_000)
        #expect(larger.devices.filter { $0.kind == .virtual }.count == 500)
    }

    @Test("every synthetic installation names an existing device and product")
    func syntheticReferences() {
        let estate = SyntheticEstate.make(devices: 1_000, seed: 11, asOf: testDay)
        let devices = Set(estate.devices.map(\.id)), products = Set(estate.products.map(\.id))
        #expect(estate.installations.allSatisfy { devices.contains($0.device) && products.contains($0.product) })
        #expect(devices.count == estate.devices.count)
        #expect(Set(estate.entitlements.map(\.id)).count == estate.entitlements.count)
        #expect(estate.devices.allSatisfy { $0.user != nil && $0.department != nil })
    }

    @Test("ids are short enough to be small strings")
    func syntheticShortIDs() {
        let estate = SyntheticEstate.make(devices: 1_000, seed: 3, asOf: testDay)
        #expect(estate.devices.allSatisfy { $0.id.rawValue.utf8.count <= 15 })
        #expect(estate.people.allSatisfy { $0.id.rawValue.utf8.count <= 15 })
        #expect(estate.entitlements.allSatisfy { $0.id.rawValue.utf8.count <= 15 })
        #expect(SyntheticEstate.shortID("d", 123, width: 6) == "d000123")
        #expect(SyntheticEstate.shortID("p", 12_345, width: 4) == "p12345")
    }

    @Test("the same seed gives the same synthetic estate, another seed a different one")
    func syntheticSeeds() {
        let first = SyntheticEstate.make(devices: 1_000, seed: 42, asOf: testDay)
        let again = SyntheticEstate.make(devices: 1_000, seed: 42, asOf: testDay)
        let other = SyntheticEstate.make(devices: 1_000, seed: 43, asOf: testDay)
        #expect(first == again)
        #expect(first != other)
        #expect(first.installations.map(\.product) != other.installations.map(\.product))
    }

    @Test("a synthetic estate of 2,000 devices reconciles, with products short and over-licensed")
    func syntheticReconciles() throws {
        let result = try Reconciler.reconcile(SyntheticEstate.make(devices: 2_000, seed: 1, asOf: testDay))
        #expect(!result.positions.isEmpty)
        let statuses = Set(result.positions.map(\.status))
        #expect(statuses.contains(.under))
        #expect(statuses.contains(.over))
    }

    @Test("the seeded generator gives the published SplitMix64 sequence")
    func generatorSequence() {
        var rng = SeededGenerator(seed: 1_234_567)
        // The first outputs of SplitMix64 for seed 1234567, as in the reference implementation's test vectors.
        #expect(rng.next() == 6_457_827_717_110_365_317)
        #expect(rng.next() == 3_203_168_211_198_807_973)
    }
}
