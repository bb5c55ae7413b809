import HTTPTypes
import Hummingbird
import TallyApp
import TallyFormats

/// The frame of every signed-in page: the header with the sections the account's role may open, the account and
/// its role, and sign-out; the page's own content in `<main>`.
struct PageShell: Sendable {
    var principal: Principal

    /// The sections of the interface, in the header's order, each with the permission that opens it.
    static let sections: [(path: String, title: String, permission: Permission)] = [
        ("/", "Dashboard", .read), ("/products", "Products", .read), ("/entitlements", "Entitlements", .readAll),
        ("/contracts", "Contracts", .readAll), ("/renewals", "Renewals", .readAll), ("/reclaim", "Reclaim", .readAll),
        ("/pools", "Pools", .readAll), ("/forecast", "Forecast", .readAll), ("/alerts", "Alerts", .readAll),
        ("/devices", "Devices", .readAll), ("/people", "People", .readAll), ("/imports", "Imports", .readAll),
        ("/catalog", "Catalog", .readAll), ("/audit", "Audit", .readAll),
        ("/reports/chargeback", "Chargeback", .readAll), ("/reports/audit", "Audit pack", .audit),
        ("/accounts", "Accounts", .manageAccounts),
    ]

    /// A whole page: `title` in the tab and the main heading's words, `section` the header link marked current.
    func page(_ title: String, section: String, status: HTTPResponse.Status = .ok, _ content: HTML) -> Response {
        let links = Self.sections.filter { principal.may($0.permission) }.html { item in
            let current: HTML = item.path == section ? #" aria-current="page""# : ""
            return "<li><a href=\"\(item.path)\"\(current)>\(item.title)</a></li>"
        }
        let account = principal.account
        let who =
            account.name + " · " + account.role.rawValue + (principal.department.map { " of " + $0.rawValue } ?? "")
        return htmlResponse(
            Self.document(
                title,
                """
                <header class="top"><a class="brand" href="/">Tally</a>
                <nav aria-label="Sections"><ul>\(links)</ul></nav>
                <div class="who"><span id="account">\(who)</span>
                <form id="sign-out" method="post" action="/signout">\(csrfField)<button type="submit">Sign out</button></form>
                </div></header>
                <main id="main">\(content)</main>
                """),
            status: status)
    }

    /// A page that says what went wrong, with the status that says what kind of failure it is.
    func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        page(
            status.reasonPhrase, section: "", status: status,
            """
            <h1>\(status.reasonPhrase)</h1>
            <p role="alert" class="problem">\(message)</p>
            <p><a href="/">Back to the dashboard</a></p>
            """)
    }

    /// The hidden field that carries the session's CSRF token in every form that writes.
    var csrfField: HTML {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(principal.csrf ?? "")\">"
    }

    /// A page seen before signing in (the sign-in and setup forms): the frame without the header.
    static func standalone(_ title: String, _ content: HTML, status: HTTPResponse.Status = .ok) -> Response {
        htmlResponse(
            document(
                title,
                """
                <main id="main" class="narrow"><section class="card"><h1>\(title)</h1>\(content)</section></main>
                """),
            status: status)
    }

    /// The HTML document around a page's body.
    static func document(_ title: String, _ body: HTML) -> HTML {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · Tally</title>
        <link rel="stylesheet" href="/assets/tally.css"><link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
        </head><body><a class="skip" href="#main">Skip to the content</a>
        \(body)
        </body></html>
        """
    }
}
