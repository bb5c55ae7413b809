import TallyCore
import Testing

@testable import TallyFormats

/// The values typed into spreadsheet cells: money, dates, yes/no and counts, in the forms people write them.
@Suite("Inventory cell values")
struct InventoryValueTests {
    @Test(
        "amounts of money in US, European and Swiss writing, with signs, codes and accounting negatives",
        arguments: [
            ("$1,299.00", 1299.0), ("1.299,00 €", 1299.0), ("EUR 12", 12.0), ("1299", 1299.0), ("12,50", 12.5),
            ("1,234,567.89", 1_234_567.89), ("1.234.567,89", 1_234_567.89), ("CHF 1'299.50", 1299.5),
            ("(12.00)", -12.0), ("-7.5", -7.5), ("£0.99", 0.99), ("0,125", 0.125), ("1 299,00", 1299.0),
            ("USD 1,299", 1299.0), (".5", 0.5),
        ])
    func money(text: String, amount: Double) {
        #expect(CellValue.money(text) == amount)
    }

    @Test("text that is not an amount reads as nothing", arguments: ["", "N/A", "1,29,9", "1.299.00", "12/5", "€"])
    func notMoney(text: String) {
        #expect(CellValue.money(text) == nil)
    }

    @Test(
        "dates in ISO, compact, dotted, named-month and slashed forms, the slashed ones month first by default",
        arguments: [
            ("2008-11-24", "2008-11-24"), ("2008-11-24 10:00:00", "2008-11-24"), ("2008-11-24T10:00:00Z", "2008-11-24"),
            ("20081124", "2008-11-24"), ("24.11.2008", "2008-11-24"), ("11/24/2008", "2008-11-24"),
            ("1/5/2008", "2008-01-05"), ("24-Nov-2008", "2008-11-24"), ("11/24/08", "2008-11-24"),
            ("11/24/2008 10:00 AM", "2008-11-24"), ("2008/11/24", "2008-11-24"), (" 2008-11-24 ", "2008-11-24"),
        ])
    func day(text: String, expected: String) {
        #expect(CellValue.day(text) == Day(expected))
    }

    @Test("slashed dates read day first when asked; dotted dates are always day first")
    func dayFirst() {
        #expect(CellValue.day("24/11/2008", order: .dayFirst) == Day("2008-11-24"))
        #expect(CellValue.day("1/5/2008", order: .dayFirst) == Day("2008-05-01"))
        #expect(CellValue.day("24.11.2008", order: .monthFirst) == Day("2008-11-24"))
        #expect(CellValue.day("24-11-2008", order: .dayFirst) == Day("2008-11-24"))
    }

    @Test(
        "dates that name no day, or do not fit the order asked for, read as nothing",
        arguments: ["24/11/2008", "2008-02-30", "2008-13-01", "20081324", "yesterday", "", "11/24", "2008-11"])
    func notDay(text: String) {
        #expect(CellValue.day(text) == nil)
    }

    @Test("moments: a time after the date, AM/PM, fractions of a second, a zone, or midnight for a date alone")
    func instant() {
        #expect(CellValue.instant("2019-04-23 10:00:00.000") == Instant("2019-04-23T10:00:00Z"))
        #expect(CellValue.instant("4/23/2019 10:05:30 PM") == Instant("2019-04-23T22:05:30Z"))
        #expect(CellValue.instant("4/23/2019 12:00 AM") == Instant("2019-04-23T00:00:00Z"))
        #expect(CellValue.instant("2019-04-23T10:00:00+02:00") == Instant("2019-04-23T08:00:00Z"))
        #expect(CellValue.instant("2019-04-23") == Instant("2019-04-23T00:00:00Z"))
        #expect(CellValue.instant("2019-04-23 25:00") == nil)
        #expect(CellValue.instant("4/23/2019 13:00 PM") == nil)
    }

    @Test(
        "yes and no in any case",
        arguments: [
            ("yes", true), ("No", false), ("TRUE", true), ("false", false), ("1", true), ("0", false), ("Y", true),
            ("n", false), (" yes ", true),
        ])
    func bool(text: String, value: Bool) {
        #expect(CellValue.bool(text) == value)
    }

    @Test("other text is neither yes nor no", arguments: ["", "maybe", "2", "oui"])
    func notBool(text: String) {
        #expect(CellValue.bool(text) == nil)
    }

    @Test("counts are whole numbers, with thousands separators")
    func count() {
        #expect(CellValue.count("25") == 25)
        #expect(CellValue.count("1,000") == 1000)
        #expect(CellValue.count("1.000") == 1000)
        #expect(CellValue.count("2.5") == nil)
        #expect(CellValue.count("ten") == nil)
        #expect(CellValue.count("") == nil)
    }
}
