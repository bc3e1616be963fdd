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
    let clearance: Classification
    let folder: String
    let issue: Bool

    func run() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationFailure("the folder \(folder) does not exist; create it first")
        }
        if let counterpart { _ = try Party.validCode(counterpart) }
        // Every file is written whole under a hidden name first, then renamed into place.
        let stage = { (batch: ComityStore.LetterBatchResult) throws -> [DocumentFile.Staged] in
            var staged: [DocumentFile.Staged] = []
            do {
                for letter in batch.letters {
                    staged.append(try DocumentFile.stage(letter.document, for: (folder as NSString).appendingPathComponent(letter.fileName), sync: false))
                }
                let index = LetterIndex(date: date, issued: issue, letters: batch.letters, skipped: batch.skipped, withheld: batch.withheld)
                let page = try renderer.render(index.templateContext, template: "report/letter-index.html", as: .html, schema: "", documentName: "letter index")
                staged.append(try DocumentFile.stage(page, for: (folder as NSString).appendingPathComponent("index.html")))
            } catch {
                staged.forEach { $0.discard() }
                throw error
            }
            return staged
        }
        // When issuing, files are staged before the register commits (a file that cannot be
        // written issues nothing) and placed after it (a crash in between leaves no file
        // bearing a number never issued).
        var staged: [DocumentFile.Staged] = []
        let batch: ComityStore.LetterBatchResult
        do {
            batch = try store.letterBatch(
                date: date, counterpart: counterpart, language: language, format: format, renderer: renderer,
                clearance: clearance, issuedBy: issue ? clerk : nil) { batch in staged = try stage(batch) }
        } catch {
            staged.forEach { $0.discard() }
            throw error
        }
        let letters = batch.letters
        let skipped = batch.skipped
        for (index, file) in staged.enumerated() {
            do {
                try file.place()
            } catch {
                staged.dropFirst(index + 1).forEach { $0.discard() }
                guard issue else { throw error }
                throw ComityError.output("the \(letters.count) letter(s) were issued, but \(error.description); 'comity letter show NUMBER --out FILE' writes any of them again")
            }
        }
        let verb = issue ? "issued" : "wrote"
        var message = "\(verb) \(letters.count) letter(s) and index.html in \(folder)"
        if !skipped.isEmpty { message += "; skipped \(skipped.count) request(s), listed in the index" }
        if batch.withheld > 0 { message += "; withheld \(batch.withheld) request(s) above your clearance" }
        Output.note("\(message)\n")
        for s in skipped { Output.note("skipped \(s.reference): \(s.reason)\n") }
    }
}
