import Testing

@testable import TallyPostgres

/// Reading where a PostgreSQL store is, as libpq's users expect.
@Suite("PostgreSQL settings")
struct PostgresSettingsTests {
    let none: (String) -> String? = { _ in nil }

    @Test("a URL gives host, port, user, password and database; other text is not one")
    func url() throws {
        let settings = try #require(
            try PostgresSettings(
                url: "postgres://tally:s%40cret@db.example:6432/assets", environment: [:], passwordFile: none))
        #expect(settings.host == "db.example" && settings.port == 6432 && settings.user == "tally")
        #expect(settings.password == "s@cret" && settings.database == "assets" && settings.tls == .prefer)
        #expect(settings.description == "postgres://tally@db.example:6432/assets")
        #expect(try PostgresSettings(url: "tally.sqlite", environment: [:], passwordFile: none) == nil)
        let secure = try #require(
            try PostgresSettings(
                url: "postgresql://h/d?sslmode=require", environment: ["USER": "ana"], passwordFile: none))
        #expect(secure.tls == .require && secure.port == 5432 && secure.user == "ana" && secure.password == nil)
    }

    @Test("the password comes from PGPASSWORD, else the first matching line of the password file")
    func passwords() throws {
        let environment = ["HOME": "/home/ana", "PGPASSWORD": "from-env"]
        #expect(
            try PostgresSettings(url: "postgres://u@h/d", environment: environment, passwordFile: none)?.password
                == "from-env")
        let file = """
            # comment
            other:5432:*:u:wrong
            h:5432:d:u:pa\\:ss
            *:*:*:*:fallback
            """
        var asked: String?
        let settings = try PostgresSettings(
            url: "postgres://u@h/d", environment: ["HOME": "/home/ana"],
            passwordFile: { path in
                asked = path
                return file
            })
        #expect(settings?.password == "pa:ss" && asked == "/home/ana/.pgpass")
        #expect(PostgresSettings.password(in: file, host: "x", port: 1, database: "y", user: "z") == "fallback")
    }

    @Test("a URL without a database, with a bad port or sslmode is refused without showing its password")
    func refused() {
        for text in ["postgres://u:secret@h", "postgres://u:secret@h:0/d", "postgres://u:secret@h/d?sslmode=maybe"] {
            do {
                _ = try PostgresSettings(url: text, environment: [:], passwordFile: none)
                Issue.record("\(text) should be refused")
            } catch {
                #expect(!error.description.contains("secret"), "\(error.description)")
            }
        }
    }
}
