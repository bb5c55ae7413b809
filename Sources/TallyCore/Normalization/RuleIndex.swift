/// The patterns of a catalog filed under keys that any row they match must have: a whole word of the name (or, failing
/// that, its first bytes), else a word or the first bytes of the publisher. A row is tried only against the patterns
/// filed under its own words and beginnings, in catalog order, so most rules are never tried for a given row, and of a
/// rule with hundreds of name patterns (the Linux package families) only the few that could match.
///
/// A key is a word that the pattern holds between two word boundaries of its own (`office` in
/// `Microsoft Office Standard {year}*`, but not in `Microsoft Office*`, which also matches `Microsoft Officejet`), or
/// the literal beginning of the pattern (`microsoft te` of `Microsoft Teams*`). Of a pattern's keys the one fewest
/// patterns share is chosen, and words most rows have (`inc`, `microsoft`, `x64`) only when there is no other, so
/// that a common word files almost nothing. A pattern with no key at all (`*-l10n*`) is tried for every row.
struct RuleIndex: Sendable {
    /// Where a key was taken from; part of the key, so that a word of a name never meets a word of a publisher.
    enum Field: UInt64, CaseIterable {
        case nameWord = 1, namePrefix, publisherWord, publisherPrefix
    }

    /// The lengths a pattern's beginning is cut to as a key: the longest that fits. Few lengths keep the lookups per
    /// row few; long ones tell `Microsoft Teams*` from `Microsoft Edge*`.
    static let prefixLengths = [2, 4, 8, 12, 16, 24]

    /// Words that most inventory rows have: a key only when a pattern offers nothing else.
    static let commonWords: Set<[UInt8]> = Set(
        [
            "inc", "corp", "corporation", "co", "ltd", "llc", "gmbh", "ag", "sa", "limited", "the", "for", "and", "of",
            "software", "systems", "technologies", "microsoft", "x64", "x86", "64", "32", "bit", "edition", "update",
            "version", "en", "us", "1", "2", "3", "4", "5", "6", "7", "8", "9", "0",
        ].map { Array($0.utf8) })

    let rules: [CatalogRule]
    private let table: RuleKeys
    /// The lengths of the beginnings used as keys, so that a row looks up only those.
    private let prefixLengths: (name: [Int], publisher: [Int])
    /// Name patterns with no key, tried for every row: patterns such as `*-l10n*` or `?*`.
    private let unkeyed: [Int64]
    /// Whether any rule is filed under its publisher, so that publishers need looking at.
    private let usesPublisher: Bool

    init(rules: [CatalogRule]) {
        self.rules = rules
        let options = rules.map(Self.keyOptions)
        var shared: [UInt64: Int] = [:]
        for rule in options {
            for pattern in rule.name + rule.publisher {
                for key in Set(pattern.map(\.key)) { shared[key, default: 0] += 1 }
            }
        }
        var filed: [UInt64: [Int64]] = [:]
        var unkeyed: [Int64] = []
        var nameLengths = Set<Int>(), publisherLengths = Set<Int>()
        var usesPublisher = false
        for (index, rule) in options.enumerated() {
            for (key, name) in Self.choose(rule, shared: shared) {
                let entry = Self.entry(rule: index, name: name)
                guard let key else {
                    unkeyed.append(entry)
                    continue
                }
                if filed[key.key]?.last != entry { filed[key.key, default: []].append(entry) }
                if key.field == .namePrefix { nameLengths.insert(key.length) }
                if key.field == .publisherPrefix { publisherLengths.insert(key.length) }
                if key.field == .publisherWord || key.field == .publisherPrefix { usesPublisher = true }
            }
        }
        table = RuleKeys(filed)
        prefixLengths = (nameLengths.sorted(), publisherLengths.sorted())
        self.unkeyed = unkeyed
        self.usesPublisher = usesPublisher
    }

    /// A rule and one of its name patterns as one number that sorts in catalog order.
    private static func entry(rule: Int, name: Int) -> Int64 {
        Int64(rule) << 32 | Int64(name)
    }

    /// The index of the first rule that matches, and what it makes of the row; the texts are folded.
    func firstMatch(
        name: UnsafeBufferPointer<UInt8>, publisher: UnsafeBufferPointer<UInt8>, version: UnsafeBufferPointer<UInt8>
    ) -> (rule: Int, normalization: Normalization)? {
        var candidates = unkeyed
        Self.forEachWord(of: name) { table.append(Self.key(.nameWord, $0), to: &candidates) }
        for length in prefixLengths.name where length <= name.count {
            table.append(Self.key(.namePrefix, UnsafeBufferPointer(rebasing: name[..<length])), to: &candidates)
        }
        if usesPublisher {
            Self.forEachWord(of: publisher) { table.append(Self.key(.publisherWord, $0), to: &candidates) }
            for length in prefixLengths.publisher where length <= publisher.count {
                table.append(
                    Self.key(.publisherPrefix, UnsafeBufferPointer(rebasing: publisher[..<length])), to: &candidates)
            }
        }
        candidates.sort()
        var previous: Int64 = -1
        for candidate in candidates where candidate != previous {
            previous = candidate
            let rule = Int(candidate >> 32), pattern = Int(candidate & 0xFFFF_FFFF)
            if let normalization = Self.evaluate(
                rules[rule], namePattern: pattern, name: name, publisher: publisher, version: version)
            {
                return (rule, normalization)
            }
        }
        return nil
    }

    /// What `rule` makes of the row when its name pattern `nameIndex` matches, or nil. Patterns are used in place,
    /// never copied: a copy would retain and release their storage, which costs more than matching them.
    static func evaluate(
        _ rule: borrowing CatalogRule, namePattern nameIndex: Int, name: UnsafeBufferPointer<UInt8>,
        publisher: UnsafeBufferPointer<UInt8>, version: UnsafeBufferPointer<UInt8>
    ) -> Normalization? {
        var nameCaptures = Pattern.Captures()
        guard rule.name[nameIndex].match(name, &nameCaptures) else { return nil }
        var publisherCaptures = Pattern.Captures()
        var publisherIndex = -1
        if !rule.publisher.isEmpty {
            for candidate in rule.publisher.indices where rule.publisher[candidate].match(publisher, &publisherCaptures)
            {
                publisherIndex = candidate
                break
            }
            guard publisherIndex >= 0 else { return nil }
        }
        // A row without a version skips a pattern that captures from it (and gets no version from it), but fails one
        // that only tests it: `10.0.1[0-9][0-9][0-9][0-9]*` says what the version must be.
        var versionCaptures = Pattern.Captures()
        var versionMatched = false
        if let raw = rule.rawVersion {
            if !version.isEmpty {
                guard raw.match(version, &versionCaptures) else { return nil }
                versionMatched = true
            } else if raw.labels.isEmpty {
                return nil
            }
        }
        switch rule.outcome {
        case .product(let id, let template):
            guard let template else { return .product(id, nil) }
            var complete = true
            let text = template.render { label in
                if let slot = rule.name[nameIndex].labels.firstIndex(of: label) {
                    return String(decoding: name[nameCaptures.range(slot)], as: UTF8.self)
                }
                if publisherIndex >= 0, let slot = rule.publisher[publisherIndex].labels.firstIndex(of: label) {
                    return String(decoding: publisher[publisherCaptures.range(slot)], as: UTF8.self)
                }
                if versionMatched, let slot = rule.rawVersion?.labels.firstIndex(of: label) {
                    return String(decoding: version[versionCaptures.range(slot)], as: UTF8.self)
                }
                complete = false
                return ""
            }
            guard complete else { return .product(id, nil) }
            return .product(id, Version(rule.releases.isEmpty ? text : rule.releases[text] ?? text))
        case .ignore, .componentOf:
            return .ignored(rule.id)
        }
    }
}

extension RuleIndex {
    /// A key a pattern offers, with how long the text it stands for is.
    struct Key: Hashable {
        let field: Field
        let key: UInt64
        let length: Int
        /// A word most rows have.
        let common: Bool
    }

    /// The keys each pattern of a rule offers: one list per name pattern and one per publisher pattern.
    private static func keyOptions(_ rule: CatalogRule) -> (name: [[Key]], publisher: [[Key]]) {
        (
            rule.name.map { keys(of: $0, words: .nameWord, prefix: .namePrefix) },
            rule.publisher.map { keys(of: $0, words: .publisherWord, prefix: .publisherPrefix) }
        )
    }

    /// Where each name pattern of a rule is filed: under its rarest key; failing that, under the rarest key of each
    /// publisher pattern; failing that, with no key (tried for every row).
    private static func choose(_ rule: (name: [[Key]], publisher: [[Key]]), shared: [UInt64: Int]) -> [(Key?, Int)] {
        func rarest(_ options: [Key]) -> Key? {
            options.min {
                ($0.common ? 1 : 0, shared[$0.key, default: 0], -$0.length)
                    < ($1.common ? 1 : 0, shared[$1.key, default: 0], -$1.length)
            }
        }
        let publishers = rule.publisher.map(rarest)
        let publisherKeys = !publishers.isEmpty && publishers.allSatisfy { $0 != nil } ? publishers : nil
        var result: [(Key?, Int)] = []
        for (index, options) in rule.name.enumerated() {
            if let key = rarest(options) {
                result.append((key, index))
            } else if let publisherKeys {
                result += publisherKeys.map { ($0, index) }
            } else {
                result.append((nil, index))
            }
        }
        return result
    }

    /// The whole words a pattern guarantees in any text it matches, and its literal beginning.
    private static func keys(of pattern: Pattern, words: Field, prefix: Field) -> [Key] {
        var result: [Key] = []
        let tokens = pattern.tokens
        for (position, token) in tokens.enumerated() {
            guard case .literal(let bytes) = token else { continue }
            let boundaryBefore = position == 0 || isBoundary(tokens[position - 1])
            let boundaryAfter = position == tokens.count - 1 || isBoundary(tokens[position + 1])
            bytes.withUnsafeBufferPointer { buffer in
                forEachWordRange(of: buffer) { range in
                    guard range.lowerBound > 0 || boundaryBefore, range.upperBound < buffer.count || boundaryAfter
                    else { return }
                    let word = UnsafeBufferPointer(rebasing: buffer[range])
                    result.append(
                        Key(
                            field: words, key: key(words, word), length: range.count,
                            common: commonWords.contains(Array(word))))
                }
                if position == 0, let length = prefixLengths.last(where: { $0 <= buffer.count }) {
                    let head = UnsafeBufferPointer(rebasing: buffer[..<length])
                    result.append(Key(field: prefix, key: key(prefix, head), length: length, common: false))
                }
            }
        }
        return result
    }

    /// Whether a token can stand only for characters that are no part of a word (`[ -]`).
    private static func isBoundary(_ token: Pattern.Token) -> Bool {
        if case .oneOf(let set) = token { return !set.holdsWordCharacter }
        return false
    }

    /// The key of some text in a field: FNV-1a over its lowercased bytes, never zero.
    @inline(__always)
    static func key(_ field: Field, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ field.rawValue
        for byte in bytes { hash = (hash ^ UInt64(FoldedText.lower(byte))) &* 0x0000_0100_0000_01B3 }
        return hash | 1
    }

    /// Calls `body` with each run of word bytes.
    @inline(__always)
    static func forEachWord(of text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        forEachWordRange(of: text) { body(UnsafeBufferPointer(rebasing: text[$0])) }
    }

    @inline(__always)
    static func forEachWordRange(of text: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) {
        var start = -1
        for position in 0..<text.count {
            if FoldedText.isWordByte(text[position]) {
                if start < 0 { start = position }
            } else if start >= 0 {
                body(start..<position)
                start = -1
            }
        }
        if start >= 0 { body(start..<text.count) }
    }
}
