import Comity
import Hummingbird

/// Engagements: the list (each with its brief), a new one, one engagement with what came of
/// each request raised there, and new dates; the fields and rules of `comity engagement`.
struct EngagementRoutes {
    let desk: DeskService

    func add(to router: Router<DeskContext>) {
        router.get("/engagements") { request, context -> Response in
            let identity = try context.requireSignedIn()
            let pages = desk.pages
            let page = request.uri.queryParameters.get("page").flatMap { Int($0) } ?? 1
            return Responses.html(try await desk.withDesk(context) { desk in
                let all = try desk.engagements()
                let paging = Paging(page: page, total: all.count)
                var values = paging.values(path: "/engagements", query: [])
                values["engagements"] = paging.rows(all).map { PageRenderer.plain($0) }
                return try pages.render("engagements", Layout.context(title: "Engagements", signedIn: identity, extra: values))
            })
        }
        router.get("/engagements/new") { _, context -> Response in
            let render = newPage(context)
            return Responses.html(try await desk.withDesk(context) { desk in try render(desk, nil) })
        }
        router.post("/engagements") { request, context in
            try await FormTaker(desk: desk).take(request, context, form: "engagement-form", page: newPage(context)) { desk, form in
                let engagement = try Self.engagement(form)
                try desk.addEngagement(engagement)
                return "/engagements/\(Path.escape(engagement.id))?done=engagement"
            }
        }
        router.get("/engagements/:id") { _, context -> Response in
            let id = try context.parameters.require("id")
            let render = detailPage(context, id)
            return Responses.html(try await desk.withDesk(context) { desk in try render(desk, nil) })
        }
        router.post("/engagements/:id/outcomes") { request, context in
            let id = try context.parameters.require("id")
            return try await FormTaker(desk: desk).take(request, context, form: "outcome-form", page: detailPage(context, id)) { desk, form in
                let engagement = try desk.engagement(id)
                let outcome = try Self.outcome(form, at: engagement, today: desk.clerk.today)
                try desk.addOutcome(outcome)
                return "/engagements/\(Path.escape(id))?done=outcome"
            }
        }
        router.post("/engagements/:id/corrections") { request, context in
            let id = try context.parameters.require("id")
            return try await FormTaker(desk: desk).take(request, context, form: "engagement-correct-form", page: detailPage(context, id)) { desk, form in
                try Corrections.apply(form, Corrections.engagement, kind: "engagement") { try desk.editEngagement(id, reason: $0, $1) }
                return "/engagements/\(Path.escape(id))?done=correction"
            }
        }
        router.post("/engagements/:id/outcome-corrections") { request, context in
            let id = try context.parameters.require("id")
            return try await FormTaker(desk: desk).take(request, context, form: "outcome-correct-form", page: detailPage(context, id)) { desk, form in
                let target = form.text("target") ?? ""
                guard let number = Int64(target.dropFirst("outcome-".count)), target.hasPrefix("outcome-"),
                      try desk.outcomes(at: id).shown.contains(where: { $0.id == number }) else {
                    throw FieldError(field: "target", message: "'\(printable(target))' is not an outcome recorded at this engagement; choose one from the list")
                }
                try Corrections.apply(form, Corrections.outcome, kind: "outcome") { try desk.editOutcome(id: number, reason: $0, $1) }
                return "/engagements/\(Path.escape(id))?done=correction"
            }
        }
        router.post("/engagements/:id/reschedule") { request, context in
            let id = try context.parameters.require("id")
            return try await FormTaker(desk: desk).take(request, context, form: "reschedule-form", page: detailPage(context, id)) { desk, form in
                let start = try form.date("start", "first day")
                try desk.reschedule(id, start: start, end: try form.optionalDate("end", "last day") ?? start, note: form.text("note") ?? "")
                return "/engagements/\(Path.escape(id))?done=reschedule"
            }
        }
    }

    private func newPage(_ context: DeskContext) -> @Sendable (Desk, FormRefusal?) throws -> String {
        let pages = desk.pages
        let identity = context.identity
        return { _, refusal in
            guard let identity else { throw WebError.signInRequired }
            return try pages.formPage("form-page", title: "Record an engagement", signedIn: identity,
                                      ["heading": "Record an engagement", "form": Self.engagementForm.context(refusal)], refusal: refusal)
        }
    }

    private func detailPage(_ context: DeskContext, _ id: String) -> @Sendable (Desk, FormRefusal?) throws -> String {
        let pages = desk.pages
        let identity = context.identity
        return { desk, refusal in
            guard let identity else { throw WebError.signInRequired }
            let engagement = try desk.engagement(id)
            let (outcomes, withheld) = try desk.outcomes(at: id)
            let action = "/engagements/\(Path.escape(id))"
            return try pages.formPage("engagement", title: engagement.title, signedIn: identity, [
                "engagement": PageRenderer.plain(engagement),
                "placeText": engagement.place.isEmpty ? false : engagement.place,
                "outcomes": outcomes.map { o in
                    ["request": o.requestReference, "date": o.date.iso, "raised": o.raised ? "yes" : "no",
                     "by": o.raisedBy.isEmpty ? "-" : o.raisedBy, "response": o.response.isEmpty ? "-" : o.response,
                     "commitment": o.commitment.isEmpty ? "-" : o.commitment + (o.commitmentDate.map { " (by \($0.iso))" } ?? "")]
                },
                "hasOutcomes": !outcomes.isEmpty,
                "withheld": withheld > 0 ? "\(withheld) outcome(s) withheld: above the clearance" : false,
                "outcomeForm": Self.outcomeForm(action: action + "/outcomes").context(refusal),
                "rescheduleForm": Self.rescheduleForm(action: action + "/reschedule", engagement).context(refusal),
                "correctForm": Corrections.form("engagement-correct-form", action: action + "/corrections", title: "A correction of the engagement",
                                                Corrections.engagement).context(refusal),
                "outcomeCorrectForm": outcomes.isEmpty ? false : Corrections.form(
                    "outcome-correct-form", action: action + "/outcome-corrections", title: "A correction of an outcome", Corrections.outcome,
                    targets: outcomes.compactMap { o in o.id.map { .init("outcome-\($0)", "Outcome \($0): \(o.requestReference) on \(o.date.iso)") } }
                ).context(refusal),
                "history": try desk.history(of: id).map(Plain.event),
            ], refusal: refusal)
        }
    }

    static let engagementForm = FormView(
        id: "engagement-form", action: "/engagements", title: "The engagement", button: "Record the engagement", fields: [
            .init(name: "id", label: "Engagement id", required: true, hint: "A short handle, e.g. NODA-BEIJING-2011"),
            .init(name: "counterpart", label: "Counterpart state (ISO code)", required: true),
            .init(name: "start", label: "First day", kind: .date, required: true, columns: ["start_date"]),
            .init(name: "end", label: "Last day (optional: the first day)", kind: .date, columns: ["end_date"]),
            .init(name: "level", label: "Level", kind: .select(FormView.choices(EngagementLevel.self))),
            .init(name: "title", label: "Title", required: true),
            .init(name: "place", label: "Place (optional)"),
            .init(name: "note", label: "Note (optional)", kind: .textarea),
        ])

    static func engagement(_ form: FormFields) throws -> Engagement {
        let start = try form.date("start", "first day")
        let engagement = Engagement(
            id: try form.required("id", "engagement id"), counterpart: try form.parsed("counterpart") { try Party.validCode($0) },
            startDate: start, endDate: try form.optionalDate("end", "last day") ?? start,
            level: try form.parsed("level") { try EngagementLevel.parse($0, field: "level") }, title: try form.required("title", "title"),
            place: form.text("place") ?? "", note: form.text("note") ?? "")
        try engagement.validate()
        return engagement
    }

    static func outcomeForm(action: String) -> FormView {
        FormView(id: "outcome-form", action: action, title: "What came of a request here", button: "Record the outcome", fields: [
            .init(name: "request", label: "Request reference", required: true, columns: ["request_reference"]),
            .init(name: "raised", label: "Raised", kind: .select([.init("raised", "raised"), .init("not-raised", "not raised")])),
            .init(name: "by", label: "Raised by (e.g. Prime Minister Noda)", columns: ["raised_by"]),
            .init(name: "response", label: "Their response, in their own words ('none' when they gave none)", kind: .textarea),
            .init(name: "commitment", label: "What they committed to (optional)", kind: .textarea),
            .init(name: "commitment-date", label: "Commitment to be kept by (optional)", kind: .date, columns: ["commitment_date"]),
            .init(name: "on", label: "Day it came up (optional: the last day)", kind: .date, columns: ["date"]),
            .init(name: "note", label: "Note (optional)", kind: .textarea),
        ])
    }

    static func outcome(_ form: FormFields, at engagement: Engagement, today: CalendarDate) throws -> EngagementOutcome {
        let raised = try form.parsed("raised") { text -> Bool in
            guard ["raised", "not-raised"].contains(text) else { throw ValidationFailure("say whether the request was raised: raised or not-raised") }
            return text == "raised"
        }
        let outcome = EngagementOutcome(
            engagementID: engagement.id, requestReference: try form.required("request", "request reference"),
            date: try form.optionalDate("on", "day it came up") ?? engagement.endDate, raised: raised, raisedBy: form.text("by") ?? "",
            response: form.text("response") ?? "", commitment: form.text("commitment") ?? "",
            commitmentDate: try form.optionalDate("commitment-date", "commitment date"), note: form.text("note") ?? "")
        try outcome.validate(today: today)
        return outcome
    }

    static func rescheduleForm(action: String, _ engagement: Engagement) -> FormView {
        FormView(id: "reschedule-form", action: action, title: "New dates", button: "Reschedule", fields: [
            .init(name: "start", label: "First day", kind: .date, required: true, initial: engagement.startDate.iso),
            .init(name: "end", label: "Last day (optional: the first day)", kind: .date, initial: engagement.endDate.iso),
            .init(name: "note", label: "Why (optional)"),
        ])
    }
}
