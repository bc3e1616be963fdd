import Comity
import Hummingbird

/// Corrections from the request page (`form#correct-form`): one field of the request, of one of
/// its replies or of one of its follow-ups, with a reason; the timeline then shows
/// `corrected FIELD: old → new`.
struct CorrectionRoutes {
    let desk: DeskService

    func add(to router: Router<DeskContext>) {
        router.post("/requests/:reference/corrections") { request, context in
            let reference = try context.parameters.require("reference")
            return try await FormTaker(desk: desk).take(request, context, form: "correction", page: RequestPage.renderer(desk.pages, context, reference)) { desk, form in
                try Self.correct(desk, reference, form)
                return "/requests/\(Path.escape(reference))?done=correction#timeline"
            }
        }
    }

    /// Applies the correction the form describes, as `comity edit` would.
    static func correct(_ desk: Desk, _ reference: String, _ form: FormFields) throws {
        let target = form.text("target") ?? "request"
        if target == "request" {
            try Corrections.apply(form, Corrections.request, kind: "request") { try desk.editRequest(reference, reason: $0, $1) }
        } else if let id = number(target, after: "reply-") {
            guard try desk.replies(to: reference).contains(where: { $0.id == id }) else { throw unknownTarget(target) }
            try Corrections.apply(form, Corrections.reply, kind: "reply") { try desk.editReply(id: id, reason: $0, $1) }
        } else if let id = number(target, after: "follow-up-") {
            guard try desk.followUps(of: reference).contains(where: { $0.id == id }) else { throw unknownTarget(target) }
            try Corrections.apply(form, Corrections.followUp, kind: "follow-up") { try desk.editFollowUp(id: id, reason: $0, $1) }
        } else {
            throw unknownTarget(target)
        }
    }

    private static func number(_ target: String, after prefix: String) -> Int64? {
        target.hasPrefix(prefix) ? Int64(target.dropFirst(prefix.count)) : nil
    }

    private static func unknownTarget(_ target: String) -> FieldError {
        FieldError(field: "target", message: "'\(printable(target))' is not this request, one of its replies or one of its follow-ups; choose one from the list")
    }
}

/// What the correction form offers: the records it may correct and their fields.
enum CorrectionForm {
    static func values(_ desk: Desk, _ reference: String, chosen: [String: String] = [:]) throws -> [String: Any] {
        let replies = try desk.replies(to: reference)
        let followUps = try desk.followUps(of: reference)
        let target = chosen["target"] ?? "request"
        let field = chosen["field"] ?? ""
        let targets = [("request", "The request")]
            + replies.compactMap { r in r.id.map { ("reply-\($0)", "Reply \($0) of \(r.date.iso) (\(r.kind.rawValue))") } }
            + followUps.compactMap { f in f.id.map { ("follow-up-\($0)", "Follow-up \($0) of \(f.date.iso) (\(f.kind.rawValue))") } }
        func group<Record>(_ label: String, _ kind: String, _ fields: [Correctable<Record>]) -> [String: Any] {
            ["label": label, "fields": fields.map { f in
                ["value": f.name, "label": f.label == f.name ? f.name : "\(f.name): \(f.label)", "selected": f.name == field && target.hasPrefix(kind)] as [String: Any]
            }]
        }
        var groups = [group("Fields of the request", "request", Corrections.request)]
        if !replies.isEmpty { groups.append(group("Fields of a reply", "reply", Corrections.reply)) }
        if !followUps.isEmpty { groups.append(group("Fields of a follow-up", "follow-up", Corrections.followUp)) }
        return [
            "targets": targets.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == target] as [String: Any] },
            "groups": groups,
            "value": chosen["value"] ?? "", "reason": chosen["reason"] ?? "",
        ]
    }
}
