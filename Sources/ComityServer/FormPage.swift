import Comity
import Foundation

extension PageRenderer {
    /// A page with forms: the layout's values, the page's own, and the refusal of the form just
    /// sent (`p#form-refusal` at the top; the form puts the sentence beside its field too).
    func formPage(_ name: String, title: String, signedIn: SignedIn, mark: Classification = .unclassified,
                  _ values: [String: Any], refusal: FormRefusal?) throws -> String {
        var values = values
        values["refusal"] = refusal.map { ["message": $0.message, "form": $0.form] as [String: Any] } ?? false
        return try render(name, Layout.context(title: title, signedIn: signedIn, mark: mark, extra: values))
    }
}

extension FormView {
    /// The levels a person may record: none above their clearance.
    static func classifications(upTo clearance: Classification) -> [Choice] {
        Classification.allCases.filter { $0 <= clearance }.map { Choice($0.rawValue) }
    }
}

extension Path {
    /// A value as a link's query carries it.
    static func queryValue(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~"))) ?? value
    }
}

