import TallyApp
import TallyCore
import TallyFormats

/// The contract form: its values, what is wrong with each, and the change they make (blank values cleared).
struct ContractForm: RecordForm {
    var values: [String: String] = [:]
    var checked: Set<String> = []
    var errors: [String: String] = [:]

    static let textFields = ["id", "vendor", "number", "start", "end", "renewal", "noticeDays", "owner", "notes"]

    init(_ fields: FormFields) {
        for name in Self.textFields { values[name] = fields.text(name) }
        if fields.isChecked("autoRenew") { checked.insert("autoRenew") }
    }

    init(_ item: Contract) {
        values = [
            "id": item.id.rawValue, "vendor": item.vendor, "number": item.number, "start": item.start?.description,
            "end": item.end?.description, "renewal": item.renewal?.description,
            "noticeDays": item.noticeDays.map(String.init), "owner": item.owner, "notes": item.notes,
        ].compactMapValues { $0 }
        if item.autoRenew { checked.insert("autoRenew") }
    }

    init() {}

    /// The change the form makes; fills `errors` with what does not read.
    mutating func change() -> ContractChange {
        var change = ContractChange()
        change.vendor = values["vendor"]
        change.number = values["number"]
        change.owner = values["owner"]
        change.notes = values["notes"]
        change.autoRenew = checked.contains("autoRenew")
        change.start = day("start")
        change.end = day("end")
        change.renewal = day("renewal")
        if let text = values["noticeDays"] {
            if let days = Int(text) { change.noticeDays = days } else { errors["noticeDays"] = "a number of days" }
        }
        for field in ContractChange.Field.allCases where values[field.rawValue] == nil {
            change.cleared.insert(field)
        }
        return change
    }

    mutating func refused(_ error: any Error) {
        let (field, message) = Self.field(of: error, among: Self.textFields)
        errors[field] = message
    }

    func html(action: String, isNew: Bool, shell: PageShell) -> HTML {
        let idField: HTML =
            isNew
            ? field("id", "Id", hint: "what entitlements name as their contract", extra: " required maxlength=\"200\"")
            : "<input type=\"hidden\" name=\"id\" value=\"\(values["id"] ?? "")\">"
        return """
            \(summary)
            <form id="contract-form" class="record" method="post" action="\(action)">\(shell.csrfField)
            \(idField)
            \(field("vendor", "Vendor"))
            \(field("number", "Number or reference"))
            \(field("start", "Start", type: "date"))
            \(field("end", "End (last day, unless it renews)", type: "date"))
            \(field("renewal", "Renewal date", type: "date", hint: "blank: its end"))
            \(field("noticeDays", "Notice period in days", extra: " inputmode=\"numeric\""))
            \(checkbox("autoRenew", "Renews by itself unless notice is given"))
            \(field("owner", "Owner", hint: "an account or an email address"))
            \(notes("notes", "Notes"))
            <div class="field wide"><button id="save" class="edit-control" type="submit">Save</button>
            <a href="/contracts">Cancel</a></div>
            </form>
            """
    }
}
