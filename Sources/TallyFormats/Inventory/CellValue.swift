import TallyCore

/// Reads the values people and tools type into spreadsheet cells: amounts of money, dates, yes/no, counts.
///
/// Each reader returns nil for text it cannot read with confidence, so that the caller can say which cell it was;
/// it never guesses between two readings.
public enum CellValue {
    /// Which comes first in a date written with slashes or dashes (`11/24/2008`, `24-11-2008`).
    public enum DateOrder: String, Sendable, CaseIterable {
        /// `11/24/2008`: the United States' order, and the default.
        case monthFirst
        /// `24/11/2008`: most of the rest of the world.
        case dayFirst
    }

    /// An amount of money: `$1,299.00`, `1.299,00 €`, `EUR 12`, `1299`, `CHF 1'299.50`, `(12.00)` or `-12`.
    ///
    /// One currency sign or code (two or three letters) may stand before or after the number; anything else that
    /// is not part of the number makes the cell unreadable: `1e400`, `2x500`, `12abc34`, `$1.2k` are not amounts.
    /// When both `.` and `,` appear, the last one is the decimal mark. When only one appears, once and followed by
    /// exactly three digits (`1,299`, `1.299`), it groups thousands: prices are not written to the tenth of a cent.
    /// Groups must be of three digits, or the text is not read.
    public static func money(_ text: String) -> Double? {
        var body = Substring(InventoryText.trimmed(text))
        var negative = false
        if body.hasPrefix("("), body.hasSuffix(")") {
            negative = true
            body = body.dropFirst().dropLast()
        }
        func minus() {
            if body.first == "-" || body.first == "\u{2212}" {
                negative = true
                body = body.dropFirst()
            }
        }
        minus()
        var marked = false
        if let rest = withoutCurrency(body, atStart: true) {
            body = rest
            marked = true
        }
        minus()
        if !marked, let rest = withoutCurrency(body, atStart: false) { body = rest }
        var digits: [Character] = []
        let characters = Array(body)
        for (index, character) in characters.enumerated() {
            switch character {
            case "0"..."9", ".", ",": digits.append(character)
            case "'", "\u{2019}", " ", "\u{00A0}", "\u{202F}", "\u{2009}":
                // A space or apostrophe only groups thousands: three digits follow it, then no fourth.
                guard Self.groupsThousands(characters, after: index) else { return nil }
            default: return nil
            }
        }
        guard let amount = decimal(digits), amount.isFinite else { return nil }
        return negative ? -amount : amount
    }

    private static func groupsThousands(_ characters: [Character], after index: Int) -> Bool {
        func isDigit(_ position: Int) -> Bool {
            characters.indices.contains(position) && characters[position].isASCII && characters[position].isNumber
        }
        return isDigit(index - 1) && (1...3).allSatisfy { isDigit(index + $0) } && !isDigit(index + 4)
    }

    /// What `amount` reads, as messages name it.
    static let amountRange = "an amount of money from 0 to 1,000,000,000,000"

    /// A price or cost: an amount of money from 0 up to `Limits.amount`.
    public static func amount(_ text: String) -> Double? {
        money(text).flatMap { (0...Limits.amount).contains($0) ? $0 : nil }
    }

    /// The text without one currency sign or code (two or three letters, `kr.`) at its start or end, and the
    /// spaces beside it; nil where there is none.
    private static func withoutCurrency(_ text: Substring, atStart: Bool) -> Substring? {
        var rest = text
        func take() -> Character? { atStart ? rest.popFirst() : rest.popLast() }
        func peek() -> Character? { atStart ? rest.first : rest.last }
        if let first = peek(), first.isCurrencySymbol {
            _ = take()
        } else {
            var letters = 0
            if !atStart, peek() == "." { _ = take() }
            while let next = peek(), next.isLetter {
                _ = take()
                letters += 1
            }
            if atStart, peek() == "." { _ = take() }
            guard (2...3).contains(letters) else { return nil }
        }
        while let next = peek(), next == " " || next == "\u{00A0}" { _ = take() }
        return rest
    }

    /// A whole count (`12`, `1,000`), or nil for text that is not one.
    public static func count(_ text: String) -> Int? {
        let trimmed = InventoryText.trimmed(text)
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") }),
            let value = decimal(Array(trimmed)), value.rounded() == value, value < 1e15
        else { return nil }
        return Int(value)
    }

    /// A calendar day: `2008-11-24`, `2008-11-24 10:00:00`, `2008-11-24T10:00:00Z`, `20081124`, `24.11.2008`,
    /// `24-Nov-2008`, and `11/24/2008` or `24/11/2008` as `order` says (two-digit years are 1970…2069).
    ///
    /// A time after the date is ignored. A date that does not fit `order` (`24/11/2008` read month first) is not
    /// read: swapping silently would read the ambiguous dates of the same file the other way.
    public static func day(_ text: String, order: DateOrder = .monthFirst) -> Day? {
        let trimmed = InventoryText.trimmed(text)
        guard let first = trimmed.split(separator: " ").first else { return nil }
        var token = Substring(first)
        // `2008-11-24T10:00:00Z`: the date is the first ten characters.
        if token.count > 10, token.dropFirst(10).first == "T" { token = token.prefix(10) }
        if token.count == 8, token.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return Day(
                year: Int(token.prefix(4)) ?? 0, month: Int(token.dropFirst(4).prefix(2)) ?? 0,
                day: Int(token.suffix(2)) ?? 0)
        }
        for separator in ["-", "/", "."] as [Character] where token.contains(separator) {
            let parts = token.split(separator: separator, omittingEmptySubsequences: false)
            guard parts.count == 3 else { return nil }
            return day(parts: parts, separator: separator, order: order)
        }
        return nil
    }

    /// A moment: a date as `day` reads it followed by a time of day (`2019-04-23 10:00:00.000`,
    /// `4/23/2019 10:00:00 AM`), or ISO 8601 with a zone. Without a zone the time is read as UTC; a date alone is
    /// its midnight.
    public static func instant(_ text: String, order: DateOrder = .monthFirst) -> Instant? {
        let trimmed = InventoryText.trimmed(text)
        if let exact = Instant(trimmed) { return exact }
        guard let date = day(trimmed, order: order) else { return nil }
        var words = trimmed.split(separator: " ").dropFirst()
        var clock: Substring?
        if let first = trimmed.split(separator: " ").first, first.count > 10, first.dropFirst(10).first == "T" {
            clock = first.dropFirst(11)
        } else {
            clock = words.popFirst()
        }
        guard var clock else { return date.start }
        if clock.hasSuffix("Z") { clock = clock.dropLast() }
        let parts = clock.split(separator: ":")
        guard parts.count == 2 || parts.count == 3, let hour = Int(parts[0]), let minute = Int(parts[1]),
            minute < 60
        else { return nil }
        let second = parts.count == 3 ? Int(parts[2].prefix(while: { $0 != "." })) : 0
        guard let second, second < 61 else { return nil }
        var hours = hour
        switch words.first?.uppercased() {
        case "AM":
            guard (1...12).contains(hour) else { return nil }
            hours = hour % 12
        case "PM":
            guard (1...12).contains(hour) else { return nil }
            hours = hour % 12 + 12
        default:
            guard hour < 24 else { return nil }
        }
        return Instant(secondsSinceEpoch: date.start.secondsSinceEpoch + Int64(hours * 3600 + minute * 60 + second))
    }

    /// Yes or no: `yes`/`no`, `true`/`false`, `y`/`n`, `1`/`0`, in any case; nil for anything else.
    public static func bool(_ text: String) -> Bool? {
        switch InventoryText.trimmed(text).lowercased() {
        case "yes", "true", "y", "1": return true
        case "no", "false", "n", "0": return false
        default: return nil
        }
    }

    // MARK: - Parts

    /// Digits with `.` and `,` as decimal mark or thousands separator, as `money` describes.
    private static func decimal(_ characters: [Character]) -> Double? {
        guard characters.contains(where: \.isNumber) else { return nil }
        let dots = characters.filter { $0 == "." }.count, commas = characters.filter { $0 == "," }.count
        var decimalMark: Character?
        if dots > 0 && commas > 0 {
            decimalMark = characters.last { $0 == "." || $0 == "," }
        } else if dots + commas == 1 {
            let mark: Character = dots == 1 ? "." : ","
            let after = characters.split(separator: mark, omittingEmptySubsequences: false)
            let leading = after[0]
            // `1,299` groups thousands; `0,125` and `12.5` carry a fraction.
            let groups = after[1].count == 3 && !leading.isEmpty && leading.count <= 3 && leading.first != "0"
            decimalMark = groups ? nil : mark
        }
        let parts = characters.split(separator: decimalMark ?? "#", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        let whole = parts[0]
        let groups = whole.split(separator: decimalMark == "." ? "," : ".", omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: decimalMark == "," ? "." : ",", omittingEmptySubsequences: false) }
        if groups.count > 1 {
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                return nil
            }
        }
        let integer = String(groups.joined()), fraction = parts.count == 2 ? String(parts[1]) : ""
        guard integer.allSatisfy(\.isNumber), fraction.allSatisfy(\.isNumber), !(integer.isEmpty && fraction.isEmpty)
        else { return nil }
        return Double((integer.isEmpty ? "0" : integer) + "." + (fraction.isEmpty ? "0" : fraction))
    }

    private static func day(parts: [Substring], separator: Character, order: DateOrder) -> Day? {
        func number(_ text: Substring) -> Int? {
            text.isEmpty || text.count > 4 || !text.allSatisfy({ $0.isASCII && $0.isNumber }) ? nil : Int(text)
        }
        func year(_ text: Substring) -> Int? {
            guard let value = number(text) else { return nil }
            switch text.count {
            case 4: return value
            case 2: return value < 70 ? 2000 + value : 1900 + value
            default: return nil
            }
        }
        // Year first: `2008-11-24`, `2008/11/24`, `2008.11.24`.
        if parts[0].count == 4 {
            guard let y = number(parts[0]), let m = number(parts[1]), let d = number(parts[2]),
                parts[1].count <= 2, parts[2].count <= 2
            else { return nil }
            return Day(year: y, month: m, day: d)
        }
        guard parts[0].count <= 2, let y = year(parts[2]) else { return nil }
        // `24-Nov-2008`.
        if separator == "-", let month = StatusText.month(parts[1]), parts[1].count >= 3, let d = number(parts[0]) {
            return Day(year: y, month: month, day: d)
        }
        guard let a = number(parts[0]), let b = number(parts[1]), parts[1].count <= 2 else { return nil }
        // Dots are only ever written day first (`24.11.2008`).
        if separator == "." || order == .dayFirst { return Day(year: y, month: b, day: a) }
        return Day(year: y, month: a, day: b)
    }
}
