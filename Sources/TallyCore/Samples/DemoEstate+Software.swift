extension DemoBuilder {
    /// The workplace devices of each person, in the order they were added.
    var devicesOfPerson: [[Int]] {
        var result = [[Int]](repeating: [], count: people.count)
        for (device, owner) in deviceOwner.enumerated() where owner >= 0 { result[owner].append(device) }
        return result
    }

    /// Adds what people run: Office everywhere on Windows, and each department's tools where that department works.
    mutating func addWorkplaceSoftware() {
        let windows = Set(windowsWorkplaces)
        for (person, owned) in devicesOfPerson.enumerated() {
            let unit = people[person].department?.rawValue ?? ""
            for device in owned where windows.contains(device) {
                addWindowsBasics(on: device, unit: unit)
            }
            addNamedUserTools(for: person, unit: unit, on: owned, windows: windows)
        }
        for device in windowsWorkplaces where deviceOwner[device] < 0 {
            addOffice(on: device)
        }
    }

    /// Office on every Windows device (retired ones kept theirs), and the per-device tools of each department.
    private mutating func addWindowsBasics(on device: Int, unit: String) {
        addOffice(on: device)
        let share: (visio: Double, project: Double, acrobatPro: Double) =
            switch unit {
            case "itops": (0.4, 0.3, 0.1)
            case "eng", "eng-platform": (0.15, 0.08, 0.1)
            case "fin": (0.03, 0.15, 0.6)
            case "hr": (0.03, 0, 0.5)
            case "sales": (0.03, 0.02, 0.3)
            case "design": (0.1, 0, 0.15)
            default: (0.03, 0, 0.1)
            }
        if rng.chance(share.visio) { install("visio", on: device, version: rng.chance(0.4) ? "2019" : "2021") }
        if rng.chance(share.project) { install("project", on: device, version: rng.chance(0.3) ? "2019" : "2021") }
        if rng.chance(share.acrobatPro) {
            install("acrobat-pro", on: device, version: rng.chance(0.35) ? "2020" : "2024")
        } else if rng.chance(0.2) {
            install("acrobat-std", on: device, version: "2020")
        }
        if rng.chance(0.25) { install("snagit", on: device, version: rng.chance(0.5) ? "2023" : "2024") }
        if unit == "design", devices[device].hostname?.hasPrefix("WS-") == true, rng.chance(0.7) {
            let roll = rng.unit()
            install("autocad", on: device, version: roll < 0.2 ? "2022" : (roll < 0.55 ? "2023" : "2024"))
        }
    }

    /// Word, Excel and Outlook, usually PowerPoint, all of one release as Office installs them together.
    private mutating func addOffice(on device: Int) {
        let roll = rng.unit()
        let version = !devices[device].active || roll < 0.1 ? "2016" : (roll < 0.45 ? "2019" : "2021")
        for component: Product.ID in ["word", "excel", "outlook"] {
            install(component, on: device, version: version)
        }
        if rng.chance(0.85) { install("powerpoint", on: device, version: version) }
    }

    /// Tools licensed per person, installed on that person's devices of the right platform.
    private mutating func addNamedUserTools(for person: Int, unit: String, on owned: [Int], windows: Set<Int>) {
        let windowsOnly = owned.filter { windows.contains($0) }
        let engineering = unit == "eng" || unit == "eng-platform"
        if engineering, !windowsOnly.isEmpty, rng.chance(0.6) {
            for device in windowsOnly { install("visual-studio", on: device, version: "2022") }
        }
        if engineering, rng.chance(0.7) {
            let version = rng.chance(0.5) ? "2024.2" : "2024.3"
            for device in owned { install("intellij", on: device, version: version) }
        }
        if unit == "design", rng.chance(0.45) {
            for device in windowsOnly where devices[device].hostname?.hasPrefix("WS-") == true {
                install("revit", on: device, version: rng.chance(0.4) ? "2024" : "2025")
            }
        }
        let creative = (unit == "design" && rng.chance(0.8)) || (unit == "mkt" && rng.chance(0.35))
        if creative {
            for device in owned { addCreativeCloud(on: device) }
        } else if rng.chance(share(["mkt": 0.45, "design": 0.5, "sales": 0.05], unit)) {
            for device in owned { install("photoshop", on: device, version: "2025") }
        }
        if rng.chance(share(["fin": 0.3, "mkt": 0.2], unit)) {
            let version = rng.chance(0.5) ? "29.0.2" : "30.0"
            for device in owned { install("spss", on: device, version: version) }
        }
        if rng.chance(share(["fin": 0.2, "sales": 0.1, "mkt": 0.15], unit)) {
            for device in owned { install("tableau", on: device, version: "2024.2") }
        }
    }

    /// The Creative Cloud desktop app with the apps a person uses: all count as Creative Cloud.
    private mutating func addCreativeCloud(on device: Int) {
        install("creative-cloud", on: device, version: "6.4")
        if rng.chance(0.7) { install("illustrator", on: device, version: "29.0") }
        if rng.chance(0.5) { install("indesign", on: device, version: "20.0") }
    }

    /// Adds the data centre's software, placed by hand so that each server tells one licensing story.
    mutating func addServerSoftware() {
        for host in ["esx01", "esx02", "esx03", "esx04", "esx05"] {
            install("vsphere", on: device(host), version: "8.0.2", usedDaysAgo: 0, source: "vcenter")
        }
        for guest in Self.guests where guest.os == Self.windc {
            install("winsrv-dc", on: device(guest.name), version: "2022", usedDaysAgo: 0)
        }
        for server in ["fs01", "bkp01", "web01", "web02", "sql-app03"] {
            install("winsrv-std", on: device(server), version: "2022", usedDaysAgo: 0, source: "sccm")
        }
        for (server, version) in [
            ("sql-app01", "2022"), ("sql-app02", "2019"), ("sql-rep01", "2019"),
            ("sql-app03", "2022"),
        ] {
            install("sql-std", on: device(server), version: version, usedDaysAgo: 0, source: "sccm")
        }
        // Three database VMs on esx02 put the whole host under SQL Server Enterprise.
        for server in ["sql-dwh01", "sql-dwh02", "sql-bi01"] {
            install("sql-ent", on: device(server), version: "2022", usedDaysAgo: 0, source: "sccm")
        }
        // The test database on esx05 is the classic audit finding: the host's every core needs Oracle licenses.
        for server in ["ora-db01", "ora-db02", "ora-test01"] {
            install("oracle-db-ee", on: device(server), version: "19.22", usedDaysAgo: 0, source: "oracle-lms")
        }
        for server in ["wls-app01", "wls-app02"] {
            install("weblogic", on: device(server), version: "14.1.1", usedDaysAgo: 0, source: "oracle-lms")
        }
        install("db2", on: device("p9-db01"), version: "11.5.9", usedDaysAgo: 0, source: "ilmt")
        // Seven 8-vCPU VMs on esx03 would need more PVUs than the host has: the sub-capacity cap applies.
        for server in (1...7).map({ "was-app0" + String($0) }) + ["was-test01", "p9-app01"] {
            install("websphere", on: device(server), version: "9.0.5.18", usedDaysAgo: 0, source: "ilmt")
        }
    }
}
