/// A form as a page shows it: its fields, their labels, the values sent back after a refusal,
/// and the sentence beside the field it is about. One partial (`web/form.mustache`) draws them all.
struct FormView {
    enum Kind {
        case text, date, password, textarea, checkbox
        case select([Choice])
    }

    struct Choice {
        var value: String
        var label: String
        init(_ value: String, _ label: String? = nil) {
            self.value = value
            self.label = label ?? value
        }
    }

    struct Field {
        var name: String
        var label: String
        var kind: Kind = .text
        var required = false
        var hint = ""
        /// The value shown before anything is sent.
        var initial = ""
        /// The record's column names a library refusal may name (`sent_date` for `sent`).
        var columns: [String] = []
    }

    var id: String
    var action: String
    var title: String
    var button: String
    var fields: [Field]
    /// Hidden values the form carries besides the token.
    var hidden: [String: String] = [:]

    /// Choices made of an enumeration's raw values.
    static func choices<T: CaseIterable & RawRepresentable>(_ type: T.Type, blank: String? = nil) -> [Choice] where T.RawValue == String {
        (blank.map { [Choice("", $0)] } ?? []) + T.allCases.map { Choice($0.rawValue) }
    }

    /// The field a refusal is about, by its name or by a column it stands for.
    func field(for refusal: FormRefusal) -> String? {
        guard refusal.form == id else { return nil }
        if let named = refusal.field, let field = fields.first(where: { $0.name == named || $0.columns.contains(named) }) {
            return field.name
        }
        return nil
    }

    /// The template context: `refusal` (if it is this form's) fills the fields with what was sent.
    func context(_ refusal: FormRefusal? = nil) -> [String: Any] {
        let mine = refusal?.form == id ? refusal : nil
        let refusedField = mine.flatMap(field(for:))
        return [
            "formID": id, "action": action, "formTitle": title, "button": button,
            "hidden": hidden.sorted { $0.key < $1.key }.map { ["name": $0.key, "value": $0.value] },
            "fields": fields.map { field -> [String: Any] in
                // A password is never sent back to the browser.
                let value = if case .password = field.kind { "" } else { mine.map { $0.values[field.name] ?? "" } ?? field.initial }
                var out: [String: Any] = [
                    "name": field.name, "label": field.label, "fieldID": "\(id)-\(field.name)", "value": value,
                    "required": field.required, "hint": field.hint.isEmpty ? false : field.hint,
                    "error": refusedField == field.name ? mine!.message : false,
                    "isInput": false, "isTextarea": false, "isSelect": false, "isCheckbox": false, "type": "text", "choices": [] as [Any],
                ]
                switch field.kind {
                case .text: out["isInput"] = true
                case .date: out["isInput"] = true; out["type"] = "date"
                case .password: out["isInput"] = true; out["type"] = "password"
                case .textarea: out["isTextarea"] = true
                case .checkbox: out["isCheckbox"] = true; out["checked"] = value == "on"
                case .select(let choices):
                    out["isSelect"] = true
                    out["choices"] = choices.map { ["value": $0.value, "label": $0.label, "selected": $0.value == value] as [String: Any] }
                }
                return out
            },
        ]
    }
}
