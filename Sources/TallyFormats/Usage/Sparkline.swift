/// A row of block characters drawing a series of counts, each scaled to the series' highest: `▁▃█▅ ▂`.
public enum Sparkline {
    private static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// At most `width` characters: longer series are drawn in groups of neighbours, each showing its highest. A
    /// zero is a space.
    public static func render(_ values: [Int], width: Int = 60) -> String {
        guard !values.isEmpty, width > 0 else { return "" }
        let group = (values.count + width - 1) / width
        let points = stride(from: 0, to: values.count, by: group).map {
            values[$0..<min($0 + group, values.count)].max() ?? 0
        }
        let top = max(1, points.max() ?? 1)
        return String(
            points.map { value in
                value <= 0 ? " " : blocks[min(blocks.count - 1, (value * blocks.count - 1) / top)]
            })
    }
}
