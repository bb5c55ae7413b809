extension Pattern {
    /// Whether the folded `text` matches as a whole, recording what each placeholder took.
    ///
    /// Each `*` takes as little as it can; when the rest fails, the latest `*` takes one more character and the rest
    /// is tried again. Going back to the latest `*` only is enough, because whatever follows it can absorb anything an
    /// earlier `*` would have taken, so a match costs at most (text length x pattern length) steps, never exponential.
    func match(_ text: UnsafeBufferPointer<UInt8>, _ captures: inout Captures) -> Bool {
        tokens.withUnsafeBufferPointer { tokens in
            let count = text.count
            var token = 0, position = 0
            var starToken = -1, starPosition = 0
            while true {
                if token == tokens.count {
                    if position == count { return true }
                } else if let next = Self.step(tokens[token], text, position, &captures) {
                    position = next
                    token += 1
                    continue
                } else if case .anything = tokens[token] {
                    if token == tokens.count - 1 { return true }
                    starToken = token
                    starPosition = position
                    token += 1
                    continue
                }
                // Backtrack: the latest `*` takes one more character, up to the next place the rest could start.
                guard starToken >= 0, starPosition < count else { return false }
                starPosition = Self.nextCharacter(text, starPosition)
                if case .literal(let bytes) = tokens[starToken + 1] {
                    let first = bytes[0]
                    while starPosition < count, FoldedText.lower(text[starPosition]) != first { starPosition += 1 }
                    if starPosition == count { return false }
                }
                position = starPosition
                token = starToken + 1
            }
        }
    }

    /// Where `token` ends when it matches at `position`, or nil (always nil for `*`, which the caller handles).
    @inline(__always)
    private static func step(
        _ token: Token, _ text: UnsafeBufferPointer<UInt8>, _ position: Int, _ captures: inout Captures
    ) -> Int? {
        switch token {
        case .literal(let bytes):
            guard position + bytes.count <= text.count else { return nil }
            for (offset, byte) in bytes.enumerated() where FoldedText.lower(text[position + offset]) != byte {
                return nil
            }
            return position + bytes.count
        case .anything:
            return nil
        case .oneCharacter:
            return position < text.count ? nextCharacter(text, position) : nil
        case .oneOf(let set):
            guard position < text.count, set.contains(FoldedText.lower(text[position])) else { return nil }
            return nextCharacter(text, position)
        case .placeholder(let kind, let slot):
            guard let end = end(of: kind, in: text, from: position) else { return nil }
            captures.set(slot, position, end)
            return end
        }
    }

    /// The position after the character at `position`, skipping the continuation bytes of a non-ASCII character.
    @inline(__always)
    private static func nextCharacter(_ text: UnsafeBufferPointer<UInt8>, _ position: Int) -> Int {
        var next = position + 1
        while next < text.count, text[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }

    /// Where the longest run a placeholder may take from `start` ends, or nil when it takes nothing there.
    private static func end(of kind: Placeholder, in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < text.count else { return nil }
        if kind == .word {
            var end = start
            while end < text.count, text[end] < 0x80, FoldedText.isWordByte(text[end]) { end += 1 }
            return end > start ? end : nil
        }
        // Numbers start at the first digit of a run, never inside one.
        guard FoldedText.isDigit(text[start]), start == 0 || !FoldedText.isDigit(text[start - 1]) else { return nil }
        var end = start
        while end < text.count, FoldedText.isDigit(text[end]) { end += 1 }
        switch kind {
        case .year:
            guard end - start == 4 else { return nil }
            let century = (text[start], text[start + 1])
            guard century == (UInt8(ascii: "1"), UInt8(ascii: "9")) || century == (UInt8(ascii: "2"), UInt8(ascii: "0"))
            else { return nil }
            return end
        case .version:
            while end + 1 < text.count, text[end] == UInt8(ascii: "."), FoldedText.isDigit(text[end + 1]) {
                end += 1
                while end < text.count, FoldedText.isDigit(text[end]) { end += 1 }
            }
            return end
        case .number, .word:
            return end
        }
    }
}
