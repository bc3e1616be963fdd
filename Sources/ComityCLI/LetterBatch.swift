import Comity
import Dispatch
import Foundation

/// `letter --all-stalled`: the next letter for every stalled request, one file each, and an index page.
struct LetterBatch {
    let desk: Desk
    let renderer: DocumentRenderer
    let language: LetterLanguage
    let format: DocumentKind
    let date: CalendarDate
    let counterpart: String?
    let folder: String
    let issue: Bool

    func run() throws {
        let out = try DocumentFile.Folder(folder, sparing: desk.files)
        if let counterpart { _ = try Party.validCode(counterpart) }
        // Every file is written whole under a hidden name first, then renamed into place: each
        // letter by the thread that rendered it, the index once the batch is complete.
        let files = StagedFiles()
        var indexFile: DocumentFile.Staged?
        // When issuing, files are staged before the register commits (a file that cannot be
        // written issues nothing) and placed after it (a crash in between leaves no file
        // bearing a number never issued).
        let stageIndex = { (index: LetterIndex) in
            let page = try renderer.render(
                index.templateContext(phrases: try renderer.phrasebook(language)), template: Self.indexTemplate, as: .html, schema: "",
                documentName: "letter index")
            indexFile = try out.stage(page, named: "index.html")
        }
        // An index that shows no digest is written while the last letters render, not after them;
        // the skipped requests' lines too.
        let early = !renderer.names("sha256", in: Self.indexTemplate)
        var skippedLines = ""
        let batch: LetterBatchResult
        do {
            batch = try desk.letterBatch(
                date: date, counterpart: counterpart, language: language, format: format, renderer: renderer, issue: issue,
                digests: !early, deliver: { letter, index in files.put(try out.stage(letter.document, named: letter.fileName, sync: false), at: index) },
                composed: { index in
                    if early { try stageIndex(index) }
                    skippedLines = index.skipped.map { TerminalText.shown("skipped \($0.reference): \($0.reason)") + "\n" }.joined()
                }
            ) { batch in
                if !early {
                    try stageIndex(LetterIndex(date: date, issued: issue, letters: batch.letters, skipped: batch.skipped, withheld: batch.withheld))
                }
            }
        } catch {
            files.all.forEach { $0.discard() }
            indexFile?.discard()
            throw error
        }
        let letters = batch.letters
        let skipped = batch.skipped
        // The letters are renamed into place on every core, the index last, once they all are.
        let staged = files.all
        let failed = FirstFailure()
        let lanes = max(1, min(ProcessInfo.processInfo.activeProcessorCount, staged.count))
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            for index in stride(from: lane, to: staged.count, by: lanes) where !failed.happened {
                do throws(ComityError) { try staged[index].place() } catch { failed.record(error) }
            }
        }
        if failed.happened { staged.forEach { $0.discard() } }
        do throws(ComityError) {
            if let error = failed.error { throw error }
            try indexFile!.place()
        } catch {
            indexFile!.discard()
            guard issue else { throw error }
            throw ComityError.output("the \(letters.count) letter(s) were issued, but \(error.description); 'comity letter show NUMBER --out FILE' writes any of them again")
        }
        let verb = issue ? "issued" : "wrote"
        var message = "\(verb) \(letters.count) letter(s) and index.html in \(folder)"
        if !skipped.isEmpty { message += "; skipped \(skipped.count) request(s), listed in the index" }
        if batch.withheld > 0 { message += "; withheld \(batch.withheld) request(s) above your clearance" }
        // One write for what may be thousands of lines.
        Output.note(TerminalText.shown(message) + "\n" + skippedLines)
    }

    static let indexTemplate = "report/letter-index.html"
}

/// The first file of a batch that could not be placed, from any thread.
final class FirstFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var first: ComityError?

    func record(_ error: ComityError) {
        lock.lock()
        if first == nil { first = error }
        lock.unlock()
    }

    var error: ComityError? {
        lock.lock()
        defer { lock.unlock() }
        return first
    }

    var happened: Bool { error != nil }
}

/// The staged letter files of a batch, put by the threads that render them, kept in the batch's order.
final class StagedFiles: @unchecked Sendable {
    private let lock = NSLock()
    /// By place in the batch; nil for a letter not staged (yet).
    private var files: [DocumentFile.Staged?] = []

    func put(_ file: DocumentFile.Staged, at index: Int) {
        lock.lock()
        if index >= files.count { files.append(contentsOf: repeatElement(nil, count: index + 1 - files.count)) }
        files[index] = file
        lock.unlock()
    }

    var all: [DocumentFile.Staged] {
        lock.lock()
        defer { lock.unlock() }
        return files.compactMap { $0 }
    }
}
