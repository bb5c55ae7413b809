import Foundation
import TallyFormats

/// A line chart drawn as inline SVG for the server's HTML pages. It holds no script, no `style` attribute and no
/// outside reference, so the pages' Content-Security-Policy lets it through; it scales to the page's width, and its
/// `<desc>` says the data in words for a screen reader.
struct SVGChart {
    /// One line of the chart: a value per label, nil where there is none (the line breaks there).
    struct Series {
        var name: String
        var values: [Double?]
        /// `#rgb` or `#rrggbb`; anything else is drawn in #333.
        var color: String
        var dashed: Bool = false
        /// Across, then up or down: a count that holds until the day it changes, such as the licenses owned.
        var stepped: Bool = false
    }

    var title: String
    /// The x axis, one label per point; at most six are written, evenly spaced.
    var labels: [String]
    var series: [Series]
    /// What follows a value on the y axis and in the description, such as " EUR".
    var unit: String = ""
    var width = 640, height = 220

    /// The `<svg>` element; `id` prefixes the ids of its title and description, so that charts on one page differ.
    func svg(id: String) -> String {
        let id = Self.elementID(id)
        let width = Double(min(max(width, 200), 4000))
        let height = Double(min(max(height, 120), 2000))
        // NaN and infinities are no value; the rest is clamped to 10^300 either way, so that no sum is infinite.
        let lines = series.map { line in
            (line, labels.indices.map { $0 < line.values.count ? Self.finite(line.values[$0]) : nil })
        }
        let known = lines.flatMap { $0.1.compactMap { $0 } }
        var out = #"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="\#(id)-title""#
        out += #" aria-describedby="\#(id)-desc" viewBox="0 0 \#(Self.number(width)) \#(Self.number(height))""#
        out += #" width="100%" preserveAspectRatio="xMidYMid meet" font-family="system-ui, sans-serif">"#
        out += #"<title id="\#(id)-title">\#(Self.text(title))</title>"#
        guard let lowest = known.min(), let highest = known.max() else {
            out += #"<desc id="\#(id)-desc">No data yet.</desc>"#
            out += #"<rect x="0.5" y="0.5" width="\#(Self.number(width - 1))" height="\#(Self.number(height - 1))""#
            out += ##" fill="none" stroke="#ccc"/>"##
            out += #"<text x="\#(Self.number(width / 2))" y="\#(Self.number(height / 2))" dy="5" font-size="16""#
            out += ##" text-anchor="middle" fill="#666">No data yet</text></svg>"##
            return out
        }
        out += #"<desc id="\#(id)-desc">\#(Self.text(description(lines)))</desc>"#

        let axis = Self.axis(lowest: lowest, highest: highest)
        let step = (axis.high - axis.low) / Double(axis.intervals)
        let ticks = (0...axis.intervals).map { index in
            let value = axis.low + step * Double(index)
            return abs(value) < step * 1e-6 ? 0 : value  // -0.6 + 3 x 0.2 is a hair off zero
        }
        let tickLabels = ticks.map { Self.compact($0) + unit }
        let widest = Double(tickLabels.map(\.count).max() ?? 1)
        let left = min(max(28, widest * 6.2 + 10), width / 3), right = width - 12
        let legend = legendPlaces(from: left, to: right)
        let rows = Double((legend.map(\.row).max() ?? 0) + 1)
        let top = 10.0
        let bottom = max(height - rows * 18 - 30, top + 40)
        let plot = Plot(left: left, right: right, top: top, bottom: bottom, low: axis.low, high: axis.high)

        for (value, label) in zip(ticks, tickLabels) {
            let y = Self.number(plot.y(value))
            let stroke = value == 0 ? "#999" : "#e3e3e3"
            out += #"<line x1="\#(Self.number(left))" y1="\#(y)" x2="\#(Self.number(right))" y2="\#(y)""#
            out += #" stroke="\#(stroke)" stroke-width="1"/>"#
            out += #"<text x="\#(Self.number(left - 6))" y="\#(y)" dy="4" font-size="11" text-anchor="end""#
            out += ##" fill="#555">\##(Self.text(label))</text>"##
        }
        let count = labels.count
        for index in shownLabels(across: right - left) {
            let anchor = count == 1 ? "middle" : index == 0 ? "start" : index == count - 1 ? "end" : "middle"
            out += #"<text x="\#(Self.number(plot.x(index, of: count)))" y="\#(Self.number(bottom + 16))""#
            out += ##" font-size="11" text-anchor="\##(anchor)" fill="#555">\##(Self.text(labels[index]))</text>"##
        }
        for (line, values) in lines {
            let points = values.indices.map { index in values[index].map { (plot.x(index, of: count), plot.y($0)) } }
            out += Self.drawing(points, color: Self.color(line.color), dashed: line.dashed, stepped: line.stepped)
        }
        for (line, place) in zip(series, legend) {
            let y = Self.number(bottom + 34 + Double(place.row) * 18)
            out += #"<line x1="\#(Self.number(place.x))" y1="\#(y)" x2="\#(Self.number(place.x + 24))" y2="\#(y)""#
            let dash = line.dashed ? #" stroke-dasharray="6 4""# : ""
            out += #" stroke="\#(Self.color(line.color))" stroke-width="2"\#(dash)/>"#
            out += ##"<text x="\##(Self.number(place.x + 30))" y="\##(y)" dy="4" font-size="12" fill="#333">"##
            out += "\(Self.text(Self.legendName(line.name)))</text>"
        }
        return out + "</svg>"
    }

    /// Where the plot's area is, and how values and indices map onto it.
    private struct Plot {
        var left, right, top, bottom, low, high: Double

        func x(_ index: Int, of count: Int) -> Double {
            count < 2 ? (left + right) / 2 : left + (right - left) * Double(index) / Double(count - 1)
        }

        func y(_ value: Double) -> Double {
            let share = (value - low) / (high - low)
            return bottom - (share.isFinite ? min(max(share, 0), 1) : 0) * (bottom - top)
        }
    }

    /// The path of a line, restarted (`M`) after each gap; a point with no neighbour is a dot, as a path of one
    /// point draws nothing.
    private static func drawing(_ points: [(Double, Double)?], color: String, dashed: Bool, stepped: Bool) -> String {
        var path = ""
        var dots = ""
        for index in points.indices {
            guard let (x, y) = points[index] else { continue }
            let before = index > 0 && points[index - 1] != nil
            let after = index + 1 < points.count && points[index + 1] != nil
            if before {
                path += stepped ? " H\(number(x)) V\(number(y))" : " L\(number(x)) \(number(y))"
            } else if after {
                path += "\(path.isEmpty ? "" : " ")M\(number(x)) \(number(y))"
            } else {
                dots += #"<circle cx="\#(number(x))" cy="\#(number(y))" r="3" fill="\#(color)"/>"#
            }
        }
        guard !path.isEmpty else { return dots }
        let dash = dashed ? #" stroke-dasharray="6 4""# : ""
        return #"<path d="\#(path)" fill="none" stroke="\#(color)" stroke-width="2" stroke-linejoin="round""#
            + #" stroke-linecap="round"\#(dash)/>"# + dots
    }

    /// The indices of the x labels to write: up to six, evenly spaced, as many as fit side by side (the first and
    /// last are aligned to the plot's edges, so they need half a label more room).
    private func shownLabels(across width: Double) -> [Int] {
        let count = labels.count
        guard count > 2 else { return Array(0..<count) }
        let room = 1.5 * (Double(labels.map(\.count).max() ?? 0) * 6.2 + 8)
        for shown in stride(from: min(6, count), to: 2, by: -1)
        where Double((count - 1) / (shown - 1)) * width / Double(count - 1) >= room {
            return (0..<shown).map { Int((Double($0 * (count - 1)) / Double(shown - 1)).rounded()) }
        }
        return [0, count - 1]
    }

    /// Each legend entry's left edge and row: entries run left to right and wrap within the plot's width.
    private func legendPlaces(from left: Double, to right: Double) -> [(x: Double, row: Int)] {
        var places: [(x: Double, row: Int)] = []
        var x = left
        var row = 0
        for line in series {
            let width = 30 + Double(Self.legendName(line.name).count) * 6.6 + 16
            if x > left && x + width > right {
                x = left
                row += 1
            }
            places.append((x, row))
            x += width
        }
        return places
    }

    /// The data in words: for each line, where it starts and ends and its highest value.
    private func description(_ lines: [(Series, [Double?])]) -> String {
        lines.map { line, values in
            let known = values.indices.compactMap { index in values[index].map { (index, $0) } }
            guard let first = known.first, let last = known.last, let highest = known.map(\.1).max() else {
                return "\(line.name): no data."
            }
            let start = "\(Self.spelled(first.1))\(unit) on \(labels[first.0])"
            guard known.count > 1 else { return "\(line.name): \(start)." }
            let peak = highest > max(first.1, last.1) ? ", highest \(Self.spelled(highest))\(unit)" : ""
            return "\(line.name): from \(start) to \(Self.spelled(last.1))\(unit) on \(labels[last.0])\(peak)."
        }.joined(separator: " ")
    }

    /// The y axis for values from `lowest` to `highest`: from 0, or the step at or below a negative lowest value, to a
    /// nice maximum, with 4 to 7 intervals.
    static func axis(lowest: Double, highest: Double) -> (low: Double, high: Double, intervals: Int) {
        let top = max(highest, 0), bottom = min(lowest, 0)
        guard bottom < 0 else {
            let nice = niceMaximum(top)
            return (0, nice.value, nice.intervals)
        }
        let nice = niceMaximum(top - bottom)
        let step = nice.value / Double(nice.intervals)
        let low = (bottom / step).rounded(.down) * step
        let high = max((top / step).rounded(.up) * step, low + step)
        let intervals = ((high - low) / step).rounded()
        guard intervals.isFinite, intervals >= 1, intervals <= 12 else { return (low, high, 4) }
        return (low, high, Int(intervals))
    }

    /// The least of 1, 2, 2.5 and 5 x 10^n that is at least `value`, and the intervals that divide it evenly.
    static func niceMaximum(_ value: Double) -> (value: Double, intervals: Int) {
        guard value.isFinite, value > 0 else { return (1, 5) }
        let power = pow(10, log10(value).rounded(.down))
        for (fraction, intervals) in [(1.0, 5), (2, 4), (2.5, 5), (5, 5), (10, 5)] where fraction * power >= value {
            return (fraction * power, intervals)
        }
        return (value, 4)
    }

    /// A tick label: 12,500 is "12.5k", 1,200,000 is "1.2M", 40 is "40".
    static func compact(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        let sign = value < 0 ? "-" : ""
        var magnitude = abs(value)
        guard magnitude >= 1, magnitude < 1e15 else {
            return magnitude == 0 ? "0" : sign + String(format: "%.3g", magnitude)
        }
        let suffixes = ["", "k", "M", "B", "T"]
        var index = 0
        while index + 1 < suffixes.count, (magnitude * 100).rounded() >= 100_000 {
            magnitude /= 1000
            index += 1
        }
        return sign + decimal(magnitude) + suffixes[index]
    }

    /// A value for the description, in full: 1,200 or 3,400.5.
    static func spelled(_ value: Double) -> String {
        let magnitude = abs(value)
        guard magnitude >= 1, magnitude < 1e15 else { return compact(value) }
        return (value < 0 ? "-" : "") + decimal(magnitude, grouped: true)
    }

    /// A number from 1 to 10^15 with at most two decimals, trailing zeros dropped.
    private static func decimal(_ value: Double, grouped: Bool = false) -> String {
        let hundredths = Int((value * 100).rounded())
        let whole = grouped ? PositionTable.grouped(hundredths / 100) : String(hundredths / 100)
        let fraction = hundredths % 100
        if fraction == 0 { return whole }
        return fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// A coordinate, to a tenth.
    private static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        guard tenths.isFinite, abs(tenths) < 1e12 else { return "0" }
        let whole = Int(abs(tenths))
        let sign = tenths < 0 ? "-" : ""
        return whole % 10 == 0 ? "\(sign)\(whole / 10)" : "\(sign)\(whole / 10).\(whole % 10)"
    }

    private static func finite(_ value: Double?) -> Double? {
        guard let value, value.isFinite else { return nil }
        return min(max(value, -1e300), 1e300)
    }

    /// `#rgb` or `#rrggbb` as given, anything else #333: a color is written into an attribute as it is.
    private static func color(_ text: String) -> String {
        let digits = text.utf8.dropFirst()
        let hex = digits.allSatisfy { (48...57).contains($0) || (65...70).contains($0) || (97...102).contains($0) }
        return text.hasPrefix("#") && (digits.count == 3 || digits.count == 6) && hex ? text : "#333"
    }

    /// Letters, digits, `-` and `_` of the caller's id; anything else would break the attribute or the reference.
    private static func elementID(_ text: String) -> String {
        let kept = String(
            text.unicodeScalars.map { scalar -> Character in
                let allowed =
                    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || scalar == "-" || scalar == "_"
                return allowed ? Character(scalar) : "-"
            })
        return kept.first?.isLetter == true ? kept : "chart-" + kept
    }

    private static func legendName(_ name: String) -> String {
        name.count > 40 ? String(name.prefix(39)) + "…" : name
    }

    /// Text escaped for XML and HTML; control characters, which XML does not allow even escaped, are dropped.
    private static func text(_ text: String) -> String {
        let kept = text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" || $0 == "\n" }
        return HTML.escaped(String(String.UnicodeScalarView(kept)))
    }
}
