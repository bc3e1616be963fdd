/// The people a letter names: who signs it, to whom it is addressed, who makes the démarche.
///
/// A note verbale is from an embassy or ministry to a ministry, third person and unsigned, and
/// names nobody. A ministerial letter is from a minister to a minister: signed by the head of
/// the sending authority and addressed to the head of the receiving one. An aide-mémoire bears
/// no signature, but is left by the ambassador making the démarche: the embassy's head. A
/// reminder is from office to office, and talking points are our own brief.
package struct LetterPeople {
    let kind: EscalationStep
    let language: LetterLanguage
    let sender: Authority?
    let addressee: Authority?
    let translations: Translations

    /// The authority whose head signs the letter, if a person signs it.
    var signing: Authority? { kind == .ministerial ? sender : nil }
    /// The authority whose head the letter is addressed to, if it is addressed to a person.
    var receiving: Authority? { kind == .ministerial ? addressee : nil }
    /// The embassy whose head makes the démarche an aide-mémoire is left at.
    var demarche: Authority? { kind == .aideMemoire ? sender : nil }

    /// The title and name of `authority`'s head in the letter's language, nil if either is not recorded.
    func head(of authority: Authority) -> (title: String, name: String)? {
        let head = authority.head, tag = language.rawValue
        let (title, name) = tag == "en" ? (head.title, head.name)
            : (translations.text(.authority, authority.id, .headTitle, in: tag), translations.text(.authority, authority.id, .headName, in: tag))
        guard let title, let name, !title.isEmpty, !name.isEmpty else { return nil }
        return (title, name)
    }

    /// Each person the form needs whose title or name is not recorded, with how to record it.
    func missing() -> [String] {
        let roles: [(Authority?, String, String)] = [
            (signing, "who signs a ministerial letter", ", or choose the signing minister with --signatory"),
            (receiving, "to whom a ministerial letter is addressed", ""),
            (demarche, "the ambassador who makes the démarche and leaves the aide-mémoire", ""),
        ]
        return roles.compactMap { authority, role, other in
            guard let authority, head(of: authority) == nil else { return nil }
            let tag = language.rawValue
            let (which, command) = tag == "en"
                ? ("the title and name", "comity authority head \(authority.id) --head-title … --head-name …")
                : ("the \(tag) title and name", "comity translate authority \(authority.id) --lang \(tag) --head-title … --head-name …")
            return "\(which) of the head of \(authority.id), \(role) (record them with '\(command)'\(other))"
        }
    }

    /// The template values: `signatory`, `recipient` and `demarche`, each an object with the
    /// head's `title` and `name` (the signatory also `selfJa`, how the signer speaks of himself
    /// in Japanese: 本使 for an ambassador, 本大臣 for a minister), or false.
    func context() -> [String: TemplateValue] {
        func person(_ authority: Authority?) -> TemplateValue {
            guard let authority, let head = head(of: authority) else { return .flag(false) }
            return .object([
                "title": .text(head.title), "name": .text(head.name),
                "selfJa": .text(authority.role == .embassy ? "本使" : "本大臣"),
            ])
        }
        return ["signatory": person(signing), "recipient": person(receiving), "demarche": person(demarche)]
    }
}

extension LetterFacts {
    /// Refuses a signatory or addressee the clerk chose that the form or the direction does not
    /// allow: only a ministerial letter is signed by a person, and by a minister of our state;
    /// an aide-mémoire and talking points are addressed to no one; an addressee is of their state.
    package func checkChoices(for kind: EscalationStep) throws(ValidationFailure) {
        if let signatory {
            guard kind == .ministerial else {
                throw ValidationFailure("--signatory names the minister who signs a ministerial letter; the \(kind.title.lowercased()) is signed by no one named, so leave it out")
            }
            guard signatory.party == ourParty.code else {
                throw ValidationFailure("--signatory \(signatory.id) is an authority of \(signatory.party); a letter this desk sends is signed by an authority of \(ourParty.code)")
            }
            guard signatory.role != .embassy else {
                throw ValidationFailure("--signatory \(signatory.id) is an embassy; a ministerial letter is from a minister to a minister, so choose a ministry or commission of \(ourParty.code)")
            }
        }
        if let chosenAddressee {
            guard kind != .aideMemoire && kind != .talkingPoints else {
                throw ValidationFailure("--addressee names whom a letter goes to; the \(kind.title.lowercased()) bears no address, so leave it out")
            }
            guard chosenAddressee.party == theirParty.code else {
                throw ValidationFailure("--addressee \(chosenAddressee.id) is an authority of \(chosenAddressee.party); this letter goes to \(theirParty.code), so choose one of its authorities")
            }
        }
    }
}
