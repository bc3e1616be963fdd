import Comity
import Hummingbird

/// New requests and new cases, each on a page of its own, with the fields and rules of
/// `comity request add` and `comity case add`.
struct RecordRoutes {
    let desk: DeskService

    func add(to router: Router<DeskContext>) {
        router.get("/requests/new") { _, context in try await show(context, Self.requestPage) }
        router.post("/requests") { request, context in
            try await FormTaker(desk: desk).take(request, context, form: "request-form", page: page(context, Self.requestPage)) { desk, form in
                let record = try Self.request(form, today: desk.clerk.today)
                try desk.addRequest(record)
                return "/requests/\(Path.escape(record.reference))?done=request"
            }
        }
        router.get("/cases/new") { _, context in try await show(context, Self.casePage) }
        router.post("/cases") { request, context in
            try await FormTaker(desk: desk).take(request, context, form: "case-form", page: page(context, Self.casePage)) { desk, form in
                let item = try Self.caseFile(form, today: desk.clerk.today)
                try desk.addCase(item)
                return "/cases/\(Path.escape(item.id))?done=case"
            }
        }
    }

    /// A page of one form: its heading and the form as the desk allows it.
    typealias FormPageMaker = @Sendable (Desk) -> (heading: String, form: FormView)

    private func page(_ context: DeskContext, _ make: @escaping FormPageMaker) -> @Sendable (Desk, FormRefusal?) throws -> String {
        let pages = desk.pages
        let identity = context.identity
        return { desk, refusal in
            guard let identity else { throw WebError.signInRequired }
            let (heading, form) = make(desk)
            return try pages.formPage("form-page", title: heading, signedIn: identity, ["heading": heading, "form": form.context(refusal)], refusal: refusal)
        }
    }

    private func show(_ context: DeskContext, _ make: @escaping FormPageMaker) async throws -> Response {
        let render = page(context, make)
        return Responses.html(try await desk.withDesk(context) { desk in try render(desk, nil) })
    }

    // MARK: requests

    @Sendable static func requestPage(_ desk: Desk) -> (heading: String, form: FormView) {
        ("Record a request", FormView(id: "request-form", action: "/requests", title: "The request", button: "Record the request", fields: [
            .init(name: "reference", label: "Our reference", required: true, hint: "Unique, e.g. JP-MHI-2011-001", columns: ["reference"]),
            .init(name: "case", label: "Case", required: true, hint: "The case id, e.g. MHI-2011", columns: ["case_id"]),
            .init(name: "from", label: "Sending authority (ours; theirs for a request that comes to us)", required: true, columns: ["from_authority"]),
            .init(name: "to", label: "Requested authority (theirs; ours for a request that comes to us)", required: true, columns: ["to_authority"]),
            .init(name: "channel", label: "Channel", kind: .select(FormView.choices(Channel.self))),
            .init(name: "basis", label: "Legal basis (optional)", columns: ["basis_id"]),
            .init(name: "subject", label: "Subject", kind: .textarea, required: true),
            .init(name: "items", label: "Assistance sought (optional), one item a line", kind: .textarea),
            .init(name: "urgency", label: "Urgency", kind: .select(FormView.choices(Urgency.self)), initial: Urgency.routine.rawValue),
            .init(name: "classification", label: "Classification", kind: .select(FormView.classifications(upTo: desk.clearance)),
                  initial: Classification.restricted.rawValue),
            .init(name: "sent", label: "Sent on, or received on for a request that comes to us (optional for one we send: recorded as transmitted)", kind: .date, columns: ["sent_date"]),
            .init(name: "their-ref", label: "Their reference (optional)", columns: ["counterpart_reference"]),
            .init(name: "preserved-until", label: "Preserved data deleted on (optional)", kind: .date, columns: ["preserved_until"]),
            .init(name: "note", label: "Note (optional)", kind: .textarea),
        ]))
    }

    /// The request a form describes, held to its own rules as the store will keep it.
    static func request(_ form: FormFields, today: CalendarDate) throws -> Comity.Request {
        let request = Comity.Request(
            reference: try form.required("reference", "reference"), caseID: try form.required("case", "case"),
            fromAuthority: try form.required("from", "sending authority"), toAuthority: try form.required("to", "requested authority"),
            channel: try form.parsed("channel") { try Channel.parse($0, field: "channel") }, basisID: form.text("basis"),
            subject: try form.required("subject", "subject"), items: form.lines("items"),
            urgency: try form.parsed("urgency") { try Urgency.parse($0.isEmpty ? "routine" : $0, field: "urgency") },
            classification: try form.parsed("classification") { try Classification.parse($0.isEmpty ? "restricted" : $0, field: "classification") },
            sentDate: try form.optionalDate("sent", "sent date"), counterpartReference: form.text("their-ref"),
            preservedUntil: try form.optionalDate("preserved-until", "date preserved data is deleted"), note: form.text("note") ?? "")
        var kept = request
        kept.state = request.sentDate == nil ? .drafted : .transmitted
        try kept.validate(today: today)
        return request
    }

    // MARK: cases

    @Sendable static func casePage(_ desk: Desk) -> (heading: String, form: FormView) {
        ("Record a case", FormView(id: "case-form", action: "/cases", title: "The investigation", button: "Record the case", fields: [
            .init(name: "id", label: "Case id", required: true, hint: "A short handle, e.g. MHI-2011"),
            .init(name: "title", label: "Title", required: true),
            .init(name: "lead", label: "Lead authority", required: true, columns: ["lead_authority"]),
            .init(name: "offence", label: "Offence", required: true),
            .init(name: "incident", label: "Incident began (optional)", hint: "2011-08-11, 2011-08 or 2011", columns: ["incident_date"]),
            .init(name: "discovered", label: "Discovered", required: true, hint: "2011-08-11, 2011-08 or 2011", columns: ["discovery_date"]),
            .init(name: "limitation", label: "Limitation period ends (optional)", kind: .date, columns: ["limitation_date"]),
            .init(name: "classification", label: "Classification", kind: .select(FormView.classifications(upTo: desk.clearance)),
                  initial: Classification.restricted.rawValue),
            .init(name: "note", label: "Note (optional)", kind: .textarea),
        ]))
    }

    static func caseFile(_ form: FormFields, today: CalendarDate) throws -> Case {
        _ = try form.required("discovered", "discovery date")
        let item = Case(
            id: try form.required("id", "case id"), title: try form.required("title", "title"), leadAuthority: try form.required("lead", "lead authority"),
            offence: try form.required("offence", "offence"), incident: try form.parsedIfGiven("incident", Self.reportedDate),
            discovered: try form.parsed("discovered", Self.reportedDate), limitationDate: try form.optionalDate("limitation", "limitation date"),
            classification: try form.parsed("classification") { try Classification.parse($0.isEmpty ? "restricted" : $0, field: "classification") },
            note: form.text("note") ?? "")
        try item.validate(today: today)
        return item
    }

    /// A date as the source gives it (to the day, month or year), refused with the command line's sentence.
    static func reportedDate(_ text: String) throws -> ReportedDate {
        do { return try ReportedDate(iso: text) } catch { throw ValidationFailure(ReportedDate.refusal(text, error)) }
    }
}
