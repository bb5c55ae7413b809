import TallyApp
import TallyCore
import TallyFormats

/// The entitlement form: its values as sent, what is wrong with each, and the change they make. Values that do not
/// read (a quantity that is not a number, a date that is not one) are found here; what the estate's rules say of
/// the record (a quantity below 1, an end before the start, a product that does not exist) the operation finds,
/// and its message goes beside the field it names. Nothing is written while any is wrong.
struct EntitlementForm: RecordForm {
    /// The values as sent (or, for an edit, as the record holds them), by field name.
    var values: [String: String] = [:]
    var checked: Set<String> = []
    /// What is wrong, by field name.
    var errors: [String: String] = [:]

    static let textFields = [
        "id", "product", "quantity", "version", "start", "end", "scope", "unitCost", "currency", "costPeriod", "vendor",
        "contract", "purchaseOrder", "notes",
    ]

    init(_ fields: FormFields) {
        for name in Self.textFields { values[name] = fields.text(name) }
        for name in ["unlimited", "downgrade"] where fields.isChecked(name) { checked.insert(name) }
    }

    init(_ item: Entitlement) {
        values = [
            "id": item.id.rawValue, "product": item.product.rawValue, "quantity": item.quantity.map(String.init),
            "version": item.version?.text, "start": item.start?.description, "end": item.end?.description,
            "scope": item.scope?.rawValue, "unitCost": item.unitCost.map { String($0) },
            "currency": item.currency,
            "costPeriod": item.costPeriod.rawValue, "vendor": item.vendor, "contract": item.contract,
            "purchaseOrder": item.purchaseOrder, "notes": item.notes,
        ].compactMapValues { $0 }
        if item.unlimited { checked.insert("unlimited") }
        if item.downgrade { checked.insert("downgrade") }
    }

    init(product: String?) {
        values["product"] = product
        values["costPeriod"] = Entitlement.CostPeriod.once.rawValue
    }

    /// The change the form makes; blank optional values are cleared. Fills `errors` with what does not read.
    mutating func change() -> EntitlementChange {
        var change = EntitlementChange()
        change.product = values["product"].map { .init($0) }
        if let text = values["quantity"] {
            if let quantity = Int(text) { change.quantity = quantity } else { errors["quantity"] = "a whole number" }
        }
        change.unlimited = checked.contains("unlimited")
        change.downgrade = checked.contains("downgrade")
        change.version = values["version"]
        change.start = day("start")
        change.end = day("end")
        change.scope = values["scope"]
        if let text = values["unitCost"] {
            if let cost = CellValue.money(text) { change.unitCost = cost } else { errors["unitCost"] = "an amount" }
        }
        change.currency = values["currency"]
        if let text = values["costPeriod"] {
            if let period = Entitlement.CostPeriod(rawValue: text) {
                change.costPeriod = period
            } else {
                errors["costPeriod"] = "once, month or year"
            }
        }
        change.vendor = values["vendor"]
        change.contract = values["contract"]
        change.purchaseOrder = values["purchaseOrder"]
        change.notes = values["notes"]
        for field in EntitlementChange.Field.allCases where values[field.rawValue] == nil {
            change.cleared.insert(field)
        }
        return change
    }

    /// Puts an operation's refusal beside the field it names, or above the form.
    mutating func refused(_ error: any Error) {
        let (field, message) = Self.field(of: error, among: Self.textFields + ["unlimited"])
        errors[field] = message
    }

    /// The form, posting to `action`; the id is asked only of a new entitlement.
    func html(action: String, isNew: Bool, shell: PageShell) -> HTML {
        let idField: HTML =
            isNew
            ? field("id", "Id", hint: "unique, e.g. E-2026-014", extra: " required maxlength=\"200\"")
            : "<input type=\"hidden\" name=\"id\" value=\"\(values["id"] ?? "")\">"
        return """
            \(summary)
            <form id="entitlement-form" class="record" method="post" action="\(action)">\(shell.csrfField)
            \(idField)
            \(field("product", "Product id", extra: " required maxlength=\"200\""))
            \(field("quantity", "Units", type: "text", hint: "blank with unlimited", extra: " inputmode=\"numeric\""))
            \(checkbox("unlimited", "Unlimited (a site or enterprise agreement)"))
            \(field("version", "Version", hint: "blank: any"))
            \(checkbox("downgrade", "Downgrade rights (covers earlier versions)"))
            \(field("start", "Start", type: "date"))
            \(field("end", "End (last day)", type: "date"))
            \(field("scope", "Department scope", hint: "blank: whole organisation"))
            \(field("unitCost", "Unit cost", extra: " inputmode=\"decimal\""))
            \(field("currency", "Currency", hint: "blank: the estate's; else a code such as USD", extra: " maxlength=\"3\""))
            \(select("costPeriod", "Cost period", Entitlement.CostPeriod.allCases.map(\.rawValue)))
            \(field("vendor", "Vendor"))
            \(field("contract", "Contract", hint: "a contract's id groups it with the contract"))
            \(field("purchaseOrder", "Purchase order"))
            \(notes("notes", "Notes"))
            <div class="field wide"><button id="save" class="edit-control" type="submit">Save</button>
            <a href="/entitlements">Cancel</a></div>
            </form>
            """
    }
}
