extension DemoBuilder {
    /// A processor model and its cores, as an inventory agent reports them.
    struct Chip {
        let model: String
        let cores: Int
    }

    static let windowsLaptopChips = [
        Chip(model: "Intel Core i5-1345U", cores: 10), Chip(model: "Intel Core i7-1365U", cores: 10),
        Chip(model: "Intel Core i7-1370P", cores: 14), Chip(model: "AMD Ryzen 7 PRO 7840U", cores: 8),
    ]
    static let workstationChips = [
        Chip(model: "Intel Core i9-13900K", cores: 24), Chip(model: "Intel Xeon w5-2455X", cores: 12),
    ]
    static let macChips = [
        Chip(model: "Apple M2 Pro", cores: 12), Chip(model: "Apple M3 Pro", cores: 12),
        Chip(model: "Apple M3", cores: 8),
    ]
    static let oldLaptopChips = [
        Chip(model: "Intel Core i5-8365U", cores: 4), Chip(model: "Intel Core i7-8665U", cores: 4),
    ]

    /// Adds every person's laptop or workstation, second machines, retired laptops and meeting-room PCs.
    mutating func addWorkplaceDevices() {
        var assetTag = 20_000
        for (person, member) in people.enumerated() {
            let unit = member.department?.rawValue ?? ""
            let macShare = share(["eng": 0.55, "eng-platform": 0.55, "mkt": 0.4], unit)
            assetTag += rng.within(1...4)
            if unit == "design" {
                addWorkplace("WS-", String(assetTag), owner: person, chips: Self.workstationChips)
                if rng.chance(0.3) {
                    assetTag += rng.within(1...4)
                    addWorkplace("LT-", String(assetTag), owner: person, chips: Self.windowsLaptopChips)
                }
            } else if rng.chance(macShare) {
                addWorkplace("MAC-", String(assetTag), owner: person, chips: Self.macChips, mac: true)
            } else {
                addWorkplace("LT-", String(assetTag), owner: person, chips: Self.windowsLaptopChips)
            }
            let secondShare = share(["eng": 0.08, "eng-platform": 0.12, "itops": 0.25], unit)
            if rng.chance(secondShare) {
                assetTag += rng.within(1...4)
                addWorkplace("WS-", String(assetTag), owner: person, chips: Self.workstationChips)
            }
        }
        // Laptops replaced in the last refresh: still in the inventory, retired, their software never removed.
        var replaced = 0
        while replaced < 10 {
            let person = rng.below(people.count)
            let tag = "0" + String(rng.within(1_000...9_999))
            guard people[person].active, deviceIndex["lt-" + tag] == nil else { continue }
            addWorkplace("LT-", tag, owner: person, chips: Self.oldLaptopChips, retired: true)
            replaced += 1
        }
        for (room, unit) in ["sales", "sales", "hr", "eng", "mkt"].enumerated() {
            addWorkplace(
                "MR-", "0" + String(room + 1), owner: -1, chips: Self.windowsLaptopChips,
                department: Department.ID(unit))
        }
    }

    /// Adds one workplace device; a leaver's device is retired with them.
    private mutating func addWorkplace(
        _ prefix: String, _ tag: String, owner: Int, chips: [Chip], mac: Bool = false, retired: Bool = false,
        department: Department.ID? = nil
    ) {
        let chip = rng.pick(chips)
        let active = !retired && (owner < 0 || people[owner].active)
        let hostname = prefix + tag
        let os =
            mac
            ? rng.pick(["macOS 14 Sonoma", "macOS 15 Sequoia"])
            : (retired ? "Windows 10 Enterprise 22H2" : "Windows 11 Enterprise 23H2")
        let serial = mac ? "C02" + randomCode(9) : randomCode(7)
        deviceIndex[hostname.lowercased()] = devices.count
        if !mac { windowsWorkplaces.append(devices.count) }
        deviceOwner.append(owner)
        devices.append(
            Device(
                id: Device.ID(hostname.lowercased()), hostname: hostname, processors: 1, coresPerProcessor: chip.cores,
                processorModel: chip.model, serial: serial, os: os, user: owner >= 0 ? people[owner].id : nil,
                department: department ?? (owner >= 0 ? people[owner].department : nil), active: active,
                lastSeen: ago(active ? rng.within(0...4) : rng.within(45...400))))
    }

    /// A serial number in the style of a vendor service tag.
    private mutating func randomCode(_ length: Int) -> String {
        let alphabet = Array("0123456789BCDFGHJKLMNPQRSTVWXYZ")
        return String((0..<length).map { _ in rng.pick(alphabet) })
    }

    /// A server of the data centre.
    struct Server {
        let name: String
        let chip: Chip
        let processors: Int
        let os: String
        /// The vSphere cluster of a VMware host: its VMs can move to every host of it.
        var cluster: String? = nil
    }

    /// A virtual machine and the host it runs on.
    struct Guest {
        let name: String
        let host: String
        let vcpus: Int
        let os: String
    }

    /// Five VMware hosts in one vSphere cluster, two Oracle database servers, two Windows file servers and two IBM
    /// POWER9 servers.
    static let servers = [
        Server(
            name: "esx01", chip: Chip(model: "Intel Xeon Gold 6338", cores: 32), processors: 2, os: esxi,
            cluster: "vc-dc1"),
        Server(
            name: "esx02", chip: Chip(model: "Intel Xeon Gold 6346", cores: 16), processors: 2, os: esxi,
            cluster: "vc-dc1"),
        Server(
            name: "esx03", chip: Chip(model: "Intel Xeon Gold 6248R", cores: 24), processors: 2, os: esxi,
            cluster: "vc-dc1"),
        Server(
            name: "esx04", chip: Chip(model: "AMD EPYC 7543", cores: 32), processors: 2, os: esxi,
            cluster: "vc-dc1"),
        Server(
            name: "esx05", chip: Chip(model: "AMD EPYC 7313", cores: 16), processors: 2, os: esxi,
            cluster: "vc-dc1"),
        Server(name: "ora-db01", chip: Chip(model: "Intel Xeon Gold 6246R", cores: 16), processors: 2, os: rhel),
        Server(name: "ora-db02", chip: Chip(model: "Intel Xeon Gold 6246R", cores: 16), processors: 2, os: rhel),
        Server(name: "fs01", chip: Chip(model: "Intel Xeon Silver 4309Y", cores: 8), processors: 1, os: winsrv),
        Server(name: "bkp01", chip: Chip(model: "Intel Xeon Silver 4309Y", cores: 8), processors: 1, os: winsrv),
        Server(name: "p9-db01", chip: Chip(model: "IBM POWER9", cores: 10), processors: 2, os: "AIX 7.3"),
        Server(name: "p9-app01", chip: Chip(model: "IBM POWER9", cores: 10), processors: 2, os: "AIX 7.3"),
    ]

    static let esxi = "VMware ESXi 8.0 Update 2"
    static let rhel = "Red Hat Enterprise Linux 9.4"
    static let winsrv = "Windows Server 2022 Standard"
    static let windc = "Windows Server 2022 Datacenter"

    /// The virtual machines: Windows on esx01 and esx02, WebSphere on esx03, a mix on esx04, test systems on esx05.
    static let guests: [Guest] =
        on(
            "esx01", windc,
            [
                ("dc01", 2), ("dc02", 2), ("sql-app01", 8), ("sql-app02", 4), ("sql-rep01", 2),
                ("rds01", 8), ("rds02", 8), ("app-erp01", 8), ("app-hr01", 4), ("print01", 2),
            ])
        + on(
            "esx02", windc,
            [
                ("sql-dwh01", 16), ("sql-dwh02", 16), ("sql-bi01", 8), ("ssrs01", 4), ("etl01", 8),
                ("etl02", 4),
            ])
        + on("esx03", rhel, (1...7).map { ("was-app0" + String($0), 8) } + [("ihs01", 2)])
        + on("esx04", rhel, [("wls-app01", 4), ("wls-app02", 4), ("k8s-node01", 16), ("k8s-node02", 16)])
        + on("esx04", winsrv, [("web01", 2), ("web02", 2), ("sql-app03", 4)])
        + on("esx05", rhel, [("ora-test01", 8), ("jenkins01", 8), ("git01", 4), ("mon01", 4), ("was-test01", 4)])

    /// Virtual machines of one host and operating system, each a name and its vCPUs.
    private static func on(_ host: String, _ os: String, _ machines: [(name: String, vcpus: Int)]) -> [Guest] {
        machines.map { Guest(name: $0.name, host: host, vcpus: $0.vcpus, os: os) }
    }

    /// Adds the data centre: physical servers first, so that every virtual machine's host already exists.
    mutating func addServers() {
        for server in Self.servers {
            deviceIndex[server.name] = devices.count
            deviceOwner.append(-1)
            devices.append(
                Device(
                    id: Device.ID(server.name), hostname: server.name + ".dc1.example.com", cluster: server.cluster,
                    processors: server.processors,
                    coresPerProcessor: server.chip.cores, processorModel: server.chip.model,
                    serial: server.chip.model.hasPrefix("IBM") ? "78D" + randomCode(4) : randomCode(7), os: server.os,
                    department: "itops", lastSeen: ago(rng.within(0...1))))
        }
        for guest in Self.guests {
            deviceIndex[guest.name] = devices.count
            deviceOwner.append(-1)
            devices.append(
                Device(
                    id: Device.ID(guest.name), hostname: guest.name + ".dc1.example.com", kind: .virtual,
                    host: Device.ID(guest.host), vcpus: guest.vcpus, os: guest.os, department: "itops",
                    lastSeen: ago(rng.within(0...1))))
        }
    }
}
