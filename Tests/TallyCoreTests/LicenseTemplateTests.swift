import Testing

@testable import TallyCore

/// Spec 6.7: a rule template sets the license model the publisher defines; `tally product check` flags models no
/// publisher uses.
@Suite("Rule templates and the check of license models")
struct LicenseTemplateTests {
    @Test("each template sets exactly the keys of the spec's table")
    func templates() {
        #expect(
            LicenseRule.oracleProcessor.license
                == License(metric: .core, coreFactor: .table(.oracle), virtualization: .cluster, rule: .oracleProcessor)
        )
        #expect(LicenseRule.oracleNUP.license.minimumUsersPerProcessor == 25)
        #expect(LicenseRule.oracleSE2NUP.license.minimumUsersPerDevice == 10)
        let ms = LicenseRule.msCore.license
        #expect(
            ms.minCoresPerProcessor == 4 && ms.minCoresPerVM == 4 && ms.vmRequiresRights && ms.virtualization == .perVM)
        let standard = LicenseRule.windowsServerStandard.license
        #expect(standard.minCoresPerProcessor == 8 && standard.minCoresPerDevice == 16 && standard.vmsPerLicense == 2)
        #expect(standard.virtualization == .host)
        #expect(LicenseRule.windowsServerDatacenter.license.vmsPerLicense == nil)
        #expect(LicenseRule.ibmPVU.license.virtualization == .host)
        #expect(LicenseRule.ibmPVUSubcapacity.license.pvuPerCore == .table(.ibmPVU))
        #expect(LicenseRule.concurrent.license.duplicates == .userHost)
        for rule in LicenseRule.allCases {
            // Every key a template names is set by it, and no other key differs from the defaults.
            let license = rule.license
            for field in LicenseRule.Field.allCases where !rule.fields.contains(field) {
                #expect(license.agrees(on: field, with: License()), "\(rule) \(field)")
            }
            #expect(license.rule == rule)
        }
    }

    @Test("a template fills only the keys a product leaves out, and the license remembers it")
    func filling() {
        var mine = License(metric: .core, minCoresPerProcessor: 6, windowDays: 30)
        mine = LicenseRule.msCore.filling(mine, except: [.minCoresPerProcessor])
        #expect(mine.minCoresPerProcessor == 6 && mine.minCoresPerVM == 4 && mine.vmRequiresRights)
        #expect(mine.windowDays == 30 && mine.rule == .msCore)
    }

    @Test("the check flags what no publisher does, with the template to use")
    func check() {
        let products = [
            Product(
                id: "wls", publisher: "Oracle Corporation", name: "WebLogic Server Enterprise Edition",
                license: License(metric: .processor)),
            Product(
                id: "se2", publisher: "Oracle", name: "Database Standard Edition 2", license: License(metric: .user)),
            Product(
                id: "ee", publisher: "Oracle", name: "Database Enterprise Edition",
                license: License(metric: .core, coreFactor: .table(.oracle), virtualization: .host)),
            Product(id: "sql", publisher: "Microsoft", name: "SQL Server Standard", license: License(metric: .core)),
            Product(
                id: "sql22", publisher: "Microsoft", name: "SQL Server Enterprise",
                license: License(metric: .core, minCoresPerProcessor: 4, minCoresPerVM: 4)),
            Product(
                id: "wss", publisher: "Microsoft", name: "Windows Server Standard",
                license: License(metric: .core, minCoresPerProcessor: 8, minCoresPerDevice: 16)),
            Product(id: "db2", publisher: "IBM", license: License(metric: .pvu, pvuPerCore: .value(70))),
            Product(id: "fine", publisher: "Oracle", license: LicenseRule.oracleProcessor.license),
            Product(id: "visio", publisher: "Microsoft", license: License(metric: .device)),
        ]
        let findings = LicenseModelCheck.findings(products)
        #expect(
            findings.map { "\($0.product) \($0.rule.rawValue)" } == [
                "db2 ibm-pvu-subcapacity", "ee oracle-processor", "se2 oracle-se2-nup", "sql ms-core", "sql22 ms-core",
                "wls oracle-processor", "wss windows-server-standard",
            ])
        #expect(findings.first { $0.product == "wls" }?.problem.contains("not sockets") == true)
        #expect(findings.first { $0.product == "sql22" }?.problem.contains("2022 terms") == true)
    }
}
