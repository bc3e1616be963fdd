import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@_spi(Worlds) import Comity
import ComityWorlds

/// Letters in the browser: the preview is the command line's draft, a supervisor issues it, a
/// clerk is refused, and the register lists what was issued.
@Suite("Letters on the web")
struct LetterWebTests {
    static let mhi = DemoWorld.mhiRequest

    @Test("a supervisor previews and issues a letter, and it appears in the register")
    func supervisorIssues() async throws {
        let world = try DocsWorld()
        let app = try await world.application()
        try await app.test(.router) { client in
            let sam = try await DocsWebClient.signIn(client, as: "sam")
            let preview = try await sam.get("/requests/\(Self.mhi)/letter")
            #expect(preview.status == 200)
            #expect(preview.text.contains(#"id="letter-open" href="/requests/\#(Self.mhi)/letter/document?lang=en&amp;format=html""#))
            #expect(preview.text.contains(#"id="issue-form""#))
            let kind = try #require(Self.hidden("kind", in: preview.text))

            let issued = try await sam.post("/requests/\(Self.mhi)/letters", form: [("kind", kind), ("lang", "en"), ("format", "html")])
            #expect(issued.status == 303)
            let location = try #require(issued.header("Location"))
            #expect(location.hasPrefix("/letters/"))
            let number = String(location.dropFirst("/letters/".count))
            let stored = try world.desk(for: "sam").letter(number: number)
            #expect(stored.kind.rawValue == kind)

            let document = try await sam.get(location)
            #expect(document.status == 200)
            #expect(document.header("Content-Type") == "text/html; charset=utf-8")
            #expect(document.text == stored.document)
            #expect(document.header("Content-Security-Policy")?.contains("style-src 'unsafe-inline'") == true)
            let download = try await sam.get(location + "?download=1")
            #expect(download.header("Content-Disposition")?.hasPrefix("attachment; filename=\"") == true)
            #expect(download.text == stored.document)

            let register = try await sam.get("/letters")
            #expect(register.status == 200 && register.text.contains(#"id="letters-table""#))
            #expect(register.text.contains(">\(number)</a>") && register.text.contains(String(stored.sha256.prefix(16))))
            let ofRequest = try await sam.get("/letters?request=\(Self.mhi)")
            #expect(ofRequest.text.contains(number) && ofRequest.text.contains(world.restrictedLetter))

            // The same letter twice on one day is refused on the preview, in the desk's words.
            let again = try await sam.post("/requests/\(Self.mhi)/letters", form: [("kind", kind), ("lang", "en"), ("format", "html")])
            #expect(again.status == 422)
            #expect(again.text.contains(#"id="form-refusal""#) && again.text.contains("one is enough for the day"))
        }
    }

    @Test("a clerk sees no issue form, and posting one is refused with the desk's sentence")
    func clerkIsRefused() async throws {
        let world = try DocsWorld()
        let before = try world.desk(for: "ada").letterRegister().total
        let app = try await world.application()
        try await app.test(.router) { client in
            let cleo = try await DocsWebClient.signIn(client, as: "cleo")
            let preview = try await cleo.get("/requests/\(Self.mhi)/letter")
            #expect(preview.status == 200 && preview.text.contains(#"id="letter-open""#))
            #expect(!preview.text.contains(#"id="issue-form""#))
            let posted = try await cleo.post("/requests/\(Self.mhi)/letters", form: [("kind", "note-verbale"), ("lang", "en"), ("format", "html")])
            #expect(posted.status == 403)
            #expect(posted.text.contains("Cleo is a clerk, and only a supervisor or above may issue letters; ask one."))
            let forged = try await cleo.post("/requests/\(Self.mhi)/letters", form: [("kind", "reminder")], csrf: false)
            #expect(forged.status == 403)
        }
        #expect(try world.desk(for: "ada").letterRegister().total == before)
    }

    @Test("the letter document is the command line's draft, in each format")
    func documentIsTheDraft() async throws {
        let world = try DocsWorld()
        let desk = try world.desk(for: "cleo")
        let renderer = try DocumentRenderer(templates: URL(fileURLWithPath: templatesFolder))
        @Sendable func draft(_ kind: EscalationStep?, _ language: LetterLanguage, _ format: DocumentKind) throws -> String {
            try desk.previewLetter(LetterSpec(reference: Self.mhi, kind: kind.map(LetterKind.escalation), language: language, format: format,
                                              date: DocsWorld.today, clearance: desk.clearance), renderer: renderer).document
        }
        let app = try await world.application()
        try await app.test(.router) { client in
            let cleo = try await DocsWebClient.signIn(client, as: "cleo")
            let base = "/requests/\(Self.mhi)/letter/document"
            let html = try await cleo.get(base)
            #expect(html.status == 200 && html.header("Content-Type") == "text/html; charset=utf-8")
            #expect(html.text == (try draft(nil, .en, .html)))
            let xml = try await cleo.get(base + "?kind=note-verbale&lang=ja&format=xml")
            #expect(xml.status == 200 && xml.header("Content-Type") == "application/xml; charset=utf-8")
            #expect(xml.text == (try draft(.noteVerbale, .ja, .xml)))
            let print = try await cleo.get(base + "?kind=reminder&format=print&download=1")
            #expect(print.text == (try draft(.reminder, .en, .html)) && print.text.contains("@media print"))
            #expect(print.header("Content-Disposition")?.contains("attachment") == true)
        }
    }

    @Test("a draft that cannot be made shows the desk's sentence")
    func previewRefusals() async throws {
        let world = try DocsWorld()
        let app = try await world.application()
        try await app.test(.router) { client in
            let sam = try await DocsWebClient.signIn(client, as: "sam")
            let lapsed = try await sam.get("/requests/\(DemoWorld.pensionRequest)/letter")
            #expect(lapsed.status == 422)
            #expect(lapsed.text.contains("a follow-up letter is for a request still outstanding"))
            #expect(!lapsed.text.contains(#"id="issue-form""#))
            let language = try await sam.get("/requests/\(Self.mhi)/letter?lang=fr")
            #expect(language.status == 422 && language.text.contains(#"id="form-refusal""#))
            #expect(language.text.contains("zh-Hans"), "the refusal lists the languages there are")
            let format = try await sam.get("/requests/\(Self.mhi)/letter?format=pdf")
            #expect(format.status == 422 && format.text.contains("&#39;pdf&#39; is not a letter format; use xml, html or print"))
            let kind = try await sam.get("/requests/\(Self.mhi)/letter/document?kind=telegram")
            #expect(kind.status == 422 && kind.text.contains("is not a valid letter kind"))
            let missing = try await sam.get("/requests/JP-NONE-1/letter")
            #expect(missing.status == 404)
            let noLetter = try await sam.get("/letters/JP-NPSC/2011/9999")
            #expect(noLetter.status == 404 && noLetter.text.contains("JP-NPSC/2011/9999"))
        }
    }

    /// The value of the hidden field `name` of a page's issue form.
    static func hidden(_ name: String, in page: String) -> String? {
        guard let start = page.range(of: #"<input type="hidden" name="\#(name)" value=""#) else { return nil }
        return String(page[start.upperBound...].prefix { $0 != "\"" })
    }
}
