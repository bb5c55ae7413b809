extension DemoBuilder {
    /// Adds the catalogue: 31 products of nine publishers, every metric, two suites and both vendor tables.
    mutating func addProducts() {
        let device = License(metric: .device)
        let user = License(metric: .user)
        let ibmPVU = LicenseRule.ibmPVUSubcapacity.license
        products = [
            // Microsoft: Office is a suite, so Word on a device counts as Office on that device.
            Product(
                id: "office-proplus", publisher: "Microsoft", name: "Office Professional Plus", license: device,
                components: ["word", "excel", "powerpoint", "outlook"]),
            Product(id: "word", publisher: "Microsoft", name: "Word", license: device),
            Product(id: "excel", publisher: "Microsoft", name: "Excel", license: device),
            Product(id: "powerpoint", publisher: "Microsoft", name: "PowerPoint", license: device),
            Product(id: "outlook", publisher: "Microsoft", name: "Outlook", license: device),
            Product(id: "visio", publisher: "Microsoft", name: "Visio Professional", license: device),
            Product(id: "project", publisher: "Microsoft", name: "Project Professional", license: device),
            Product(id: "visual-studio", publisher: "Microsoft", name: "Visual Studio Professional", license: user),
            // Windows Server Standard: all of a host's cores cover two VMs, and every two more need them again.
            Product(
                id: "winsrv-std", publisher: "Microsoft", name: "Windows Server Standard",
                license: LicenseRule.windowsServerStandard.license),
            Product(
                id: "winsrv-dc", publisher: "Microsoft", name: "Windows Server Datacenter",
                license: LicenseRule.windowsServerDatacenter.license),
            // Licensing SQL Server by VM needs Software Assurance or a subscription: without, the host counts.
            Product(
                id: "sql-std", publisher: "Microsoft", name: "SQL Server Standard", license: LicenseRule.msCore.license),
            // Enterprise is licensed on the whole host so that its VMs may move freely (License Mobility).
            Product(
                id: "sql-ent", publisher: "Microsoft", name: "SQL Server Enterprise",
                license: with(LicenseRule.msCore.license) { $0.virtualization = .host }),
            // Adobe: Acrobat Pro licenses are bought to cover Acrobat Standard too.
            Product(id: "acrobat-pro", publisher: "Adobe", name: "Acrobat Pro", license: device),
            Product(id: "acrobat-std", publisher: "Adobe", name: "Acrobat Standard", license: device),
            Product(
                id: "creative-cloud", publisher: "Adobe", name: "Creative Cloud All Apps",
                license: License(metric: .user, devicesPerUser: 2), components: ["illustrator", "indesign"]),
            Product(id: "illustrator", publisher: "Adobe", name: "Illustrator", license: user),
            Product(id: "indesign", publisher: "Adobe", name: "InDesign", license: user),
            Product(id: "photoshop", publisher: "Adobe", name: "Photoshop", license: user),
            // Autodesk
            Product(id: "autocad", publisher: "Autodesk", name: "AutoCAD", license: device),
            Product(id: "revit", publisher: "Autodesk", name: "Revit", license: user),
            // Oracle counts every core of every host of the vSphere cluster a VM could move to (soft partitioning).
            Product(
                id: "oracle-db-ee", publisher: "Oracle", name: "Database Enterprise Edition",
                license: LicenseRule.oracleProcessor.license, unitPrice: 43_700),
            Product(
                id: "weblogic", publisher: "Oracle", name: "WebLogic Server Enterprise Edition",
                license: LicenseRule.oracleProcessor.license, unitPrice: 23_000),
            // IBM: sub-capacity by PVU, so VMs count by their virtual cores up to the host's full capacity.
            Product(id: "db2", publisher: "IBM", name: "Db2 Advanced Edition", license: ibmPVU),
            Product(
                id: "websphere", publisher: "IBM", name: "WebSphere Application Server Network Deployment",
                license: ibmPVU, unitPrice: 118),
            Product(id: "spss", publisher: "IBM", name: "SPSS Statistics", license: user),
            // MathWorks: a network license server, counted by the peak of checkouts.
            Product(
                id: "matlab", publisher: "MathWorks", name: "MATLAB", license: LicenseRule.concurrent.license),
            Product(
                id: "simulink", publisher: "MathWorks", name: "Simulink", license: LicenseRule.concurrent.license),
            Product(id: "intellij", publisher: "JetBrains", name: "IntelliJ IDEA Ultimate", license: user),
            Product(
                id: "vsphere", publisher: "VMware", name: "vSphere Enterprise Plus",
                license: License(metric: .processor)),
            Product(id: "tableau", publisher: "Salesforce", name: "Tableau Desktop", license: user),
            Product(id: "snagit", publisher: "TechSmith", name: "Snagit", license: device),
        ]
    }

    /// A copy of `license` changed by `change`, so that variants of one license read as their difference.
    private func with(_ license: License, _ change: (inout License) -> Void) -> License {
        var copy = license
        change(&copy)
        return copy
    }
}
