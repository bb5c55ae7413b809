import TallyCore
import Testing

@testable import TallyFormats

@Suite("Feature maps and usage output")
struct UsageFormatsTests {
    @Test("a feature map reads comma, tab or = separated lines, skipping a header, comments and blank lines")
    func featureMap() throws {
        let text =
            "feature,product\n# engineering\nMLM:MATLAB, matlab\r\n\nMLM:SIMULINK\tmatlab\nansyslmd:ane3fl = ansys\n"
        let map = try FeatureMapFile.parse(Array(text.utf8))
        #expect(map == ["MLM:MATLAB": "matlab", "MLM:SIMULINK": "matlab", "ansyslmd:ane3fl": "ansys"])
    }

    @Test(
        "a broken feature map names the line and what to write",
        arguments: [
            ("MLM:MATLAB matlab\n", 1, "expected FEATURE,PRODUCT"),
            ("MLM:MATLAB,matlab\nMATLAB,matlab\n", 2, "names no vendor"),
            ("MLM:MATLAB,matlab\nMLM:MATLAB,octave\n", 2, "mapped on line 1 already"),
            ("MLM:MATLAB,\n", 1, "expected FEATURE,PRODUCT"),
        ])
    func brokenFeatureMap(text: String, line: Int, reason: String) {
        #expect {
            try FeatureMapFile.parse(Array(text.utf8))
        } throws: { error in
            guard case .line(let number, let why) = error as? FormatError else { return false }
            return number == line && why.contains(reason)
        }
    }

    @Test("an unmapped feature becomes a concurrent VENDOR:FEATURE product once; a mapped one its product")
    func featureProducts() {
        var products = FeatureProducts(known: ["MLM:Known"], map: ["MLM:MATLAB": "matlab"])
        #expect(products.product(vendor: "MLM", feature: "MATLAB") == "matlab")
        #expect(products.product(vendor: "MLM", feature: "Known") == "MLM:Known")
        #expect(products.product(vendor: "MLM", feature: "SIMULINK") == "MLM:SIMULINK")
        #expect(products.product(vendor: "MLM", feature: "SIMULINK") == "MLM:SIMULINK")
        #expect(products.added.map(\.id) == ["MLM:SIMULINK"])
        #expect(products.added.first?.license.metric == .concurrent)
    }

    @Test("a sparkline scales to the highest value, draws zero as a space, and groups long series")
    func sparkline() {
        #expect(Sparkline.render([0, 1, 2, 4, 8]) == " ▁▂▄█")
        #expect(Sparkline.render(Array(repeating: 3, count: 10)) == String(repeating: "█", count: 10))
        #expect(Sparkline.render(Array(0..<120), width: 60).count == 60)
        #expect(Sparkline.render([]) == "")
    }

    @Test("a text table aligns numbers right and pads text columns")
    func textTable() {
        var table = TextTable(["NAME", "N"], right: [1])
        table.append(["a", "10"])
        table.append(["long", "2"])
        #expect(table.render() == "NAME   N\na     10\nlong   2\n")
    }
}

@Suite("Pools whose license expired")
struct ExpiredPoolTests {
    static let estate: Estate = {
        var estate = Estate(asOf: Day("2026-11-29") ?? Day(daysSinceEpoch: 0))
        estate.products = [Product(id: "cad", license: License(metric: .concurrent))]
        estate.entitlements = [Entitlement(id: "e", product: "cad", quantity: 10)]
        estate.usage = [
            UsageSession(
                product: "cad", user: "ann", start: Instant("2026-11-02T09:00:00Z") ?? Instant(secondsSinceEpoch: 0),
                end: Instant("2026-11-02T10:00:00Z"))
        ]
        return estate
    }()

    static func pool(expires: String?, issued: Int) -> ServerPool {
        ServerPool(
            server: "27000@lic1", vendor: "cadd", feature: "cad", product: "cad", version: "1.0", issued: issued,
            inUse: 0, expires: expires.flatMap(Day.init), sampledAt: Instant(secondsSinceEpoch: 1_790_000_000))
    }

    /// Two pools of 10: one expired on 2026-06-30, one valid to 2027. On 2026-11-29 only the second serves: 10,
    /// which is what the entitlement holds, so no mismatch is noted.
    @Test("an expired pool serves nothing: not in the usage figures, not compared with what was bought")
    func expiredServesNothing() throws {
        let pools = [Self.pool(expires: "2026-06-30", issued: 10), Self.pool(expires: "2027-12-31", issued: 10)]
        let figures = try #require(
            UsageReport(
                Self.estate, pools: pools, from: Instant("2026-11-01T00:00:00Z") ?? Instant(secondsSinceEpoch: 0),
                to: Instant("2026-11-30T00:00:00Z") ?? Instant(secondsSinceEpoch: 0)
            ).figures.first)
        #expect(figures.served == 10)
        let lines = PoolOutput.lines(Self.estate, pools: pools, products: nil, today: Day("2026-11-29")!)
        #expect(lines.map(\.note) == ["", "expired: serves nothing", ""])
        let onlyExpired = PoolOutput.lines(
            Self.estate, pools: [Self.pool(expires: "2026-06-30", issued: 25)], products: nil,
            today: Day("2026-11-29")!)
        #expect(onlyExpired.last?.note == "expired: serves nothing; servers issue 0, entitlements hold 10")
    }
}
