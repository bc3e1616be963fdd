import Comity

/// The values of the letter pages: the choices of the preview form, the draft, a register row.
enum LetterPreviewPage {
    /// - Parameter kinds: the kinds the request takes: the ladder's steps for a request we sent,
    ///   the reply letters for one that came to us.
    static func choices(_ choice: LetterChoice, kinds: [LetterKind], languages: [LetterLanguage]) -> [String: Any] {
        var tags = languages.map(\.rawValue)
        if !tags.contains(choice.lang) { tags.append(choice.lang) }
        return [
            "kinds": kinds.map { ["value": $0.rawValue, "title": $0.title, "selected": $0.rawValue == choice.kind] as [String: Any] },
            "languages": tags.map { ["value": $0, "selected": $0 == choice.lang] as [String: Any] },
            "formats": LetterChoice.formats.map { format in
                ["value": format, "title": formatTitle(format), "selected": format == choice.format] as [String: Any]
            },
        ]
    }

    static func draft(_ letter: Letter, choice: LetterChoice, reference: String) -> [String: Any] {
        let open = "/requests/\(Path.escape(reference))/letter/document?\(choice.query)"
        return [
            "kind": letter.kind.rawValue, "kindTitle": letter.kind.title, "language": letter.language.rawValue,
            "recordsFollowUp": letter.kind.escalation != nil,
            "format": choice.format, "formatTitle": formatTitle(choice.format), "issueFormat": letter.format,
            "date": letter.date.iso, "classification": letter.classification.rawValue, "sender": letter.sender,
            "openHref": open, "downloadHref": open + "&download=1",
        ]
    }

    static func row(_ entry: LetterEntry) -> [String: Any] {
        [
            "number": entry.number, "numberPath": LetterPath.escape(entry.number),
            "requestReference": entry.requestReference, "requestPath": Path.escape(entry.requestReference),
            "kind": entry.kind.rawValue, "kindTitle": entry.kind.title, "date": entry.date.iso,
            "language": entry.language.rawValue, "format": entry.format, "classification": entry.classification.rawValue,
            "sha": String(entry.sha256.prefix(16)),
        ]
    }

    static func formatTitle(_ format: String) -> String {
        switch format {
        case "xml": return "XML"
        case "print": return "HTML to print (PDF-ready)"
        default: return "HTML"
        }
    }
}
