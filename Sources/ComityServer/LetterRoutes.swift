import Comity
import Foundation
import Hummingbird

/// Letters: the preview of the letter a request needs, the document itself, issuing it (a
/// supervisor's act), and the register of issued letters.
struct LetterRoutes {
    let desk: DeskService

    func add(to router: Router<DeskContext>) {
        router.get("/requests/:reference/letter") { request, context -> Response in
            try await previewPage(try context.parameters.require("reference"), Self.choice(request), context)
        }
        router.get("/requests/:reference/letter/document") { request, context -> Response in
            let reference = try context.parameters.require("reference")
            let choice = Self.choice(request)
            let renderer = desk.pages.documents
            let letter = try await desk.withDesk(context) { desk in
                try desk.previewLetter(try choice.spec(reference, date: desk.clerk.today, clearance: desk.clearance, renderer: renderer), renderer: renderer)
            }
            return DocumentResponse.make(letter.document, kind: try choice.documentKind(), name: letter.fileName,
                                         download: DocumentResponse.wantsDownload(request))
        }
        router.post("/requests/:reference/letters") { request, context -> Response in
            try await issue(request, context)
        }
        router.get("/letters") { request, context -> Response in
            try await register(request.query("request"), context)
        }
        router.get("/letters/**") { request, context -> Response in
            let number = context.parameters.getCatchAll().map { String($0).removingPercentEncoding ?? String($0) }.joined(separator: "/")
            guard !number.isEmpty else { throw WebError.notFound }
            let letter = try await desk.withDesk(context) { desk in try desk.letter(number: number) }
            return DocumentResponse.make(letter.document, kind: DocumentKind(rawValue: letter.format) ?? .html,
                                         name: "\(number).\(letter.format)", download: DocumentResponse.wantsDownload(request))
        }
    }

    private static func choice(_ request: Request) -> LetterChoice {
        LetterChoice(kind: request.query("kind"), lang: request.query("lang"), format: request.query("format"))
    }

    /// Issues the letter the form names; on success its register entry's document, on a refusal
    /// of the rules the preview again with the sentence. A role that may not issue is refused
    /// by the desk (403).
    private func issue(_ request: Request, _ context: DeskContext) async throws -> Response {
        let reference = try context.parameters.require("reference")
        var request = request
        let form = FormFields(buffer: try await request.collectBody(upTo: context.bodyLimit), contentType: request.headers[.contentType])
        let choice = LetterChoice(kind: form.text("kind"), lang: form.text("lang"), format: form.text("format"))
        let renderer = desk.pages.documents
        do {
            let number = try await desk.withDesk(context) { desk in
                let spec = try choice.spec(reference, date: desk.clerk.today, clearance: desk.clearance, renderer: renderer)
                return try desk.issueLetters([spec], renderer: renderer)[0].number ?? ""
            }
            return Responses.seeOther("/letters/" + LetterPath.escape(number))
        } catch {
            guard let refusal = InPlaceRefusal.of(error) else { throw error }
            return try await previewPage(reference, choice, context, refusal: refusal)
        }
    }

    /// The preview page: the choices, what the draft is, the link to it, and for a supervisor
    /// the form that issues it. A draft that cannot be made shows the desk's sentence instead.
    private func previewPage(_ reference: String, _ choice: LetterChoice, _ context: DeskContext, refusal given: WebError? = nil) async throws -> Response {
        let identity = try context.requireSignedIn()
        let pages = desk.pages
        let renderer = pages.documents
        let (html, status) = try await desk.withDesk(context) { desk in
            var values = LetterPreviewPage.choices(choice, kinds: try desk.letterKinds(of: reference), languages: renderer.availableLanguages)
            values["reference"] = reference
            values["referencePath"] = Path.escape(reference)
            values["mayIssue"] = desk.role.may(.issueLetters)
            var mark = Classification.unclassified
            var refusal = given
            do {
                let spec = try choice.spec(reference, date: desk.clerk.today, clearance: desk.clearance, renderer: renderer)
                let letter = try desk.previewLetter(spec, renderer: renderer)
                values["letter"] = LetterPreviewPage.draft(letter, choice: choice, reference: reference)
                mark = letter.classification
            } catch {
                guard let inPlace = InPlaceRefusal.of(error) else { throw error }
                refusal = refusal ?? inPlace
            }
            if let refusal { values["refusal"] = ["message": refusal.message] }
            let page = try pages.render("letter", Layout.context(title: "Letter for \(reference)", signedIn: identity, mark: mark, extra: values))
            return (page, refusal?.status ?? .ok)
        }
        return Responses.html(html, status: status)
    }

    /// The register: every letter the person may see, newest first, or one request's.
    private func register(_ reference: String?, _ context: DeskContext) async throws -> Response {
        let identity = try context.requireSignedIn()
        let pages = desk.pages
        let html = try await desk.withDesk(context) { desk in
            let entries: [LetterEntry], total: Int, withheld: Int
            if let reference {
                (entries, withheld) = try desk.letters(of: reference)
                total = entries.count
            } else {
                let register = try desk.letterRegister()
                (entries, total, withheld) = (register.entries, register.total, register.withheld)
            }
            let values: [String: Any] = [
                "request": reference ?? "", "scoped": reference != nil,
                "letters": entries.map(LetterPreviewPage.row), "hasLetters": !entries.isEmpty,
                "more": total > entries.count, "shown": entries.count, "total": total,
                "withheld": withheld > 0 ? withheld : false,
            ]
            let mark = entries.map(\.classification).max() ?? .unclassified
            return try pages.render("letters", Layout.context(title: "Letters", signedIn: identity, mark: mark, extra: values))
        }
        return Responses.html(html)
    }
}

/// Register numbers as links carry them: `JP-EMB-CN/2011/0001`, each part escaped.
enum LetterPath {
    static func escape(_ number: String) -> String {
        number.split(separator: "/", omittingEmptySubsequences: false).map { Path.escape(String($0)) }.joined(separator: "/")
    }
}
