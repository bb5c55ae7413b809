extension DemoBuilder {
    /// Adds the contracts the purchases name: JetBrains renews within three weeks (notice still possible),
    /// Salesforce's notice deadline has passed while it renews by itself, the others renew later in the year.
    mutating func addContracts() {
        contracts = [
            Contract(
                id: "JB-ORG-7741", vendor: "JetBrains", number: "ORG-7741", start: ago(345), end: ahead(20),
                noticeDays: 14, owner: "dev-tools@example.com", notes: "IntelliJ IDEA Ultimate, all products pack"),
            Contract(
                id: "SF-00884213", vendor: "Salesforce", number: "00884213", start: ago(300), end: ahead(65),
                noticeDays: 90, autoRenew: true, owner: "bi-team@example.com",
                notes: "Tableau Creator; renews for a year unless cancelled 90 days ahead"),
            Contract(
                id: "EA-61842397", vendor: "SoftwareONE", number: "61842397", start: ago(700), end: ahead(395),
                noticeDays: 60, owner: "it-licensing@example.com", notes: "Microsoft Enterprise Agreement"),
            Contract(
                id: "MW-40918833", vendor: "MathWorks", number: "40918833", start: ago(720), renewal: ahead(160),
                noticeDays: 30, autoRenew: true, owner: "engineering@example.com"),
            Contract(
                id: "TS-SITE-2291", vendor: "TechSmith", number: "SITE-2291", start: ago(200), end: ahead(165),
                noticeDays: 30, autoRenew: true),
        ]
    }
}
