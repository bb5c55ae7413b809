/// The product a title the catalog does not know probably is, when its publisher sells commercial software: the
/// publisher as the publisher table names it, and the title's name without its version, bitness, language and
/// notes in brackets (`PROXY Pro Host 7.0 (x86)` as `PROXY Pro Host`).
public struct ProductSuggestion: Hashable, Sendable {
    /// `proxy-pro-host` for `PROXY Pro Host` of Proxy Networks, `eset-zork-agent` for `Zork Agent` of ESET.
    public var id: Product.ID
    public var publisher: String
    public var name: String
    /// A name pattern for the title and its other versions: the parts of the name kept, anything where a version was.
    public var namePattern: String

    /// The suggestion for a title named `title` of `publisher`.
    public init(publisher: String, title: String) {
        let words = Self.words(of: title)
        var kept: [String] = []
        var pattern = ""
        var gap = false
        for (position, word) in words.enumerated() {
            guard position == 0 || !Self.isNoise(word) else {
                gap = true
                continue
            }
            kept.append(word)
            pattern += gap ? "*" : (pattern.isEmpty ? "" : " ")
            pattern += Self.escaped(word)
            gap = false
        }
        let name = kept.joined(separator: " ")
        self.publisher = publisher
        self.name = name.isEmpty ? title : name
        namePattern = pattern.isEmpty ? "*" : pattern + "*"
        // The name alone when it starts with the publisher's first word (`veeam-backup-agent`), else both.
        let publisherSlug = Slug.make(publisher, fallback: "publisher")
        let firstWord = Slug.make(String(publisher.split(separator: " ").first ?? ""), fallback: publisherSlug)
        let nameSlug = Slug.make(self.name)
        id = Product.ID(
            nameSlug == firstWord || nameSlug.hasPrefix(firstWord + "-") ? nameSlug : publisherSlug + "-" + nameSlug)
    }

    /// The title's words, split at white space, with anything in brackets as one word (`(x64)`, `[Build 5 (beta)]`).
    static func words(of title: String) -> [String] {
        var words: [String] = []
        var word = ""
        var depth = 0
        for character in title {
            switch character {
            case "(", "[":
                if depth == 0, !word.isEmpty {
                    words.append(word)
                    word = ""
                }
                depth += 1
                word.append(character)
            case ")" where depth > 0, "]" where depth > 0:
                word.append(character)
                depth -= 1
                if depth == 0 {
                    words.append(word)
                    word = ""
                }
            case _ where character.isWhitespace && depth == 0:
                if !word.isEmpty { words.append(word) }
                word = ""
            default:
                word.append(character)
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    /// Whether a word says which copy of a product this is rather than which product: a version (`7.0`, `v5.2`,
    /// `2019`, `R2`, `SP3`, `HF1`), a bitness (`x64`, `64-bit`), a language (`en-us`), a dash before one of those, a build
    /// label, or anything in brackets.
    static func isNoise(_ word: String) -> Bool {
        let lower = word.lowercased()
        if lower.first == "(" || lower.first == "[" { return true }
        if [
            "-", "–", "version", "ver", "ver.", "build", "release", "x64", "x86", "amd64", "64-bit", "32-bit", "64bit",
            "32bit", "win32", "win64",
        ].contains(lower) {
            return true
        }
        if isLanguage(lower) { return true }
        var scalars = Substring(lower)
        for prefix in ["v", "r", "sp", "hf", "build", "rev"] where scalars.hasPrefix(prefix) {
            let rest = scalars.dropFirst(prefix.count)
            if rest.first?.isNumber == true {
                scalars = rest
                break
            }
        }
        guard let first = scalars.first, first.isNumber else { return false }
        // Digits and separators, and at most one letter at the end (`2023b`, `19c`).
        var letters = 0
        for character in scalars {
            if character.isNumber || character == "." || character == "," || character == "_" || character == "-" {
                guard letters == 0 else { return false }
            } else if character.isLetter {
                letters += 1
            } else {
                return false
            }
        }
        return letters <= 1
    }

    /// `en-us`, `de-de`, `pt-br`: a language tag as Click-to-Run titles end with.
    private static func isLanguage(_ word: String) -> Bool {
        let parts = word.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isLetter } }
    }

    /// The word as a pattern that matches it literally.
    private static func escaped(_ word: String) -> String {
        var out = ""
        for character in word {
            if "*?[]{}\\".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
