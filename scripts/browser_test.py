#!/usr/bin/env python3
"""The web pages of a running `tally serve --demo`, driven in headless Chromium as a person would use them.

The flow: sign in (a wrong password first), the dashboard, a product found by part of its name and its consumers
paged, an entitlement added through the form (an invalid one first), an inventory uploaded, previewed and confirmed,
the audit trail verified, a viewer account added, pages at a phone's width, sign out, and the viewer's round of
read-only pages.

Any step fails on: a console message of level SEVERE (the pages ship no script, so any error counts, a CSP violation
too), a document or sub-resource answered with a status >= 400 (unless the step expects that status), an expected
element missing. Each page visited is saved as artifacts/browser/NN-short-name.png.

Usage: scripts/browser_test.py --url URL --password ADMIN-PASSWORD --import-file FILE [--artifacts DIR] [--docs DIR]
(scripts/check-browser.sh starts the server and runs this.)
"""

import argparse
import base64
import json
import re
import shutil
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

WAIT_SECONDS = 10
ADMIN = "admin"
VIEWER, VIEWER_PASSWORD = "vera", "viewer-password-1"
ADDED_UNITS = 7
IMPORT_KINDS = {"estate", "flexlm-log", "lmstat", "rlmstat", "glpi", "osquery", "winreg", "swid", "csv"}
ENTITLEMENT_FIELDS = ["id", "product", "quantity", "unlimited", "version", "downgrade", "start", "end", "scope",
                      "unitCost", "costPeriod", "vendor", "contract", "purchaseOrder", "notes"]
IMPORT_OPTIONS = ["mode", "device", "server", "timeZone", "at", "preset", "map", "csvKind", "dates", "skipInvalid"]
# What the pages a screenshot is copied to the docs from are called there.
DOC_SCREENSHOTS = {"dashboard": "dashboard.png", "product-usage": "product.png", "import-preview": "import-preview.png"}
FULL_PAGE_MAX_HEIGHT = 8000
# What a page may answer: any success (a form's result page may be a 201), unless a step expects another status.
SUCCESS = tuple(range(200, 300))
# Organisation-wide lists: a viewer may see them, or be refused with a 403 page.
MAY_REFUSE = SUCCESS + (403,)


# The submit buttons of forms that write and the links to add and edit forms that are not marked `edit-control`, each
# named by its form's id or action, or its link's href.
UNMARKED_EDIT_CONTROLS = """
const readOnlyForms = ["sign-in", "sign-out", "verify-form"];
const buttons = Array.from(document.querySelectorAll("form")).filter(form =>
        form.method.toLowerCase() === "post" && !readOnlyForms.includes(form.id))
    .flatMap(form => Array.from(form.querySelectorAll("button:not([type]), button[type=submit], input[type=submit]"))
        .filter(button => !button.classList.contains("edit-control"))
        .map(() => form.id ? "form#" + form.id : "form " + form.getAttribute("action")));
const links = Array.from(document.querySelectorAll("a[href]")).filter(link =>
        /\\/(new|edit)(\\?|$)/.test(link.getAttribute("href")) && !link.classList.contains("edit-control"))
    .map(link => "a " + link.getAttribute("href"));
return Array.from(new Set(buttons.concat(links)));
"""


class StepFailure(Exception):
    """What went wrong in a step, said in one line: the step adds its name, the page its URL."""


def what_was_loaded(resource_type, url):
    """A resource named as a person would: the page, the favicon, a stylesheet, an image..."""
    if resource_type == "Document":
        return "the page"
    if urllib.parse.urlsplit(url).path == "/favicon.ico":
        return "the favicon (link an icon from the pages' head, or serve /favicon.ico)"
    kind = (resource_type or "resource").lower()
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def statuses(allowed):
    """The statuses a page may answer, said briefly: "2xx", "401", "2xx or 403"."""
    named = ["2xx"] if set(SUCCESS) <= allowed else []
    return " or ".join(named + [str(code) for code in sorted(allowed - set(SUCCESS))])


class Browser:
    """Headless Chromium with the checks every page gets: console errors, failed responses, the signed-in header."""

    def __init__(self, base_url, chromium, chromedriver, artifacts):
        options = Options()
        options.binary_location = chromium
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
        self.driver = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
        self.base_url = base_url.rstrip("/")
        self.artifacts = artifacts
        self.screenshots = {}
        self.shot_number = 0
        self.problems = []
        self.signed_in_as = None
        self.redirects = []
        self.requested = {}  # request id -> URL, to name a request that failed
        # URLs whose status is reported already (or expected): their console echo ("Failed to load resource") is not.
        self.refused = set()

    def close(self):
        self.driver.quit()

    def url(self, path):
        return self.base_url + path

    @property
    def path(self):
        return urllib.parse.urlsplit(self.driver.current_url).path

    @property
    def query(self):
        return urllib.parse.parse_qs(urllib.parse.urlsplit(self.driver.current_url).query)

    def fail(self, message):
        raise StepFailure(f"{message} ({self.driver.current_url})") from None

    # Pages

    def open(self, path, name, status=SUCCESS):
        """Loads `path` as if typed into the address bar; checks and saves the page."""
        return self.arrive(lambda: self.driver.get(self.url(path)), name, status)

    def click_through(self, selector, name, status=SUCCESS):
        """Clicks the link or button `selector` and waits for the page it leads to."""
        target = self.element(selector)
        return self.arrive(target.click, name, status)

    def arrive(self, action, name, status):
        """Does `action`, waits for the new document, and checks it: its status (one, or any of a tuple), the
        browser's logs, the header of a signed-in page. Returns the document's status."""
        allowed = set(status) if isinstance(status, tuple) else {status}
        old = self.driver.find_element(By.TAG_NAME, "html") if self.driver.current_url.startswith("http") else None
        action()
        if old is not None:
            try:
                WebDriverWait(self.driver, WAIT_SECONDS).until(expected_conditions.staleness_of(old))
            except TimeoutException:
                self.fail(f"no new page came for {name}{self.invalid_fields()}")
        self.wait(lambda driver: driver.execute_script("return document.readyState") == "complete",
                  f"the page {name} never finished loading")
        document_status = self.check_logs(allowed=allowed)
        if document_status not in allowed and (document_status or 0) < 400:
            self.problems.append(
                f"the page answered {document_status}, expected {statuses(allowed)} ({self.driver.current_url})")
        self.screenshot(name)
        if self.signed_in_as:
            self.check_header()
            self.check_edit_controls()
        return document_status

    def invalid_fields(self):
        """What the browser's own form validation holds against the fields, if anything (it then sends nothing)."""
        invalid = self.driver.execute_script(
            "return Array.from(document.querySelectorAll('input:invalid, select:invalid, textarea:invalid'))"
            ".map(f => '#' + f.id + ': ' + f.validationMessage)")
        return f": the browser refused the form ({'; '.join(invalid)})" if invalid else ""

    def check_logs(self, allowed):
        """Reports console errors and failed responses since the last look; returns the last document's status and
        keeps the redirects met on the way (`self.redirects`: status and location)."""
        document_status = None
        self.redirects = []
        for entry in self.driver.get_log("performance"):
            event = json.loads(entry["message"])["message"]
            params = event.get("params", {})
            if event.get("method") == "Network.requestWillBeSent":
                self.requested[params.get("requestId")] = params.get("request", {}).get("url", "")
            if event.get("method") == "Network.requestWillBeSent" and "redirectResponse" in params:
                redirect = params["redirectResponse"]
                self.redirects.append((int(redirect.get("status", 0)), params.get("request", {}).get("url", "")))
            if event.get("method") == "Network.responseReceived":
                response = params.get("response", {})
                code, url = int(response.get("status", 0)), response.get("url", "")
                if params.get("type") == "Document":
                    document_status = code
                    if code in allowed:
                        self.refused.add(url)
                        continue
                if code >= 400:
                    self.problems.append(f"{what_was_loaded(params.get('type'), url)} answered {code} ({url})")
                    self.refused.add(url)
            elif event.get("method") == "Network.loadingFailed" and params.get("errorText") != "net::ERR_ABORTED" \
                    and params.get("blockedReason") != "csp":  # the console says why, once
                url = self.requested.get(params.get("requestId"), "")
                reason = params.get("blockedReason") or params.get("errorText")
                self.problems.append(f"{what_was_loaded(params.get('type'), url)} failed to load: {reason} ({url})")
        for entry in self.driver.get_log("browser"):
            if entry["level"] != "SEVERE":
                continue
            message = entry["message"]
            if not ("Failed to load resource" in message and message.split(" ", 1)[0] in self.refused):
                self.problems.append(f"console error: {entry['message']}")
        return document_status

    def check_header(self):
        account = self.element("header span#account")
        name, role = self.signed_in_as
        text = account.text.strip()
        if not text.startswith(f"{name} · {role}"):
            self.fail(f"#account says {text!r}, expected {name + ' · ' + role!r}")
        form = self.element("header form#sign-out")
        if (form.get_attribute("method") or "").lower() != "post" or not form.get_attribute("action").endswith(
            "/signout"
        ):
            self.fail("form#sign-out is not method=post action=/signout")
        self.element("form#sign-out [type=submit], form#sign-out button:not([type])")

    def check_edit_controls(self):
        """Every control that changes something is marked `edit-control`: the submit buttons of forms that post
        (but signing in and out and verifying the audit trail), and links to forms that add or edit."""
        unmarked = self.driver.execute_script(UNMARKED_EDIT_CONTROLS)
        if unmarked:
            self.problems.append(f"controls that change something lack class edit-control: {', '.join(unmarked)} "
                                 f"({self.driver.current_url})")

    def screenshot(self, name):
        self.shot_number += 1
        path = self.artifacts / f"{self.shot_number:02d}-{name}.png"
        try:
            metrics = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
            size = metrics.get("cssContentSize") or metrics["contentSize"]
            clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], FULL_PAGE_MAX_HEIGHT),
                    "scale": 1}
            shot = self.driver.execute_cdp_cmd(
                "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip})
            path.write_bytes(base64.b64decode(shot["data"]))
        except WebDriverException:
            self.driver.save_screenshot(str(path))
        self.screenshots[name] = path

    # Elements

    def wait(self, condition, message):
        try:
            return WebDriverWait(self.driver, WAIT_SECONDS).until(condition)
        except TimeoutException:
            self.fail(message)

    def element(self, selector, within=None):
        """The element `selector` (CSS), waited for; a missing one fails the step, naming it."""
        scope = within or self.driver
        try:
            # A lookup that races the page's replacement ("node does not belong to the document") is tried again.
            return WebDriverWait(self.driver, WAIT_SECONDS, ignored_exceptions=(WebDriverException,)).until(
                lambda _: scope.find_element(By.CSS_SELECTOR, selector))
        except TimeoutException:
            self.fail(f"{selector} missing")

    def elements(self, selector):
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def text(self, selector):
        """The text of `selector`, read again if the page was replaced between finding it and reading it."""
        for attempt in range(3):
            try:
                return self.element(selector).text.strip()
            except WebDriverException:
                if attempt == 2:
                    raise
                time.sleep(0.2)

    def number(self, selector):
        """The figure shown by `selector` (digits, separators and a sign), as a number."""
        text = self.text(selector)
        match = re.search(r"-?[\d,]+(\.\d+)?", text.replace("\u202f", "").replace("\u00a0", ""))
        if not match:
            self.fail(f"{selector} shows {text!r}, not a number")
        return float(match.group(0).replace(",", ""))

    def fill(self, selector, value):
        """Sets the field `selector`: types into an input, picks an option of a select, sets a checkbox."""
        field = self.element(selector)
        if field.tag_name == "select":
            try:
                Select(field).select_by_value(value)
            except WebDriverException:
                self.fail(f"{selector} has no option {value!r}")
        elif field.get_attribute("type") == "checkbox":
            if field.is_selected() != bool(value):
                field.click()
        elif field.get_attribute("type") == "file":
            field.send_keys(value)
        else:
            field.clear()
            field.send_keys(value)

    def api(self, path):
        """GET of the JSON API with the browser's session cookie, for picking what the flow works on."""
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in self.driver.get_cookies())
        request = urllib.request.Request(self.url(path), headers={"Cookie": cookie, "Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=WAIT_SECONDS) as response:
            return json.load(response)


class Flow:
    """The steps, in order, with what one step finds for the next (the product, its supply)."""

    def __init__(self, browser, admin_password, import_file):
        self.browser = browser
        self.admin_password = admin_password
        self.import_file = import_file
        self.product = None  # (id, name)

    def sign_in(self, name, password, role):
        b = self.browser
        b.fill("form#sign-in #name", name)
        b.fill("form#sign-in #password", password)
        b.signed_in_as = (name, role)
        b.click_through("#sign-in-button", "dashboard" if name == ADMIN else f"dashboard-{name}")
        if b.path != "/":
            b.fail(f"signing in as {name} did not lead to the dashboard")

    def step_sign_in(self):
        """Anonymous pages lead to the sign-in page; a wrong password is refused; the admin signs in."""
        b = self.browser
        b.open("/", "signin")
        if b.path != "/signin":
            b.fail("an anonymous visit of / did not land on /signin")
        if [code for code, _ in b.redirects] != [303]:
            b.fail(f"an anonymous visit of / was redirected with {[code for code, _ in b.redirects]}, expected [303]")
        b.open("/products?sort=shortfall", "signin-next")
        if b.path != "/signin" or b.query.get("next") != ["/products?sort=shortfall"]:
            b.fail("an anonymous visit of /products did not land on /signin?next=/products...")
        b.open("/signin", "signin-form")
        b.element("form#sign-in")
        b.fill("#name", ADMIN)
        b.fill("#password", "not-the-password")
        b.click_through("#sign-in-button", "signin-wrong-password", status=401)
        b.element("[role=alert]")
        if b.elements("#account"):
            b.fail("a wrong password signed in")
        self.sign_in(ADMIN, self.admin_password, "admin")

    def step_dashboard(self):
        """The dashboard's figures, chart and table of shortfalls."""
        b = self.browser
        if b.path != "/":
            b.open("/", "dashboard")
        if b.text("h1") != "Dashboard":
            b.fail(f"the h1 says {b.text('h1')!r}, expected 'Dashboard'")
        for figure in ("#exposure", "#surplus-value"):
            if not b.text(figure):
                b.fail(f"{figure} is empty")
        b.element("svg[role=img]")
        b.element("table#top-shortfalls")

    def pick_product(self):
        """A product counted in devices or users (one consumer per unit) with more consumers than a page holds."""
        positions = self.browser.api("/api/v1/positions?limit=500")["items"]
        candidates = [p for p in positions
                      if p.get("metric") in ("device", "user") and isinstance(p.get("supply"), (int, float))]
        if not candidates:
            self.browser.fail("the demo has no product counted by device or user with a finite supply")
        chosen = max(candidates, key=lambda p: p["demand"])
        name = self.browser.api(f"/api/v1/products/{urllib.parse.quote(chosen['product'])}")["product"]["name"]
        return chosen["product"], name

    def step_products(self):
        """The products list filtered by part of a name, paged; the product opened, its consumers paged and searched."""
        b = self.browser
        self.product = product_id, name = self.pick_product()
        b.open("/products", "products")
        form = b.element("form#product-filter")
        if (form.get_attribute("method") or "get").lower() != "get":
            b.fail("form#product-filter is not method=get")
        for selector in ("input#search[name=search]", "select#status", "select#metric", "select#sort",
                         "input#publisher", "input#department", "#filter-button"):
            b.element(selector, within=form)
        all_rows = len(b.elements("table#products tbody tr"))
        if b.elements("nav.pagination a[rel=next]"):
            first = b.text("table#products tbody tr a.product-link")
            b.click_through("nav.pagination a[rel=next]", "products-page-2")
            b.element("nav.pagination a[rel=prev]")
            if b.text("table#products tbody tr a.product-link") == first:
                b.fail("the next page of products starts with the same product")
            b.open("/products", "products")
        term = max(name.split(), key=len)
        b.fill("#search", term)
        b.click_through("#filter-button", "products-search")
        if b.query.get("search") != [term]:
            b.fail(f"the filter did not send search={term}")
        rows = len(b.elements("table#products tbody tr"))
        if all_rows > 1 and rows >= all_rows:
            b.fail(f"searching {term!r} left {rows} of {all_rows} products")
        link = f"table#products a.product-link[href$='/products/{product_id}']"
        b.element(link)
        b.click_through(link, "product")
        if b.path != f"/products/{product_id}":
            b.fail(f"the product link did not lead to /products/{product_id}")
        if name not in b.text("h1"):
            b.fail(f"the h1 says {b.text('h1')!r}, expected {name!r}")
        for figure in ("#demand", "#covered", "#shortfall", "#status"):
            if not b.text(figure):
                b.fail(f"{figure} is empty")
        supply = b.text("#supply")
        if supply != "unlimited" and not re.search(r"\d", supply):
            b.fail(f"#supply shows {supply!r}, neither a number nor 'unlimited'")
        b.element("table#entitlements")
        b.element("table#consumers")
        b.element("form#consumer-search input#consumer")
        total, page_size = b.number("#consumer-total"), b.number("#consumer-page-size")
        if total <= page_size:
            b.fail(f"{name} has {total:g} consumers, not more than a page ({page_size:g}): pick another product")
        first = b.text("table#consumers tbody tr td")
        b.click_through("nav#consumer-pages a[rel=next]", "product-consumers-2")
        if b.text("table#consumers tbody tr td") == first:
            b.fail("the next page of consumers starts with the same consumer")
        b.fill("#consumer", first)
        b.click_through("form#consumer-search [type=submit], form#consumer-search button", "product-consumer-search")
        if b.text("table#consumers tbody tr td") != first:
            b.fail(f"searching the consumers for {first!r} did not list it first")
        # A product licensed by concurrent use: its daily peaks against the licenses owned, drawn by the server.
        concurrent = b.api("/api/v1/positions?metric=concurrent&sort=shortfall&limit=1")["items"]
        if not concurrent:
            b.fail("the demo has no product licensed by concurrent use")
            return
        b.open(f"/products/{urllib.parse.quote(concurrent[0]['product'])}", "product-usage")
        b.element("svg[role=img]")

    def position(self, product_id, name):
        b = self.browser
        if b.path != f"/products/{product_id}":
            b.open(f"/products/{product_id}", name)
        return b.number("#supply"), b.number("#shortfall")

    def fill_entitlement(self, entitlement_id, product_id, quantity):
        b = self.browser
        for field in ENTITLEMENT_FIELDS:
            b.element(f"form#entitlement-form [name={field}]#{field}")
        b.fill("#id", entitlement_id)
        b.fill("#product", product_id)
        b.fill("#quantity", quantity)
        b.fill("#unlimited", False)
        b.fill("#vendor", "Browser Check Ltd")
        b.fill("#contract", "BC-2026-07")
        b.fill("#purchaseOrder", "PO-7")
        b.fill("#notes", "Added by scripts/browser_test.py")

    def step_add_entitlement(self):
        """An invalid entitlement is refused beside its field and writes nothing; a valid one raises the supply."""
        b = self.browser
        product_id, name = self.product or self.pick_product()
        supply_before, shortfall_before = self.position(product_id, "product-before")
        b.open("/entitlements", "entitlements")
        b.element("table#entitlements")
        add = b.element("a#add-entitlement.edit-control")
        if not add.get_attribute("href").endswith("/entitlements/new"):
            b.fail("a#add-entitlement does not lead to /entitlements/new")
        b.click_through("a#add-entitlement", "entitlement-new")
        form = b.element("form#entitlement-form")
        if (form.get_attribute("method") or "").lower() != "post":
            b.fail("form#entitlement-form is not method=post")
        entitlement_id = f"browser-check-{int(time.time())}"
        self.fill_entitlement(entitlement_id, product_id, "-3")
        b.click_through("#save", "entitlement-invalid", status=422)
        b.element("#quantity-error")
        self.fill_entitlement(entitlement_id, product_id, str(ADDED_UNITS))
        b.click_through("#save", "entitlement-saved")
        if b.path != f"/products/{product_id}":
            b.fail(f"saving did not lead to /products/{product_id}")
        b.element("#notice")
        supply_after, shortfall_after = b.number("#supply"), b.number("#shortfall")
        if supply_after != supply_before + ADDED_UNITS and not shortfall_after < shortfall_before:
            b.fail(f"supply went {supply_before:g} -> {supply_after:g} and shortfall {shortfall_before:g} -> "
                   f"{shortfall_after:g} after adding {ADDED_UNITS} (the refused -3 must write nothing)")

    def step_import(self):
        """An inventory uploaded, its preview shown, confirmed, and listed among the batches."""
        b = self.browser
        b.open("/imports", "imports")
        form = b.element("form#import-form")
        if (form.get_attribute("enctype") or "").lower() != "multipart/form-data" or not (
            form.get_attribute("action") or ""
        ).endswith("/imports/preview"):
            b.fail("form#import-form is not multipart with action /imports/preview")
        kinds = {option.get_attribute("value") for option in b.elements("select#kind option")}
        if not IMPORT_KINDS <= kinds:
            b.fail(f"select#kind lacks {sorted(IMPORT_KINDS - kinds)}")
        for option in IMPORT_OPTIONS:
            b.element(f"#{option}", within=form)
        # An SCCM export with rows that cannot be read: the preview lists them and offers no confirmation until the
        # upload says to skip them.
        b.fill("#kind", "csv")
        b.fill("#preset", "sccm")
        b.fill("#file", str(self.import_file))
        b.click_through("#preview-button", "import-preview-blocked")
        unreadable = len(b.elements("#invalid li"))
        if unreadable == 0 or b.elements("#confirm"):
            b.fail("the preview of rows that cannot be read should list them and offer no confirmation")
        b.open("/imports", "imports")
        b.fill("#kind", "csv")
        b.fill("#preset", "sccm")
        b.fill("#skipInvalid", True)
        b.fill("#file", str(self.import_file))
        b.click_through("#preview-button", "import-preview")
        if "preview" not in b.text("h1").lower():
            b.fail(f"the h1 says {b.text('h1')!r}, expected a preview")
        b.element("table#preview-counts")
        if len(b.elements("#invalid li")) != unreadable:
            b.fail(f"the preview does not list the {unreadable} rows that cannot be read, with their reasons")
        b.element("form#confirm-form button#confirm")
        b.click_through("#confirm", "import-confirmed")
        if b.path != "/imports":
            b.fail("confirming did not lead to /imports")
        b.element("#notice")
        first_batch = b.text("table#batches tbody tr")
        if self.import_file.name not in first_batch:
            b.fail(f"the first batch is {first_batch!r}, not {self.import_file.name}")

    def step_audit(self):
        """The audit trail is listed and verifies as intact."""
        b = self.browser
        b.open("/audit", "audit")
        b.element("table#audit")
        b.element("form#verify-form button#verify")
        b.click_through("#verify", "audit-verified")
        if "intact" not in b.text("#verify-result"):
            b.fail(f"#verify-result says {b.text('#verify-result')!r}, not 'intact'")

    def step_savings(self):
        """Reclaim (an idle AutoCAD seat recorded as taken back), pool advice, a product's forecast drawn against its
        supply, the chargeback and the audit pack's form."""
        b = self.browser
        b.open("/reclaim?product=autocad", "reclaim")
        if "autocad: shortfall" not in b.text("#reclaim-effects"):
            b.fail(f"#reclaim-effects says {b.text('#reclaim-effects')!r}, not how AutoCAD's shortfall falls")
        before = len(b.elements("table#reclaim tbody tr"))
        b.click_through("table#reclaim tbody tr button", "reclaim-taken-back")
        b.element("#notice")
        after = len(b.elements("table#reclaim tbody tr"))
        if after != before - 1:
            b.fail(f"the reclaim list has {after} lines after one was taken back, not {before - 1}")
        b.open("/pools", "pools")
        if "matlab" not in b.text("table#pools"):
            b.fail("table#pools does not list matlab")
        b.open("/forecast?product=intellij", "forecast")
        b.element("svg")
        if "intellij" not in b.text("table#forecast"):
            b.fail("table#forecast does not list intellij")
        b.open("/reports/chargeback", "chargeback")
        b.element("#chargeback")
        b.element("#chargeback-downloads a")
        b.open("/reports/audit", "audit-pack")
        b.element("#audit-pack")

    def step_accounts(self):
        """A viewer added with a password; an account added without one gets a password shown once."""
        b = self.browser
        b.open("/accounts", "accounts")
        b.element("table#accounts")
        b.element("form#add-account")
        b.fill("#new-name", VIEWER)
        b.fill("#new-role", "viewer")
        b.fill("#new-password-field", VIEWER_PASSWORD)
        b.click_through("#add-account-button", "account-added")
        if VIEWER not in b.text("table#accounts"):
            b.fail(f"table#accounts does not list {VIEWER}")
        b.fill("#new-name", "audrey")
        b.fill("#new-role", "auditor")
        b.fill("#new-password-field", "")
        b.click_through("#add-account-button", "account-added-password")
        if not b.text("#new-password"):
            b.fail("#new-password is empty for an account added without a password")

    def step_phone(self):
        """The dashboard, a product and the entitlement form at a phone's width: nothing wider than the screen (wide
        tables scroll inside their own box)."""
        b = self.browser
        b.driver.set_window_size(390, 844)
        try:
            product = urllib.parse.quote((self.product or self.pick_product())[0])
            pages = (("/", "phone-dashboard"), (f"/products/{product}", "phone-product"),
                     ("/entitlements/new", "phone-entitlement-form"))
            for path, name in pages:
                b.open(path, name)
                width, screen = b.driver.execute_script(
                    "return [document.documentElement.scrollWidth, window.innerWidth]")
                if width > screen:
                    b.fail(f"{name} is {width} px wide on a {screen} px screen")
        finally:
            b.driver.set_window_size(1280, 900)

    def step_sign_out(self):
        """Signing out leads to the sign-in page, and the session no longer opens pages."""
        b = self.browser
        if not b.elements("form#sign-out"):
            b.open("/", "dashboard-again")
        b.signed_in_as = None
        b.click_through("form#sign-out [type=submit], form#sign-out button", "signed-out")
        if b.path != "/signin":
            b.fail("signing out did not land on /signin")
        b.open("/", "signed-out-home")
        if b.path != "/signin":
            b.fail("after signing out, / did not lead to /signin")

    def step_viewer(self):
        """The viewer signs in and sees no control that changes anything on any page."""
        b = self.browser
        if b.path != "/signin":
            b.open("/signin", "signin-viewer")
        self.sign_in(VIEWER, VIEWER_PASSWORD, "viewer")
        self.check_read_only()
        product_id, _ = self.product or self.pick_product()
        pages = [("/products", "viewer-products", SUCCESS), (f"/products/{product_id}", "viewer-product", SUCCESS),
                 ("/entitlements", "viewer-entitlements", MAY_REFUSE), ("/imports", "viewer-imports", MAY_REFUSE),
                 ("/audit", "viewer-audit", MAY_REFUSE), ("/accounts", "viewer-accounts", 403)]
        for path, name, status in pages:
            b.open(path, name, status=status)
            self.check_read_only()

    def check_read_only(self):
        b = self.browser
        if b.elements(".edit-control"):
            b.fail(f"a viewer sees {len(b.elements('.edit-control'))} .edit-control element(s)")
        forms = b.elements("form[method=post i]:not(#sign-out)")
        if forms:
            b.fail(f"a viewer sees a form that posts: #{forms[0].get_attribute('id') or '(no id)'}")

    def step_viewer_sign_out(self):
        """The viewer signs out."""
        self.step_sign_out()


def run(flow):
    """Runs the steps in order, one line each with its time, and the failures each met; True when all passed."""
    b = flow.browser
    steps = [("1 sign in", flow.step_sign_in, True), ("2 dashboard", flow.step_dashboard, False),
             ("3 products", flow.step_products, False), ("4 entitlement", flow.step_add_entitlement, False),
             ("5 import", flow.step_import, False), ("6 audit", flow.step_audit, False),
             ("7 savings and reports", flow.step_savings, False), ("8 accounts", flow.step_accounts, False),
             ("9 phone", flow.step_phone, False), ("10 sign out", flow.step_sign_out, False),
             ("11 viewer", flow.step_viewer, False), ("12 viewer signs out", flow.step_viewer_sign_out, False)]
    passed = failed = 0
    reported = set()  # a problem that many pages share (a missing icon) is said once, in the first step that meets it
    for name, step, essential in steps:
        started = time.monotonic()
        b.problems = []  # what the step met on the way and went on past
        stopped = None  # what ended the step early
        try:
            step()
        except StepFailure as failure:
            stopped = str(failure)
        except WebDriverException as error:
            stopped = f"the browser failed: {error.msg or error} ({b.driver.current_url})"
        except Exception as error:  # a fault of this script, or an answer of the JSON API it did not expect
            stopped = f"{type(error).__name__}: {error} ({b.driver.current_url})"
        try:
            b.check_logs(allowed=set())
        except WebDriverException:
            pass
        failures = [problem for problem in dict.fromkeys(b.problems) if problem not in reported]
        reported.update(failures)
        failures += [stopped] if stopped else []
        seconds = time.monotonic() - started
        if not failures:
            passed += 1
            print(f"ok   {name} ({seconds:.1f} s)", flush=True)
            continue
        failed += 1
        for failure in failures:
            print(f"FAIL step {name}: {failure}", flush=True)
        print(f"fail {name} ({seconds:.1f} s)", flush=True)
        if essential and stopped:
            print("  the steps after it need it; they were not run", flush=True)
            break
    failed = len(steps) - passed
    print(f"browser: {passed} passed, {failed} failed", flush=True)
    return failed == 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the server, e.g. http://127.0.0.1:8080")
    parser.add_argument("--password", required=True, help="the admin's one-time password")
    parser.add_argument("--import-file", required=True, type=Path, help="a GLPI inventory to upload")
    parser.add_argument("--artifacts", type=Path, default=Path("artifacts/browser"))
    parser.add_argument("--docs", type=Path, help="copy the dashboard, product and import preview screenshots here")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--chromedriver", default=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    arguments = parser.parse_args()

    if arguments.artifacts.exists():
        shutil.rmtree(arguments.artifacts)
    arguments.artifacts.mkdir(parents=True)
    try:
        browser = Browser(arguments.url, arguments.chromium, arguments.chromedriver, arguments.artifacts)
    except WebDriverException as error:
        print(f"browser: {arguments.chromedriver} could not start {arguments.chromium}: {error.msg or error}")
        return 1
    try:
        ok = run(Flow(browser, arguments.password, arguments.import_file.resolve()))
    finally:
        browser.close()
    if arguments.docs:
        arguments.docs.mkdir(parents=True, exist_ok=True)
        for page, file_name in DOC_SCREENSHOTS.items():
            if page in browser.screenshots:
                shutil.copyfile(browser.screenshots[page], arguments.docs / file_name)
            else:
                print(f"browser: no screenshot of the {page} page to copy to {arguments.docs}", flush=True)
                ok = False
    print(f"browser: screenshots in {arguments.artifacts}", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
