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
