/// Ids made from names: `Contoso CAD 2024 (Seat)` as `contoso-cad-2024-seat`.
public enum Slug {
    /// The name in lower case, each run of other characters than letters and digits as one hyphen; `fallback` when
    /// nothing is left.
    public static func make(_ name: String, fallback: String = "product") -> String {
        var out = ""
        for character in name.lowercased() {
            if character.isLetter || character.isNumber {
                out.append(character)
            } else if !out.isEmpty, out.last != "-" {
                out.append("-")
            }
        }
        while out.last == "-" { out.removeLast() }
        return out.isEmpty ? fallback : out
    }
}
