extension DemoBuilder {
    /// Adds the purchases. Where a product is meant to be short, over or exactly licensed, the quantity is sized
    /// from the installations generated above, so that the demo keeps its story whatever the seed drew.
    mutating func addEntitlements() {
        addMicrosoft()
        addAdobeAndAutodesk()
        addDataCentre()
        addOthers()
    }

    private mutating func addMicrosoft() {
        let office: Set<Product.ID> = ["office-proplus", "word", "excel", "powerpoint", "outlook"]
        let office2021 = deviceDemand(office, versions: ["2021"])
        let officeOlder = deviceDemand(office) - office2021
        let select = "Select Plus 7-2291044", enterprise = "EA-61842397"
        // Seven Office devices more than licenses: the 2021 purchase's spare units go to older releases.
        buy(
            "PO-4500118734-10", "office-proplus", office2021 + 5, cost: 489, from: ago(700), version: "2021",
            downgrade: true, vendor: "SoftwareONE", contract: select)
        buy(
            "PO-4500093310-10", "office-proplus", max(0, officeOlder - 12), cost: 439, from: ago(1_500),
            version: "2019", downgrade: true, vendor: "SoftwareONE", contract: select)
        buy(
            "PO-4500051207-10", "office-proplus", 40, cost: 96, per: .year, from: ago(2_900), to: ago(1_075),
            version: "2016", vendor: "SoftwareONE", contract: "EA-44120981",
            notes: "Enterprise Agreement 2017-2020, not renewed")
        buy(
            "PO-4500120455-10", "visio", deviceDemand(["visio"]) + 6, cost: 569, from: ago(400), version: "2021",
            downgrade: true, vendor: "SoftwareONE", contract: select)
        buy(
            "PO-4500120455-20", "project", deviceDemand(["project"]), cost: 1_089, from: ago(400), version: "2021",
            downgrade: true, vendor: "SoftwareONE", contract: select)
        let studioSeats = assignments.filter { $0.product == "visual-studio" }.count
        buy(
            "PO-4500131877-10", "visual-studio", studioSeats, cost: 1_199, per: .year, from: ago(210), to: ahead(155),
            vendor: "SoftwareONE", contract: enterprise, notes: "subscriptions, assigned by name")
        // Windows Server is sold in 16-core packs: four packs, bought for two file servers and three VMs counted by
        // their own cores, which Standard does not allow (esx04's cores count, twice for three VMs).
        buy(
            "PO-4500102290-10", "winsrv-std", 64, cost: 62.5, from: ago(900), version: "2022", downgrade: true,
            vendor: "SoftwareONE", contract: select)
        let datacenterHosts = ["esx01", "esx02"].map { coreUnits(device($0), minPerProcessor: 8, minPerDevice: 16) }
        buy(
            "PO-4500102290-20", "winsrv-dc", datacenterHosts.reduce(0, +), cost: 381, from: ago(900),
            version: "2022", downgrade: true, vendor: "SoftwareONE", contract: select,
            notes: "every core of esx01 and esx02, so that Windows VMs may run on them without limit")
        buy(
            "PO-4500102290-30", "sql-std", 16, cost: 1_859, from: ago(900), version: "2022", downgrade: true,
            vendor: "SoftwareONE", contract: select)
        // The subscription that gave the VMs their rights ended; the perpetual cores carry no Software Assurance.
        buy(
            "PO-4500071544-10", "sql-std", 8, cost: 412, per: .year, from: ago(2_400), to: ago(320),
            version: "2017", vendor: "SoftwareONE", contract: "SCE-2018-0093", notes: "Server and Cloud Enrollment")
        buy(
            "PO-4500102290-40", "sql-ent", 24, cost: 7_128, from: ago(900), version: "2022", downgrade: true,
            vendor: "SoftwareONE", contract: select, notes: "sized for the VMs' vCPUs, not for the host")
    }

    private mutating func addAdobeAndAutodesk() {
        let proOld = deviceDemand(["acrobat-pro"], versions: ["2020"])
        let proNew = deviceDemand(["acrobat-pro"]) - proOld
        let standard = deviceDemand(["acrobat-std"])
        let vip = "VIP-7F3A91C2D8E4"
        buy(
            "PO-4500110032-10", "acrobat-pro", proOld, cost: 449, from: ago(1_300), version: "2020",
            downgrade: true, covers: ["acrobat-std"], vendor: "Bechtle", contract: "CLP-4411-2020")
        buy(
            "PO-4500133008-10", "acrobat-pro", proNew + standard + 7, cost: 239.88, per: .year, from: ago(150),
            to: ahead(215), covers: ["acrobat-std"], vendor: "Bechtle", contract: vip,
            notes: "Acrobat Standard users are moved to Pro at renewal")
        buy(
            "PO-4500060715-10", "acrobat-std", 30, cost: 108, per: .year, from: ago(2_600), to: ago(400),
            version: "2017", vendor: "Bechtle", contract: "CLP-4411-2017")
        let creative = userDemand(["creative-cloud", "illustrator", "indesign"])
        buy(
            "PO-4500133008-20", "creative-cloud", creative + 4, cost: 1_079.88, per: .year, from: ago(150),
            to: ahead(215), vendor: "Bechtle", contract: vip)
        let marketing = userDemand(["photoshop"], department: "mkt")
        buy(
            "PO-4500133008-30", "photoshop", marketing + 2, cost: 311.88, per: .year, from: ago(150), to: ahead(215),
            scope: "mkt", vendor: "Bechtle", contract: vip, notes: "charged to the marketing budget")
        buy(
            "PO-4500133008-40", "photoshop", userDemand(["photoshop"]) - marketing + 1, cost: 311.88, per: .year,
            from: ago(150), to: ahead(215), vendor: "Bechtle", contract: vip)

        let autocad2022 = deviceDemand(["autocad"], versions: ["2022"])
        let autocadNewer = deviceDemand(["autocad"]) - autocad2022
        let autodesk = "AD-110348872"
        buy(
            "PO-4500098812-10", "autocad", autocad2022, cost: 3_950, from: ago(1_100), version: "2022",
            scope: "design", vendor: "Autodesk", contract: autodesk,
            notes: "perpetual seats from before the move to subscriptions, frozen at 2022")
        buy(
            "PO-4500129960-10", "autocad", max(0, autocadNewer - 3), cost: 2_142, per: .year, from: ago(240),
            to: ahead(125), version: "2024", downgrade: true, vendor: "Autodesk", contract: autodesk)
        buy(
            "PO-4500078123-10", "autocad", 10, cost: 1_890, per: .year, from: ago(2_100), to: ago(1_000),
            version: "2019", vendor: "Autodesk", contract: "AD-098817220")
        buy(
            "PO-4500129960-20", "revit", userDemand(["revit"]), cost: 3_310, per: .year, from: ago(240),
            to: ahead(125), vendor: "Autodesk", contract: autodesk)
    }

    private mutating func addDataCentre() {
        buy(
            "PO-4500084410-10", "oracle-db-ee", 32, cost: 43_700, from: ago(1_800), vendor: "Oracle",
            contract: "OLSA-2019-0042", notes: "processor licenses for ora-db01 and ora-db02 (CSI 21947733)")
        buy(
            "PO-4500084410-20", "weblogic", 2, cost: 23_000, from: ago(1_800), vendor: "Oracle",
            contract: "OLSA-2019-0042")
        buy(
            "PO-4500090004-10", "db2", 2_000, cost: 336, from: ago(1_600), vendor: "IBM Passport Advantage",
            contract: "PA-5521-8841")
        buy(
            "PO-4500090004-20", "websphere", 4_200, cost: 118, from: ago(1_600), vendor: "IBM Passport Advantage",
            contract: "PA-5521-8841")
        buy(
            "PO-4500052268-10", "websphere", 1_000, cost: 41, per: .year, from: ago(2_000), to: ago(200),
            vendor: "IBM Passport Advantage", contract: "PA-5521-8841", notes: "fixed-term licenses, ended")
        buy("PO-4500066120-10", "vsphere", 8, cost: 4_480, from: ago(2_200), vendor: "Insight", contract: nil)
        buy(
            "PO-4500112903-10", "vsphere", 2, cost: 4_480, from: ago(800), vendor: "Insight", contract: nil,
            notes: "for esx05")
        buy(
            "PO-4500141002-10", "vsphere", 10, cost: 1_650, per: .year, from: ahead(30), to: ahead(395),
            vendor: "Insight", contract: "VCF-2026-311", notes: "subscription replacing the perpetual licenses")
    }

    private mutating func addOthers() {
        buy(
            "PO-4500121775-10", "spss", userDemand(["spss"]) + 5, cost: 1_349, per: .year, from: ago(100),
            to: ahead(265), vendor: "IBM Passport Advantage", contract: "PA-5521-8841")
        buy(
            "PO-4500095532-10", "spss", 10, cost: 1_290, per: .year, from: ago(465), to: ago(101),
            vendor: "IBM Passport Advantage", contract: "PA-5521-8841")
        buy(
            "PO-4500117650-10", "matlab", 12, cost: 8_700, from: ago(720), vendor: "MathWorks",
            contract: "MW-40918833", notes: "concurrent seats on lic01")
        buy(
            "PO-4500104321-10", "matlab", 3, cost: 2_900, per: .year, from: ago(405), to: ago(40),
            vendor: "MathWorks", contract: "MW-40918833",
            notes: "project seats; the license file still serves them until it is replaced")
        buy(
            "PO-4500117650-20", "simulink", 8, cost: 4_300, from: ago(720), vendor: "MathWorks",
            contract: "MW-40918833")
        let intellij = userDemand(["intellij"]) + 8
        buy(
            "PO-4500126611-10", "intellij", intellij, cost: 779, per: .year, from: ago(345), to: ahead(20),
            vendor: "JetBrains", contract: "JB-ORG-7741")
        buy(
            "PO-4500138204-10", "intellij", intellij, cost: 799, per: .year, from: ahead(21), to: ahead(385),
            vendor: "JetBrains", contract: "JB-ORG-7741", notes: "renewal, ordered early")
        buy(
            "PO-4500127845-10", "tableau", userDemand(["tableau"]) + 3, cost: 900, per: .year, from: ago(300),
            to: ahead(65), vendor: "Salesforce", contract: "SF-00884213")
        // Two seats from the vendor's US store, priced in dollars: converted at the rate of the day.
        buy(
            "PO-4500139921-10", "tableau", 2, cost: 1_050, per: .year, from: ago(30), to: ahead(335),
            vendor: "Salesforce", contract: "SF-00884213", currency: "USD")
        rates = [(ago(330), 0.94), (ago(150), 0.91), (ago(15), 0.92)].map {
            ExchangeRate(currency: "USD", date: $0, rate: $1)
        }
        buy(
            "PO-4500091118-10", "tableau", 8, cost: 840, per: .year, from: ago(665), to: ago(301),
            vendor: "Salesforce", contract: "SF-00884213")
        buy(
            "PO-4500119087-10", "snagit", nil, cost: nil, per: .year, from: ago(200), to: ahead(165),
            unlimited: true, vendor: "TechSmith", contract: "TS-SITE-2291", notes: "site license, EUR 9,800 a year")
    }

    /// Records one purchase line; its id is the purchase order and line number.
    private mutating func buy(
        _ id: String, _ product: Product.ID, _ quantity: Int?, cost: Double?,
        per period: Entitlement.CostPeriod = .once, from start: Day, to end: Day? = nil, version: String? = nil,
        downgrade: Bool = false, covers: [Product.ID] = [], scope: Department.ID? = nil, unlimited: Bool = false,
        vendor: String, contract: String?, notes: String? = nil, currency: String? = nil
    ) {
        let order = id.split(separator: "-").dropFirst().first.map(String.init)
        entitlements.append(
            Entitlement(
                id: Entitlement.ID(id), product: product, quantity: quantity, version: version.map(Version.init),
                downgrade: downgrade, covers: covers, start: start, end: end, unlimited: unlimited, scope: scope,
                unitCost: cost, costPeriod: period, vendor: vendor, contract: contract, purchaseOrder: order,
                notes: notes, currency: currency))
    }
}
