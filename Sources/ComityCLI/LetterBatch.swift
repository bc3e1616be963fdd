import Comity
import Foundation

/// `letter --all-stalled`: the next letter for every stalled request, one file each, and an index page.
struct LetterBatch {
    let store: ComityStore
    let renderer: DocumentRenderer
    let clerk: Clerk
    let language: LetterLanguage
    let format: DocumentKind
    let date: CalendarDate
    let counterpart: String?
    let folder: String
    let issue: Bool

    func run() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationFailure("the folder \(folder) does not exist; create it first")
        }
        if let counterpart { _ = try Party.validCode(counterpart) }
        let stalled = try store.assessments(.init(asOf: date, counterpart: counterpart))
        var specs: [LetterSpec] = []
        var skipped: [LetterIndex.Skipped] = []
        for a in stalled {
            if a.ballWith == .us {
                skipped.append(.init(reference: a.reference, reason: "the ball is with us: \(a.nextStep)"))
                continue
            }
            let spec = LetterSpec(reference: a.reference, language: language, format: format, date: date)
            do {
                _ = try store.previewLetter(spec, renderer: renderer)
                specs.append(spec)
            } catch {
                guard error.category == .invalid else { throw error }
                skipped.append(.init(reference: a.reference, reason: error.description))
            }
        }
        let write = { (letters: [Letter]) throws in
            for letter in letters { try DocumentFile.write(letter.document, to: (folder as NSString).appendingPathComponent(letter.fileName)) }
            let index = LetterIndex(date: date, issued: issue, letters: letters, skipped: skipped)
            try DocumentFile.write(try renderer.render(index.templateContext, template: "report/letter-index.html", as: .html, schema: "", documentName: "letter index"),
                                   to: (folder as NSString).appendingPathComponent("index.html"))
        }
        let letters: [Letter]
        if issue {
            letters = try store.issueLetters(specs, renderer: renderer, by: clerk, beforeCommit: write)
        } else {
            letters = try specs.map { try store.previewLetter($0, renderer: renderer) }
            try write(letters)
        }
        let verb = issue ? "issued" : "wrote"
        var message = "\(verb) \(letters.count) letter(s) and index.html in \(folder)"
        if !skipped.isEmpty { message += "; skipped \(skipped.count) request(s), listed in the index" }
        Output.note("\(message)\n")
        for s in skipped { Output.note("skipped \(s.reference): \(s.reason)\n") }
    }
}
