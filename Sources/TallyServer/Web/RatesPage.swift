import HTTPTypes
import Hummingbird
import TallyApp
import TallyCore
import TallyFormats

/// The exchange rates that convert entitlements priced in other currencies, and the form that records one.
extension API {
    var ratePages: [PageRoute] {
        [
            PageRoute(.get, "/rates", .readAll) { try await ratesPage($0) },
            PageRoute(.post, "/rates", .edit) { web in
                do {
                    let edit = RateEdit(
                        currency: web.form.text("currency"), rate: web.form.text("rate").flatMap { Double($0) },
                        date: web.form.text("date"))
                    let rate = try edit.rate(today: operations.clock().day)
                    try await operations.setRate(rate, by: web.principal.caller)
                    return redirect("/rates?added=\(rate.currency)")
                } catch {
                    let problem = Problem(error)
                    return try await ratesPage(web, problem: problem.detail, status: problem.status)
                }
            },
        ]
    }

    func ratesPage(
        _ web: WebRequest, problem: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let shell = PageShell(principal: web.principal)
        let conversion = try await operations.currencyConversion()
        let rows = conversion.allRates.html { rate in
            """
            <tr><td>\(rate.currency)</td><td class="nowrap">\(rate.date.description)</td>
            <td class="number">\(String(rate.rate))</td><td>\(rate.described(into: conversion.currency))</td></tr>
            """
        }
        let form: HTML =
            web.principal.may(.edit)
            ? """
            <section class="card"><h2>Record a rate</h2>
            <form id="rate-form" class="record" method="post" action="/rates">\(shell.csrfField)
            <div class="field"><label for="currency">Currency</label><input id="currency" name="currency" maxlength="3" required placeholder="USD"></div>
            <div class="field"><label for="rate">Units of \(conversion.currency ?? "the estate's currency") for one</label>
            <input id="rate" name="rate" inputmode="decimal" required></div>
            <div class="field"><label for="date">From <span class="muted">(blank: today)</span></label><input id="date" name="date" type="date"></div>
            <div class="field wide"><button id="add-rate" class="edit-control" type="submit">Record</button></div>
            </form></section>
            """ : ""
        let notice: HTML =
            web.query("added").map { "<p id=\"notice\" class=\"notice\" role=\"status\">Rate of \($0) recorded.</p>" }
            ?? ""
        let alert: HTML = problem.map { "<p role=\"alert\" class=\"problem\">\($0)</p>" } ?? ""
        return shell.page(
            "Exchange rates", section: "/entitlements", status: status,
            """
            <h1>Exchange rates</h1>\(notice)\(alert)
            <p>Entitlements priced in another currency are converted into \(conversion.currency ?? "the estate's currency")
            at the latest rate on or before the day of the report.</p>
            <div class="scroll"><table id="rates"><thead><tr><th scope="col">Currency</th><th scope="col">From</th>
            <th scope="col" class="number">Rate</th><th scope="col">Reads</th></tr></thead>
            <tbody>\(conversion.allRates.isEmpty ? "<tr><td colspan=\"4\">No rate yet.</td></tr>" : rows)</tbody></table></div>
            \(form)
            """)
    }
}
