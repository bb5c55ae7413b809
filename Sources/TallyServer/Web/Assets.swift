import HTTPTypes
import Hummingbird

/// The stylesheet and icon the pages load, kept inside the binary: nothing is fetched from anywhere else.
enum Assets {
    static func response(_ path: String) -> Response? {
        let (body, type): (String, String)
        switch path {
        case "/assets/tally.css": (body, type) = (stylesheet, "text/css; charset=utf-8")
        case "/assets/icon.svg": (body, type) = (icon, "image/svg+xml")
        default: return nil
        }
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "public, max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static let icon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#174ea6"/>\
        <path d="M4 4h8v2H9v7H7V6H4z" fill="#fff"/></svg>
        """

    /// Colours meet WCAG AA contrast on their backgrounds; focus is always visible; the layout folds to one
    /// column on a phone, and wide tables scroll inside their own box.
    static let stylesheet = """
        :root{--ink:#1b1b1f;--muted:#4a4d55;--line:#d5d8de;--paper:#fff;--wash:#f4f6f9;--link:#0b4fc2;\
        --under:#a3120b;--under-bg:#fdecea;--ok:#0b6b2f;--ok-bg:#e6f4ea;--over:#7a4400;--over-bg:#fff3e0}
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);\
        background:var(--wash)}
        a{color:var(--link)}
        :focus-visible{outline:3px solid #e8a200;outline-offset:2px}
        .skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
        .skip:focus{left:.5rem}
        header.top{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem;padding:.5rem 1rem;\
        background:#174ea6;color:#fff}
        header.top a{color:#fff}
        .brand{font-weight:700;font-size:1.2rem;text-decoration:none}
        header.top nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
        header.top nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
        .who{margin-left:auto;display:flex;gap:.75rem;align-items:center}
        .who form{margin:0}
        .who button{background:#fff;color:#174ea6;border:0}
        main{max-width:78rem;margin:0 auto;padding:1rem}
        h1{font-size:1.6rem;margin:.5rem 0 1rem}
        h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
        .card>h2:first-child{margin-top:0}
        .nowrap{white-space:nowrap}
        section.card,.card{background:var(--paper);border:1px solid var(--line);border-radius:6px;\
        padding:1rem;margin:0 0 1rem}
        .figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(11rem,100%),1fr));gap:1rem;margin:0 0 1rem}
        .figure{background:var(--paper);border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem}
        .figure dt{color:var(--muted);font-size:.9rem}
        .figure dd{margin:0;font-size:1.4rem;font-weight:650}
        .figure .change{font-size:.9rem;color:var(--muted);font-weight:400}
        .columns{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(22rem,100%),1fr));gap:1rem}
        .scroll{overflow-x:auto}
        table{border-collapse:collapse;width:100%;background:var(--paper)}
        caption{text-align:left;font-weight:600;padding:.25rem 0}
        th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
        th{background:var(--wash);font-weight:600}
        td.number,th.number{text-align:right;font-variant-numeric:tabular-nums}
        .status{display:inline-block;padding:0 .5rem;border-radius:1rem;font-size:.85rem;font-weight:600}
        .status-under{color:var(--under);background:var(--under-bg)}
        .status-compliant{color:var(--ok);background:var(--ok-bg)}
        .status-over{color:var(--over);background:var(--over-bg)}
        .problem,.field-error{color:var(--under);font-weight:600}
        .field-error{margin:.1rem 0 0;font-size:.9rem}
        .notice{background:var(--ok-bg);color:var(--ok);padding:.5rem 1rem;border-radius:6px;font-weight:600}
        .muted{color:var(--muted)}
        form.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;margin:0 0 1rem}
        form.filters .field{margin:0}
        label{display:block;font-weight:600;font-size:.9rem}
        input,select,textarea,button{font:inherit}
        input,select,textarea{padding:.35rem .5rem;border:1px solid #767a83;border-radius:4px;background:#fff;\
        color:var(--ink);max-width:100%}
        input[type=checkbox]{width:auto}
        button,.button{display:inline-block;padding:.4rem .9rem;border-radius:4px;border:1px solid #174ea6;\
        background:#174ea6;color:#fff;cursor:pointer;text-decoration:none}
        button.secondary,.button.secondary{background:#fff;color:#174ea6}
        button.danger{background:var(--under);border-color:var(--under)}
        form.record{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(16rem,100%),1fr));gap:.75rem 1.5rem}
        form.record .field{margin:0}
        main.narrow{max-width:28rem}
        main.narrow input{width:100%}
        form.record .wide{grid-column:1/-1}
        form.inline{display:inline-flex;gap:.5rem;align-items:flex-end;flex-wrap:wrap;margin:.25rem 0}
        nav.pagination{display:flex;gap:1rem;align-items:center;margin:.75rem 0}
        code,.digest{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;word-break:break-all}
        .chart{max-width:100%}
        @media (max-width:40rem){main{padding:.5rem}h1{font-size:1.35rem}.who{margin-left:0}\
        th,td{padding:.3rem}}
        """
}
