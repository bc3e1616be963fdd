import ArgumentParser
import Comity
import Foundation

struct LetterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letter", abstract: "Letters: the escalation ladder for requests we sent, reply letters for those that came to us, and the register of issued letters.",
        subcommands: [Write.self, List.self, Show.self], defaultSubcommand: Write.self)

    struct Write: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "write",
            abstract: "Render the next letter a request needs (a preview unless --issue).",
            discussion: """
            For a request we sent, the letter is a step of the escalation ladder: without --kind, the \
            next step the stall engine recommends. For a request that came to us, it is the letter of \
            our reply as recorded ('comity reply add'): without --kind, the reply letter the request's \
            next step needs, else that of our latest reply. --issue numbers the letter in the sender's \
            register and stores it with its SHA-256; a step of the ladder is also recorded as a \
            follow-up, a reply letter is not.
            """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The request to follow up or answer.") var reference: String?
        @Option(help: ArgumentHelp("\(EscalationStep.choices) for a request we sent; \(ReplyLetter.choices) for one that came to us (default: the next step's letter).")) var kind: String?
        @Option(help: "Language: a folder of the templates with its phrase file (en, ja, zh-Hans, …).") var lang: String = "en"
        @Option(help: "Format: xml or html.") var format: String = "html"
        @Option(help: "The letter's date (default: today).", transform: DateArgument.parse) var asOf: CalendarDate?
        @Option(help: "Write to this file instead of standard output.") var out: String?
        @Flag(help: "Issue the letter: number it and record it. Without this nothing is written to the database.") var issue = false
        @Flag(help: "The next letter for every stalled request, one file each, with an index page.") var allStalled = false
        @Option(help: "With --all-stalled: the folder to write the letters into.") var outDir: String?
        @Option(help: "With --all-stalled: only requests to this state.") var counterpart: String?
        @Option(help: "The authority whose head signs a ministerial letter (default: the request's sender).") var signatory: String?
        @Option(help: "The authority the letter goes to (default: the form's usual addressee).") var addressee: String?
        @OptionGroup var asRecorded: AsRecordedOption
        @OptionGroup var clearance: ClearanceOption
        @OptionGroup var templates: TemplateOptions

        func validate() throws {
            if asRecorded.day != nil {
                guard !issue else { throw ValidationError("a letter as recorded on a past day is a preview only; leave out --issue, or --as-recorded to issue one") }
                guard !allStalled else { throw ValidationError("--as-recorded previews one request's letter; leave out --all-stalled") }
            }
            if allStalled {
                guard reference == nil else { throw ValidationError("give either a request reference or --all-stalled, not both") }
                guard outDir != nil else { throw ValidationError("--all-stalled needs --out-dir DIR for the letters") }
                guard out == nil, kind == nil, signatory == nil, addressee == nil else {
                    throw ValidationError("--all-stalled writes the recommended letter for each request; leave out --out, --kind, --signatory and --addressee")
                }
            } else {
                guard reference != nil else { throw ValidationError("give the request to follow up or answer, or --all-stalled") }
                guard outDir == nil, counterpart == nil else { throw ValidationError("--out-dir and --counterpart go with --all-stalled") }
            }
        }

        func run() throws {
            let language = try LetterLanguage(tag: lang)
            guard let document = DocumentKind(rawValue: format.lowercased()) else {
                throw ValidationFailure("'\(format)' is not a letter format; use xml or html")
            }
            let desk = try global.openDesk(clearance)
            let date = asOf ?? asRecorded.day ?? desk.clerk.today
            let renderer = try templates.renderer()
            _ = try renderer.phrasebook(language)
            if allStalled {
                return try LetterBatch(desk: desk, renderer: renderer, language: language, format: document,
                                       date: date, counterpart: counterpart, folder: outDir!, issue: issue).run()
            }
            let spec = LetterSpec(
                reference: reference!, kind: try kind.map { try LetterKind.parse($0, field: "letter kind") },
                language: language, format: document, date: date, clearance: desk.clearance, recordedBy: asRecorded.day,
                signatory: signatory, addressee: addressee)
            guard issue else {
                return try DocumentOutput.emit(try desk.previewLetter(spec, renderer: renderer).document, to: out, sparing: desk)
            }
            // The document is written out before the issue is committed: a letter that cannot be
            // written is not issued, and its number stays free. A file is put in place only after
            // the commit, so a crash never leaves one bearing a number that was not issued.
            var staged: DocumentFile.Staged?
            let letter: Letter
            do {
                letter = try desk.issueLetters([spec], renderer: renderer) { letters in
                    if let out { staged = try DocumentFile.stage(letters[0].document, for: out, sparing: desk.files) } else { try Output.send(letters[0].document) }
                }[0]
            } catch {
                staged?.discard()
                throw error
            }
            if let staged {
                do { try staged.place() } catch {
                    throw ComityError.output("\(letter.number ?? "the letter") was issued, but \(error.description); 'comity letter show \(letter.number ?? "NUMBER") --out FILE' writes it again")
                }
                Output.noteLine("wrote \(staged.path)")
            }
            Output.noteLine("issued \(letter.kind.rawValue) \(letter.number ?? "") (SHA-256 \(letter.sha256))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The register of letters issued for a request.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListOptions
        @Argument var reference: String
        @OptionGroup var clearance: ClearanceOption

        func run() throws {
            let (entries, withheld) = try global.openDesk(clearance).letters(of: reference)
            defer { if withheld > 0 { Output.noteLine("\(withheld) letter(s) above your clearance withheld") } }
            switch list.format {
            case .json: try Output.json(entries)
            case .text:
                Output.table(["NUMBER", "DATE", "KIND", "LANG", "FORMAT", "SHA-256"], entries.map { e in
                    [e.number, e.date.iso, e.kind.rawValue, e.language.rawValue, e.format, "\(e.sha256.prefix(16))…"]
                })
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An issued letter exactly as it was issued.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The register number, e.g. JP-EMB-CN/2011/0001.") var number: String
        @Option(help: "Write the document to this file instead of standard output.") var out: String?
        @Flag(help: "Show the register entry instead of the document.") var info = false
        @OptionGroup var clearance: ClearanceOption

        func run() throws {
            let desk = try global.openDesk(clearance)
            let letter = try desk.letter(number: number)
            if info {
                Output.fields([
                    ("number", letter.number), ("request", letter.requestReference), ("sender", letter.sender),
                    ("kind", letter.kind.rawValue), ("language", letter.language.rawValue), ("format", letter.format),
                    ("date", letter.date.iso), ("classification", letter.classification.rawValue), ("sha-256", letter.sha256),
                ])
            } else {
                try DocumentOutput.emit(letter.document, to: out, sparing: desk)
            }
        }
    }
}
