import Comity
import Foundation

/// The letter a person asks for, as the query or the form gives it: its kind (none: the one
/// the stall engine recommends), its language and its format (html, xml, or print: the HTML
/// with its print stylesheet, which every HTML letter carries).
struct LetterChoice: Sendable {
    var kind: String?
    var lang: String
    var format: String

    static let formats = ["html", "xml", "print"]

    init(kind: String?, lang: String?, format: String?) {
        self.kind = kind
        self.lang = lang ?? "en"
        self.format = format?.lowercased() ?? "html"
    }

    /// The document format, refused in the command line's words.
    func documentKind() throws(ValidationFailure) -> DocumentKind {
        if format == "print" { return .html }
        guard let kind = DocumentKind(rawValue: format) else {
            throw ValidationFailure("'\(printable(format))' is not a letter format; use xml, html or print")
        }
        return kind
    }

    /// What the desk takes, checked as `comity letter write` checks it: the language's phrase
    /// file first, then the kind.
    func spec(_ reference: String, date: CalendarDate, clearance: Classification, renderer: DocumentRenderer) throws -> LetterSpec {
        let language = try LetterLanguage(tag: lang)
        _ = try renderer.phrasebook(language)
        return LetterSpec(
            reference: reference, kind: try kind.map { try LetterKind.parse($0, field: "letter kind") },
            language: language, format: try documentKind(), date: date, clearance: clearance)
    }

    /// The query that asks for the same letter.
    var query: String {
        var pairs = kind.map { [("kind", $0)] } ?? []
        pairs += [("lang", lang), ("format", format)]
        return pairs.map { "\($0.0)=\(Self.escape($0.1))" }.joined(separator: "&")
    }

    private static func escape(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~"))) ?? ""
    }
}

/// A refusal a page shows in its place (a choice or a rule that does not hold), with its status;
/// nil for one the error page shows (not found, not allowed, a failure of the store).
enum InPlaceRefusal {
    static func of(_ error: any Error) -> WebError? {
        switch WebError.from(error) {
        case .comity(let error) where [.invalid, .invalidMove, .document].contains(error.category): return .comity(error)
        default: return nil
        }
    }
}
