import Testing

@testable import TallyServer

/// The pages' charts: inline SVG that escapes what it is given, scales, names itself for a screen reader and
/// survives any numbers.
@Suite("SVG chart")
struct SVGChartTests {
    private let days = ["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05"]

    /// The `d` attributes of the chart's paths, in order.
    private func paths(_ svg: String) -> [String] {
        svg.components(separatedBy: #"<path d=""#).dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test("A hostile title, series name, label and unit are escaped; a color that is not hex falls back to #333")
    func escaping() {
        let hostile = #"<script>alert("x")</script> & 'quoted'"#
        let chart = SVGChart(
            title: hostile, labels: ["<b>day</b>", "2026-11-02"],
            series: [.init(name: hostile, values: [1, 2], color: #"red" onload="alert(1)"#)], unit: "<u>")
        let svg = chart.svg(id: #"a"b<c"#)
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("<b>") && !svg.contains("<u>"))
        #expect(!svg.contains("onload"))
        #expect(svg.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;"))
        #expect(svg.contains(##"stroke="#333""##))
        #expect(svg.contains(#"<title id="a-b-c-title">"#))
        #expect(!svg.contains("style="))
    }

    @Test("The svg is an image named by its title element and described by its desc, and scales to the page")
    func accessibleName() {
        let chart = SVGChart(
            title: "Exposure", labels: ["2026-11-01", "2026-11-02"],
            series: [
                .init(name: "Exposure", values: [1_200, 3_400], color: "#c00"),
                .init(name: "Surplus value", values: [500, 250.5], color: "#06c", dashed: true),
            ], unit: " EUR")
        let svg = chart.svg(id: "exposure")
        #expect(svg.hasPrefix("<svg ") && svg.hasSuffix("</svg>"))
        #expect(svg.contains(#"role="img""#))
        #expect(svg.contains(#"aria-labelledby="exposure-title""#))
        #expect(svg.contains(#"<title id="exposure-title">Exposure</title>"#))
        #expect(svg.contains(#"aria-describedby="exposure-desc""#))
        #expect(
            svg.contains(
                #"<desc id="exposure-desc">Exposure: from 1,200 EUR on 2026-11-01 to 3,400 EUR on 2026-11-02. "#
                    + "Surplus value: from 500 EUR on 2026-11-01 to 250.5 EUR on 2026-11-02.</desc>"))
        #expect(svg.contains(#"viewBox="0 0 640 220""#) && svg.contains(#"width="100%""#))
        #expect(svg.contains(#"stroke-dasharray="6 4""#))
        #expect(!svg.contains("<script") && !svg.contains("href"))
    }

    @Test(
        "The y axis runs from 0 to the least of 1, 2, 2.5 and 5 x 10^n above the data",
        arguments: [
            (3_400.0, 5_000.0), (1_000, 1_000), (1_001, 2_000), (2_100, 2_500), (0.3, 0.5), (7, 10), (12_500, 20_000),
        ])
    func niceMaximum(highest: Double, expected: Double) {
        let axis = SVGChart.axis(lowest: 0, highest: highest)
        #expect(axis.low == 0 && axis.high == expected)
        #expect((4...5).contains(axis.intervals))
    }

    @Test("A negative value takes the axis below zero, on the same steps; flat or zero data still has an axis")
    func negativeAndFlat() {
        let axis = SVGChart.axis(lowest: -300, highest: 3_400)
        #expect(axis.low == -1_000 && axis.high == 4_000 && axis.intervals == 5)
        #expect(SVGChart.axis(lowest: 0, highest: 0) == (0, 1, 5))
        #expect(SVGChart.axis(lowest: -5, highest: -5) == (-5, 0, 5))
    }

    @Test("Tick labels are compact: 12.5k, 1.2M, integers without decimals")
    func tickLabels() {
        #expect(SVGChart.compact(12_500) == "12.5k")
        #expect(SVGChart.compact(1_200_000) == "1.2M")
        #expect(SVGChart.compact(40) == "40")
        #expect(SVGChart.compact(2_000) == "2k")
        #expect(SVGChart.compact(1_250) == "1.25k")
        #expect(SVGChart.compact(999_999) == "1M")
        #expect(SVGChart.compact(-2_500) == "-2.5k")
        #expect(SVGChart.compact(0.25) == "0.25")
        #expect(SVGChart.compact(0) == "0")
        #expect(SVGChart.spelled(1_234_567.5) == "1,234,567.5")
        let svg = SVGChart(
            title: "Cost", labels: Array(days.prefix(2)),
            series: [.init(name: "Cost", values: [0, 12_000], color: "#000")]
        ).svg(id: "c")
        for label in ["0", "5k", "10k", "15k", "20k"] { #expect(svg.contains(">\(label)</text>"), "\(label)") }
    }

    @Test("A gap (nil) restarts the line with a new M; a stepped line goes across then up")
    func gaps() {
        let chart = SVGChart(
            title: "Use", labels: days,
            series: [
                .init(name: "Used", values: [1, 2, nil, 3, 4], color: "#0a0"),
                .init(name: "Owned", values: [4, 4, 6, 6, 6], color: "#00a", stepped: true),
            ])
        let drawn = paths(chart.svg(id: "use"))
        #expect(drawn.count == 2)
        #expect(drawn[0].filter { $0 == "M" }.count == 2)
        #expect(drawn[0].filter { $0 == "L" }.count == 2)
        #expect(drawn[1].filter { $0 == "M" }.count == 1)
        #expect(drawn[1].contains("H") && drawn[1].contains("V") && !drawn[1].contains("L"))
    }

    @Test("A point with no neighbour is drawn as a circle, since a path of one point draws nothing")
    func singlePoint() {
        let one = SVGChart(
            title: "One", labels: ["2026-11-03"], series: [.init(name: "Seats", values: [7], color: "#abc")])
        let svg = one.svg(id: "one")
        #expect(svg.contains(#"<circle "#) && svg.contains(##"fill="#abc""##))
        #expect(paths(svg).isEmpty)
        #expect(svg.contains("Seats: 7 on 2026-11-03."))
        let isolated = SVGChart(
            title: "Gaps", labels: days, series: [.init(name: "Seats", values: [1, 2, nil, 5, nil], color: "#abc")])
        #expect(isolated.svg(id: "gaps").components(separatedBy: "<circle ").count == 2)
    }

    @Test("No labels, no series, or only nils draw a frame saying there is no data yet")
    func empty() {
        let charts = [
            SVGChart(title: "Nothing", labels: [], series: [.init(name: "A", values: [], color: "#000")]),
            SVGChart(title: "Nothing", labels: days, series: []),
            SVGChart(title: "Nothing", labels: days, series: [.init(name: "A", values: [nil, nil], color: "#000")]),
            SVGChart(
                title: "Nothing", labels: days, series: [.init(name: "A", values: [.nan, .infinity], color: "#000")]),
        ]
        for chart in charts {
            let svg = chart.svg(id: "empty")
            #expect(svg.contains(">No data yet</text>") && svg.contains("<rect "))
            #expect(svg.contains(#"role="img""#) && svg.contains(#"<title id="empty-title">Nothing</title>"#))
            #expect(!svg.contains("<path"))
        }
    }

    @Test("NaN and infinities are gaps, huge values and zero-sized charts draw without trapping")
    func hostileNumbers() {
        let chart = SVGChart(
            title: "Odd", labels: days,
            series: [
                .init(name: "Odd", values: [1, .nan, 2, 3, -.infinity], color: "#123456"),
                .init(name: "Huge", values: [.greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0], color: "#fff"),
            ], width: 0, height: -5)
        let svg = chart.svg(id: "odd")
        let drawn = paths(svg)
        #expect(drawn.count == 2)
        #expect(drawn[0].filter { $0 == "M" }.count == 1 && drawn[0].filter { $0 == "L" }.count == 1)
        #expect(svg.contains("<circle "))
        #expect(!svg.lowercased().contains("nan") && !svg.contains("inf"))
        #expect(svg.contains(#"viewBox="0 0 200 120""#))
    }
}
