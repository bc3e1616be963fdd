import Comity
import Hummingbird

/// States, authorities and legal bases on one page, with a form for each; the fields and rules
/// of `comity party add`, `comity authority add` and `comity basis add`.
struct RegistryRoutes {
    let desk: DeskService

    func add(to router: Router<DeskContext>) {
        router.get("/registry") { _, context -> Response in
            let render = page(context)
            return Responses.html(try await desk.withDesk(context) { desk in try render(desk, nil) })
        }
        router.post("/parties") { request, context in
            try await FormTaker(desk: desk).take(request, context, form: "party-form", page: page(context)) { desk, form in
                let party = try form.parsed("code") { code in
                    try Party(code: code, name: form.text("name"), formalName: form.text("formal-name"))
                }
                try party.validate()
                try desk.addParty(party)
                // As the command line does: a known state's Japanese name comes with it.
                if let japanese = CountryCodes.japaneseNames[party.code] {
                    try desk.translate(.party, party.code, lang: "ja", [.name: [japanese]])
                }
                return "/registry?done=party#parties-table"
            }
        }
        router.post("/authorities") { request, context in
            try await FormTaker(desk: desk).take(request, context, form: "authority-form", page: page(context)) { desk, form in
                let authority = Authority(
                    id: try form.required("id", "authority id"), party: try form.parsed("party") { try Party.validCode($0) },
                    name: try form.required("name", "name"), role: try form.parsed("role") { try AuthorityRole.parse($0, field: "role") },
                    city: form.text("city"), postedTo: try form.parsedIfGiven("posted-to") { try Party.validCode($0) },
                    head: Authority.Head(title: form.text("head-title"), name: form.text("head-name")))
                try authority.validate()
                try desk.addAuthority(authority)
                return "/registry?done=authority#authorities-table"
            }
        }
        router.post("/bases") { request, context in
            try await FormTaker(desk: desk).take(request, context, form: "basis-form", page: page(context)) { desk, form in
                let basis = LegalBasis(
                    id: try form.required("id", "legal basis id"), instrument: try form.required("instrument", "instrument"),
                    kind: try form.parsed("kind") { try LegalBasisKind.parse($0, field: "kind") },
                    responsePeriod: try form.parsedIfGiven("period") { try Period(parsing: $0) },
                    parties: try form.lines("parties").map { line in try form.parsed("parties") { _ in try Self.binding(line) } },
                    note: form.text("note") ?? "")
                try basis.validate()
                try desk.addBasis(basis)
                return "/registry?done=basis#bases-table"
            }
        }
        addChanges(to: router)
    }

    /// Head and corrections of the registry's records, each a form of the registry page.
    private func addChanges(to router: Router<DeskContext>) {
        router.post("/authorities/head") { request, context in
            try await FormTaker(desk: desk).take(request, context, form: "head-form", page: page(context)) { desk, form in
                let id = try form.required("authority", "authority")
                let head = Authority.Head(title: form.text("head-title"), name: form.text("head-name"))
                guard head != Authority.Head() else {
                    throw FieldError(field: "head-title", message: "give the head's title and name")
                }
                try desk.setHead(of: id, to: head)
                return "/registry?done=head#authorities-table"
            }
        }
        correction(router, "parties", form: "party", kind: "party", table: "parties-table", Corrections.party) { try $0.editParty($1, reason: $2, $3) }
        correction(router, "authorities", form: "authority", kind: "authority", table: "authorities-table", Corrections.authority) {
            try $0.editAuthority($1, reason: $2, $3)
        }
        correction(router, "bases", form: "basis", kind: "legal basis", table: "bases-table", Corrections.basis) { try $0.editBasis($1, reason: $2, $3) }
    }

    /// `POST /PATH/corrections`: the record the form's `target` names, corrected through `edit`.
    private func correction<Record>(
        _ router: Router<DeskContext>, _ path: String, form name: String, kind: String, table: String, _ fields: [Correctable<Record>],
        _ edit: @escaping @Sendable (Desk, String, String, @escaping @Sendable (inout Record) -> Void) throws -> [Event]
    ) {
        router.post("/\(path)/corrections") { request, context in
            try await FormTaker(desk: desk).take(request, context, form: "\(name)-correct-form", page: page(context)) { desk, form in
                let id = try form.required("target", kind)
                try Corrections.apply(form, fields, kind: kind) { try edit(desk, id, $0, $1) }
                return "/registry?done=correction#\(table)"
            }
        }
    }

    /// A binding typed as CC:YYYY-MM-DD, refused with the command line's sentence.
    static func binding(_ text: String) throws -> LegalBasis.Binding {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            throw ValidationFailure("'\(printable(text, limit: 60))' is not a party binding; write it as CC:YYYY-MM-DD, for example JP:2012-11-01")
        }
        return LegalBasis.Binding(party: try Party.validCode(parts[0]), from: try CalendarDate(iso: parts[1]))
    }

    private func page(_ context: DeskContext) -> @Sendable (Desk, FormRefusal?) throws -> String {
        let pages = desk.pages
        let identity = context.identity
        return { desk, refusal in
            guard let identity else { throw WebError.signInRequired }
            let parties = try desk.parties()
            let authorities = try desk.authorities()
            let bases = try desk.bases()
            return try pages.formPage("registry", title: "States, authorities and legal bases", signedIn: identity, [
                "parties": parties.map { PageRenderer.plain($0) },
                "authorities": authorities.map { a in
                    ["id": a.id, "party": a.party, "role": a.role.rawValue, "name": a.name, "city": a.city ?? "-", "head": a.head.title == nil && a.head.name == nil ? "-" : a.head.summary]
                },
                "bases": bases.map { b in
                    ["id": b.id, "kind": b.kind.rawValue, "period": b.responsePeriod?.description ?? "-", "instrument": b.instrument,
                     "parties": b.parties.map { "\($0.party) from \($0.from.iso)" }.joined(separator: ", ")]
                },
                "partyForm": Self.partyForm.context(refusal),
                "authorityForm": Self.authorityForm.context(refusal),
                "basisForm": Self.basisForm.context(refusal),
                "headForm": FormView(id: "head-form", action: "/authorities/head", title: "Who heads an authority now", button: "Record the head", fields: [
                    .init(name: "authority", label: "Authority", kind: .select(authorities.map { .init($0.id, "\($0.id): \($0.name)") })),
                    .init(name: "head-title", label: "Title of its head", hint: "e.g. Minister for Foreign Affairs"),
                    .init(name: "head-name", label: "Name of its head", hint: "e.g. Koichiro Gemba"),
                ]).context(refusal),
                "partyCorrectForm": Corrections.form("party-correct-form", action: "/parties/corrections", title: "A correction of a state",
                                                     Corrections.party, targets: parties.map { .init($0.code, "\($0.code): \($0.name)") }).context(refusal),
                "authorityCorrectForm": Corrections.form("authority-correct-form", action: "/authorities/corrections", title: "A correction of an authority",
                                                         Corrections.authority, targets: authorities.map { .init($0.id, "\($0.id): \($0.name)") }).context(refusal),
                "basisCorrectForm": Corrections.form("basis-correct-form", action: "/bases/corrections", title: "A correction of a legal basis",
                                                     Corrections.basis, targets: bases.map { .init($0.id, "\($0.id): \($0.instrument)") }).context(refusal),
            ], refusal: refusal)
        }
    }

    static let partyForm = FormView(id: "party-form", action: "/parties", title: "A state", button: "Record the state", fields: [
        .init(name: "code", label: "ISO 3166-1 alpha-2 code", required: true, hint: "e.g. JP"),
        .init(name: "name", label: "Short name (optional: the ISO name)"),
        .init(name: "formal-name", label: "Formal name used in letters (optional)", columns: ["formal_name"]),
    ])

    static let authorityForm = FormView(id: "authority-form", action: "/authorities", title: "An authority", button: "Record the authority", fields: [
        .init(name: "id", label: "Authority id", required: true, hint: "A short handle, e.g. JP-NPA"),
        .init(name: "party", label: "State (ISO code)", required: true),
        .init(name: "name", label: "Full name", required: true),
        .init(name: "role", label: "Role", kind: .select(FormView.choices(AuthorityRole.self))),
        .init(name: "city", label: "City (optional)"),
        .init(name: "posted-to", label: "Posted to (optional, for an embassy or liaison)", columns: ["posted_to"]),
        .init(name: "head-title", label: "Title of its head (optional)", columns: ["head_title"]),
        .init(name: "head-name", label: "Name of its head (optional)", columns: ["head_name"]),
    ])

    static let basisForm = FormView(id: "basis-form", action: "/bases", title: "A legal basis", button: "Record the legal basis", fields: [
        .init(name: "id", label: "Legal basis id", required: true, hint: "A short handle, e.g. JP-CN-MLAT"),
        .init(name: "instrument", label: "Instrument's name", required: true),
        .init(name: "kind", label: "Kind", kind: .select(FormView.choices(LegalBasisKind.self))),
        .init(name: "period", label: "Response period (optional)", hint: "e.g. '30 calendar' or '20 working'", columns: ["response_period"]),
        .init(name: "parties", label: "Parties bound, one a line as CC:YYYY-MM-DD", kind: .textarea),
        .init(name: "note", label: "Note (optional)", kind: .textarea),
    ])
}
