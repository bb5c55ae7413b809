import Testing

@testable import TallyCore

/// The pattern syntax a license manager writes rules in: globs with placeholders that capture versions.
@Suite("Catalog patterns")
struct PatternTests {
    private func pattern(_ text: String) throws -> Pattern {
        try Pattern(text)
    }

    @Test("A pattern matches the whole text, ignoring case")
    func wholeText() throws {
        let office = try pattern("Microsoft Office Standard 2016")
        #expect(office.matches("microsoft office standard 2016"))
        #expect(office.matches("MICROSOFT OFFICE STANDARD 2016"))
        #expect(!office.matches("Microsoft Office Standard 2016 - en-us"))
        #expect(!office.matches("Update for Microsoft Office Standard 2016"))
    }

    @Test("* matches any run, ? one character, including none and non-ASCII ones")
    func wildcards() throws {
        let star = try pattern("Adobe * Pro*")
        #expect(star.matches("Adobe Acrobat XI Pro"))
        #expect(star.matches("Adobe Acrobat 9 Pro Extended"))
        #expect(!star.matches("Adobe Acrobat Reader DC"))
        #expect(try pattern("*").matches(""))
        #expect(try pattern("").matches(""))
        #expect(try pattern("").matches("  "), "white space alone is no publisher")
        #expect(!(try pattern("").matches("Debian")))
        #expect(try pattern("a*b*c").matches("abc"))
        #expect(try pattern("a*b*c").matches("a-b-b-c"))
        #expect(!(try pattern("a*b*c").matches("a-c-b")))
        let one = try pattern("Caf? Manager")
        #expect(one.matches("Café Manager"))
        #expect(one.matches("Cafe Manager"))
        #expect(!one.matches("Caf Manager"))
    }

    @Test("[...] matches one character of a set or range, [!...] one outside it")
    func sets() throws {
        let update = try pattern("Java 8 Update 20[0-2]")
        #expect(update.matches("Java 8 Update 202"))
        #expect(!update.matches("Java 8 Update 211"))
        let notDigit = try pattern("v[!0-9]*")
        #expect(notDigit.matches("vX1"))
        #expect(notDigit.matches("vé"))
        #expect(!notDigit.matches("v1x"))
        #expect(try pattern("[A-C]x").matches("bx"), "sets ignore case too")
    }

    @Test("A backslash makes *, ?, [ and { plain")
    func escapes() throws {
        let literal = try pattern(#"Build \* \[x\] \{year\}"#)
        #expect(literal.matches("Build * [x] {year}"))
        #expect(!literal.matches("Build 1 [x] {year}"))
    }

    @Test("Runs of white space match one space; ®, ™ and © are ignored")
    func whiteSpaceAndMarks() throws {
        let acrobat = try pattern("Adobe  Acrobat DC*")
        #expect(acrobat.matches("Adobe\u{00AE} Acrobat\u{00A0}DC (64-bit)"))
        #expect(acrobat.matches("  Adobe Acrobat   DC  "))
        #expect(try pattern("Java* SE Development Kit 17*").matches("Java\u{2122} SE Development Kit 17.0.13"))
    }

    @Test("{year} takes four digits from 1900 to 2099, never a part of a longer number")
    func year() throws {
        let office = try pattern("Microsoft Office Professional Plus {year}*")
        #expect(office.captures(in: "Microsoft Office Professional Plus 2019 - en-us") == ["year": "2019"])
        #expect(office.captures(in: "Microsoft Office Professional Plus 16") == nil)
        #expect(office.captures(in: "Microsoft Office Professional Plus 20190") == nil)
        #expect(try pattern("*{year}*").captures(in: "Build 12016 of 2021") == ["year": "2021"])
        #expect(try pattern("{year}").captures(in: "1899") == nil)
    }

    @Test("{number}, {version} and {word} take the longest run they can")
    func placeholders() throws {
        #expect(
            try pattern("IBM SPSS Statistics {number}*").captures(in: "IBM SPSS Statistics 29.0.1") == ["number": "29"])
        #expect(
            try pattern("SAP GUI for Windows {version}*").captures(in: "SAP GUI for Windows 7.70 (Patch 3)") == [
                "version": "7.70"
            ])
        #expect(try pattern("{version}").captures(in: "21.001.20145") == ["version": "21.001.20145"])
        #expect(try pattern("{version}.").captures(in: "21.001.") == ["version": "21.001"])
        #expect(try pattern("MATLAB R{word}").captures(in: "MATLAB R2023b") == ["word": "2023b"])
        #expect(
            try pattern("Oracle Database {word} *").captures(in: "Oracle Database 19c Enterprise Edition") == [
                "word": "19c"
            ])
    }

    @Test("Labelled placeholders capture two values of one kind; captures keep the case as written")
    func labels() throws {
        let idea = try pattern("IntelliJ IDEA {year}.{minor:number}*")
        #expect(idea.labels == ["year", "minor"])
        #expect(idea.captures(in: "IntelliJ IDEA 2023.2.1") == ["year": "2023", "minor": "2"])
        #expect(try pattern("Adobe Photoshop {release:word}").captures(in: "Adobe Photoshop CS6") == ["release": "CS6"])
    }

    @Test(
        "A pattern that cannot be read says what is wrong with it",
        arguments: [
            ("Office [2016", "opens [ at character 8 without closing it; write \\[ to match a bracket"),
            ("Office []", "has an empty set [ ]; list at least one character"),
            ("Office [9-0]", "has the range 9-0 backwards; write the lower character first"),
            ("Office {yr}", "has an unknown placeholder {yr}; the kinds are {year}, {number}, {version}, {word}"),
            ("Office {year", "opens { without closing it; write \\{ to match a brace"),
            ("Office {year} {year}", "uses the placeholder {year} twice; name the second one, as in {year2:year}"),
            (
                "Office {1st:year}",
                "has the placeholder label \"1st\"; a label is a letter followed by letters, digits or _"
            ),
            ("Office {a:b:year}", "has the placeholder {a:b:year}; write {kind} or {label:kind}"),
            ("{a:number}{b:number}{c:number}{d:number}{e:number}", "has more than 4 placeholders"),
            ("Office\\", "ends in a lone \\; write \\\\ to match a backslash"),
            ("Caf[é]", "lists a non-ASCII character inside [ ]; a set may hold only ASCII characters"),
        ])
    func invalid(text: String, reason: String) {
        #expect(throws: CatalogError.invalidPattern(pattern: text, reason: reason)) { try Pattern(text) }
    }

    @Test("Matching never goes back further than the latest *, yet finds every match")
    func backtracking() throws {
        let pattern = try pattern("*a*b*c*d*e")
        #expect(pattern.matches(String(repeating: "a", count: 200) + "bcde"))
        #expect(!pattern.matches(String(repeating: "ab", count: 200) + "cd"))
        #expect(
            try self.pattern("*Update for Microsoft Excel *").matches(
                "Security Update for Microsoft Excel 2016 (KB5002232) 32-Bit Edition"))
    }
}
