import TallyCore
import TallyFormats

/// A form that adds or edits a record: the values as sent (or as the record holds them), the boxes ticked, and
/// what is wrong with each field. Its controls put each error beside its field, for eyes and screen readers.
protocol RecordForm {
    var values: [String: String] { get }
    var checked: Set<String> { get }
    var errors: [String: String] { get set }
}

extension RecordForm {
    /// The date the field `name` holds; nil when blank, or when it is not a date (which is then its error).
    mutating func day(_ name: String) -> Day? {
        guard let text = values[name] else { return nil }
        guard let day = Day(text) else {
            errors[name] = "a date as YYYY-MM-DD"
            return nil
        }
        return day
    }

    /// A labelled input with its error, if any.
    func field(_ name: String, _ label: String, type: String = "text", hint: String? = nil, extra: HTML = "") -> HTML {
        let described: HTML = errors[name] != nil ? " aria-invalid=\"true\" aria-describedby=\"\(name)-error\"" : ""
        let hintText: HTML = hint.map { " <span class=\"muted\">(\($0))</span>" } ?? ""
        return """
            <div class="field"><label for="\(name)">\(label)\(hintText)</label>
            <input id="\(name)" name="\(name)" type="\(type)" value="\(values[name] ?? "")"\(described)\(extra)>\(error(name))</div>
            """
    }

    /// A labelled checkbox.
    func checkbox(_ name: String, _ label: String) -> HTML {
        """
        <div class="field"><label><input id="\(name)" name="\(name)" type="checkbox" value="on"\(checked.contains(name) ? " checked" : "")>
        \(label)</label></div>
        """
    }

    /// A labelled select of `options`, the value sent selected.
    func select(_ name: String, _ label: String, _ options: [String]) -> HTML {
        let choices = options.html { option in
            "<option value=\"\(option)\"\(values[name] == option ? " selected" : "")>\(option)</option>"
        }
        return """
            <div class="field"><label for="\(name)">\(label)</label><select id="\(name)" name="\(name)">\(choices)</select>
            \(error(name))</div>
            """
    }

    /// A labelled text area across the form.
    func notes(_ name: String, _ label: String) -> HTML {
        """
        <div class="field wide"><label for="\(name)">\(label)</label>
        <textarea id="\(name)" name="\(name)" rows="3" cols="60">\(values[name] ?? "")</textarea>\(error(name))</div>
        """
    }

    /// The errors above the form: how many values need correcting, and one that belongs to no field.
    var summary: HTML {
        guard !errors.isEmpty else { return "" }
        let count: HTML = errors.count == 1 ? "One value needs" : "\(errors.count) values need"
        let general: HTML =
            errors["form"].map { "<p role=\"alert\" class=\"problem\" id=\"form-error\">\($0)</p>" } ?? ""
        return "<p role=\"alert\" class=\"problem\">\(count) correcting; nothing was saved.</p>\(general)"
    }

    private func error(_ name: String) -> HTML {
        errors[name].map { "<p class=\"field-error\" id=\"\(name)-error\">\($0)</p>" } ?? ""
    }

    /// Puts an operation's refusal beside the field it names (`entitlement "E1" quantity`), or above the form.
    static func field(of error: any Error, among names: [String]) -> (field: String, message: String) {
        let problem = Problem(error)
        let field = problem.field.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "." }).last.map(String.init) }
        if let field, names.contains(field) { return (field, problem.detail) }
        return ("form", problem.detail)
    }
}
