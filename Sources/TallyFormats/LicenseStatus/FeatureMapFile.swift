import TallyCore

/// Reads a feature map: which product each license-server feature counts for.
///
/// One mapping per line, `VENDOR:FEATURE,PRODUCT` (a comma, a tab or `=` between them, spaces around them
/// ignored), as a spreadsheet saves two columns. Blank lines, lines starting with `#` and a first line
/// `feature,product` are skipped.
public enum FeatureMapFile {
    public static func parse(_ bytes: [UInt8]) throws(FormatError) -> [String: Product.ID] {
        var map: [String: Product.ID] = [:]
        var firstLine: [String: Int] = [:]
        for (index, raw) in StatusText.lines(TextEncoding.utf8(bytes)).enumerated() {
            let number = index + 1
            let line = String(StatusText.trimmed(raw))
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let cut = line.firstIndex(where: { $0 == "," || $0 == "\t" || $0 == "=" }) else {
                throw .line(number: number, reason: "expected FEATURE,PRODUCT (such as MLM:MATLAB,matlab)")
            }
            let feature = line[..<cut].trimmingSpaces, product = line[line.index(after: cut)...].trimmingSpaces
            if number == 1, feature.lowercased() == "feature" { continue }
            guard !feature.isEmpty, !product.isEmpty, !product.contains(",") else {
                throw .line(number: number, reason: "expected FEATURE,PRODUCT (such as MLM:MATLAB,matlab)")
            }
            guard feature.contains(":") else {
                throw .line(
                    number: number,
                    reason: "\"\(feature)\" names no vendor; write the feature as VENDOR:FEATURE (such as MLM:MATLAB)")
            }
            if let earlier = firstLine[feature], map[feature]?.rawValue != product {
                throw .line(
                    number: number, reason: "\(feature) is mapped on line \(earlier) already, to another product")
            }
            firstLine[feature] = firstLine[feature] ?? number
            map[feature] = Product.ID(product)
        }
        return map
    }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
