import Testing

@testable import TallyFormats

/// Forms with files as browsers send them: fields, files whose bytes look like boundaries, and bodies that are
/// broken or hostile, which fail with a sentence rather than a trap.
@Suite("Multipart form")
struct MultipartFormTests {
    private let chromium = "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW"
    private let boundary = "------WebKitFormBoundary7MA4YWxkTrZu0gW"

    /// A body with the given parts, each its header lines and content, joined as a browser does.
    private func body(_ parts: [(headers: [String], content: [UInt8])], boundary: String? = nil) -> [UInt8] {
        let boundary = boundary ?? self.boundary
        var out: [UInt8] = []
        for part in parts {
            out += Array("\(boundary)\r\n".utf8)
            for header in part.headers { out += Array("\(header)\r\n".utf8) }
            out += Array("\r\n".utf8) + part.content + Array("\r\n".utf8)
        }
        return out + Array("\(boundary)--\r\n".utf8)
    }

    private func field(_ name: String, _ value: String) -> (headers: [String], content: [UInt8]) {
        ([#"Content-Disposition: form-data; name="\#(name)""#], Array(value.utf8))
    }

    private func error(_ contentType: String, _ body: [UInt8]) -> String? {
        do {
            _ = try MultipartForm(contentType: contentType, body: body)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("A Chromium body: two fields and a file whose bytes hold CR LF, -- and most of the boundary")
    func chromiumBody() throws {
        let file: [UInt8] =
            [0x00, 0xFF, 0x0D, 0x0A, 0x2D, 0x2D, 0x0D] + Array("\r\n--\r\n\(boundary.dropLast())\r\n--x".utf8)
            + [0x89, 0x0D, 0x0A]
        let bytes = body([
            field("product", "Visio Pro"),
            field("mode", "replace"),
            (
                [
                    #"Content-Disposition: form-data; name="estate"; filename="estate 2026.bin""#,
                    "Content-Type: application/octet-stream",
                ], file
            ),
        ])
        let form = try MultipartForm(contentType: chromium, body: bytes)
        #expect(form.parts.map(\.name) == ["product", "mode", "estate"])
        #expect(form[field: "product"] == "Visio Pro")
        #expect(form[field: "mode"] == "replace")
        #expect(form[field: "estate"] == nil)
        let estate = try #require(form.file("estate"))
        #expect(estate.filename == "estate 2026.bin")
        #expect(estate.contentType == "application/octet-stream")
        #expect(estate.body == file)
        #expect(form.file("product") == nil)
    }

    @Test("A quoted boundary, lower-case headers, bare LF in headers, a preamble and an epilogue")
    func quotedBoundary() throws {
        let text =
            "This is a preamble.\r\n--simple boundary\r\ncontent-disposition: form-data; name=\"note\"\n\nhello\r\n"
            + "--simple boundary  \r\nCONTENT-DISPOSITION: Form-Data; NAME=plain\r\n\r\n\r\n--simple boundary--\r\n"
            + "an epilogue"
        let form = try MultipartForm(
            contentType: #"Multipart/Form-Data; charset=utf-8; boundary="simple boundary""#, body: Array(text.utf8))
        #expect(form.parts.map(\.name) == ["note", "plain"])
        #expect(form[field: "note"] == "hello")
        #expect(form[field: "plain"] == "")
    }

    @Test("A body that is not multipart, or has no boundary or a bad one, says so")
    func badContentType() {
        let bytes = body([field("a", "b")])
        #expect(error("application/x-www-form-urlencoded", bytes) == "the form was not sent as multipart/form-data")
        #expect(error("multipart/form-data", bytes) == "the form's boundary is missing")
        #expect(error("multipart/form-data; boundary=", bytes) == "the form's boundary is missing")
        #expect(error(#"multipart/form-data; boundary="""#, bytes) == "the form's boundary is missing")
        let long = String(repeating: "x", count: 71)
        #expect(error("multipart/form-data; boundary=\(long)", bytes)?.contains("1 to 70") == true)
        #expect(error("multipart/form-data; boundary=a\u{7F}b", bytes)?.contains("1 to 70") == true)
        #expect(
            error("multipart/form-data; boundary=other", bytes) == "the form's body does not start with its boundary")
    }

    @Test("A body cut short anywhere ends before its closing boundary")
    func unterminated() {
        let whole = body([field("name", "value")])
        let closing = Array("\r\n\(boundary)--\r\n".utf8).count
        for length in [boundary.utf8.count, boundary.utf8.count + 2, 60, whole.count - closing, whole.count - 4] {
            #expect(
                error(chromium, Array(whole.prefix(length))) == "the form ends before its closing boundary",
                "cut at \(length)")
        }
        #expect(
            error(chromium, Array("\(boundary)\r\n".utf8) + whole)
                == "a field of the form has a header line with no colon")
    }

    @Test("64 parts are read; a 65th, or 8 KB of headers in one, is refused")
    func limits() throws {
        let many = (0..<64).map { field("f\($0)", "\($0)") }
        #expect(try MultipartForm(contentType: chromium, body: body(many)).parts.count == 64)
        #expect(
            error(chromium, body(many + [field("one", "more")]))
                == "the form has more than 64 fields; send fewer at a time")
        let padding = "X-Padding: " + String(repeating: "p", count: 8_200)
        let heavy = body([([#"Content-Disposition: form-data; name="a""#, padding], [])])
        #expect(error(chromium, heavy) == "a field of the form has more than 8 KB of headers")
        let unnamed = body([(["Content-Type: text/plain"], Array("x".utf8))])
        #expect(error(chromium, unnamed)?.contains("has no name") == true)
    }

    @Test("A file input left empty is no file; an empty file with a name is one")
    func emptyFileInput() throws {
        let form = try MultipartForm(
            contentType: chromium,
            body: body([
                (
                    [
                        #"Content-Disposition: form-data; name="estate"; filename="""#,
                        "Content-Type: application/octet-stream",
                    ],
                    []
                ),
                ([#"Content-Disposition: form-data; name="log"; filename="empty.log""#], []),
            ]))
        #expect(form.parts.count == 2)
        #expect(form.parts[0].filename == "")
        #expect(form.file("estate") == nil)
        #expect(form.file("log")?.filename == "empty.log")
        #expect(form.file("log")?.body == [])
    }

    @Test("A value in Unicode is read as UTF-8; invalid UTF-8 is no text")
    func unicode() throws {
        let value = "Zoë Ørsted — 東京 🚀"
        let form = try MultipartForm(
            contentType: chromium,
            body: body([field("owner", value), ([#"Content-Disposition: form-data; name="raw""#], [0xC3, 0x28])]))
        #expect(form[field: "owner"] == value)
        #expect(form[field: "raw"] == nil)
        #expect(form.parts[1].body == [0xC3, 0x28])
    }

    @Test("Names with quotes: a backslash escape, the browsers' %22, and a filename in UTF-8")
    func escapedNames() throws {
        let form = try MultipartForm(
            contentType: chromium,
            body: body([
                field(#"say \"hi\""#, "1"),
                field("a%22b%0D%0Ac", "2"),
                ([#"Content-Disposition: form-data; filename="r%C3%A9sum%22é.txt"; name="cv""#], Array("cv".utf8)),
            ]))
        #expect(form.parts.map(\.name) == [#"say "hi""#, "a\"b\r\nc", "cv"])
        #expect(form[field: #"say "hi""#] == "1")
        #expect(form.file("cv")?.filename == "r%C3%A9sum\"é.txt")
    }
}
