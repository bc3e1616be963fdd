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
        let write = { (batch: ComityStore.LetterBatchResult) throws in
            for letter in batch.letters { try DocumentFile.write(letter.document, to: (folder as NSString).appendingPathComponent(letter.fileName)) }
            let index = LetterIndex(date: date, issued: issue, letters: batch.letters, skipped: batch.skipped)
            try DocumentFile.write(try renderer.render(index.templateContext, template: "report/letter-index.html", as: .html, schema: "", documentName: "letter index"),
                                   to: (folder as NSString).appendingPathComponent("index.html"))
        }
        let batch = try store.letterBatch(
            date: date, counterpart: counterpart, language: language, format: format, renderer: renderer,
            issuedBy: issue ? clerk : nil, beforeCommit: write)
        let letters = batch.letters
        let skipped = batch.skipped
        let verb = issue ? "issued" : "wrote"
        var message = "\(verb) \(letters.count) letter(s) and index.html in \(folder)"
        if !skipped.isEmpty { message += "; skipped \(skipped.count) request(s), listed in the index" }
        FileHandle.standardError.write(Data("\(message)\n".utf8))
        for s in skipped { FileHandle.standardError.write(Data("skipped \(s.reference): \(s.reason)\n".utf8)) }
    }
}
