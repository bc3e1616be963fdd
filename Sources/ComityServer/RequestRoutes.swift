import Comity
import Foundation
import Hummingbird

/// A request's page, and the forms that record what happened to it: a reply, a follow-up, a move.
struct RequestRoutes {
    let desk: DeskService

    func add(to router: Router<DeskContext>) {
        router.get("/requests/:reference") { _, context -> Response in
            let reference = try context.parameters.decoded("reference")
            let render = RequestPage.renderer(desk.pages, context, reference)
            return Responses.html(try await desk.withDesk(context) { desk in try render(desk, nil) })
        }
        router.post("/requests/:reference/replies") { request, context -> Response in
            try await record(request, context, form: "reply") { desk, reference, form in
                let kind = try ReplyKind.parse(try form.required("kind", "kind of reply"), field: "kind")
                let reply = Reply(
                    requestReference: reference, date: try form.date("date", "date of the reply"), fromAuthority: form.text("from"),
                    kind: kind, summary: try form.required("summary", "summary"), promisedDate: try form.optionalDate("promised", "promised date"),
                    refusalGrounds: try form.values("grounds").filter { !$0.isEmpty }.map { try RefusalGround.parse($0, field: "grounds") },
                    classification: try Classification.parse(form.text("classification") ?? "restricted", field: "classification"))
                try desk.addReply(reply, counterpartReference: form.text("theirRef"))
                return "reply"
            }
        }
        router.post("/requests/:reference/follow-ups") { request, context -> Response in
            try await record(request, context, form: "follow-up") { desk, reference, form in
                let kind = try EscalationStep.parse(try form.required("kind", "kind of follow-up"), field: "kind")
                try desk.addFollowUp(FollowUp(
                    requestReference: reference, date: try form.date("date", "date of the follow-up"), kind: kind,
                    reference: form.text("ourRef") ?? "", restartsClock: form.value("restartsClock") == "on", note: form.text("note") ?? ""))
                return "follow-up"
            }
        }
        router.post("/requests/:reference/moves") { request, context -> Response in
            try await record(request, context, form: "move") { desk, reference, form in
                let target = try RequestState.parseEitherWay(try form.required("to", "new state"), field: "to")
                try desk.move(reference, to: target, on: try form.date("date", "date of the move"), note: form.text("note") ?? "")
                return "move"
            }
        }
    }

    /// Takes a form (see `FormTaker`): on success back to the page, on a refusal the page again.
    private func record(
        _ request: Request, _ context: DeskContext, form name: String,
        _ body: @escaping @Sendable (Desk, String, FormFields) throws -> String
    ) async throws -> Response {
        let reference = try context.parameters.decoded("reference")
        return try await FormTaker(desk: desk).take(request, context, form: name, page: RequestPage.renderer(desk.pages, context, reference)) { desk, form in
            "/requests/\(Path.escape(reference))?done=\(try body(desk, reference, form))"
        }
    }
}

/// A refused form, shown again with its sentence beside the field.
struct FormRefusal: Sendable {
    var form: String
    var field: String?
    var message: String
    var values: [String: String]

}

extension FormRefusal {
    var valuesForPage: [String: Any] {
        ["form": form, "field": field ?? "", "message": message, "values": values, "is_\(form)": true, "field_\(field ?? "none")": true]
    }
}

/// Path segments as links carry them.
enum Path {
    static func escape(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(.init(charactersIn: "/?#"))) ?? segment
    }
}
