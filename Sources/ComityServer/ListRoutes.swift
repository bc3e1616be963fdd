import Comity
import Hummingbird

/// The lists: requests (filtered by counterpart, state, case, or only the stalled), cases and a
/// case's file. What the desk withholds is only counted, as the command line counts it.
struct ListRoutes {
    let desk: DeskService
    /// Rows a page shows; the rest are a link away.
    static let pageSize = 200

    func add(to router: Router<DeskContext>) {
        router.get("/requests") { request, context -> Response in
            let filter = RequestFilter(request.uri.queryParameters)
            let identity = try context.requireSignedIn()
            let pages = desk.pages
            let (html, refused) = try await desk.withDesk(context) { desk -> (String, Bool) in
                var values: [String: Any] = filter.formValues(desk)
                var mark = Classification.unclassified
                var refusal: FormRefusal?
                do {
                    let listing = try filter.listing(desk)
                    mark = listing.mark
                    values.merge(listing.values) { $1 }
                } catch let error as FieldError {
                    refusal = FormRefusal(form: "requests-filter", field: error.field, message: FormTaker.sentence(error.message), values: [:])
                } catch let error as ValidationFailure {
                    refusal = FormRefusal(form: "requests-filter", field: nil, message: FormTaker.sentence(error.message), values: [:])
                }
                return (try pages.formPage("requests", title: "Requests", signedIn: identity, mark: mark, values, refusal: refusal), refusal != nil)
            }
            return Responses.html(html, status: refused ? .unprocessableContent : .ok)
        }
        router.get("/cases") { request, context -> Response in
            let identity = try context.requireSignedIn()
            let pages = desk.pages
            let page = request.uri.queryParameters.get("page").flatMap { Int($0) } ?? 1
            return Responses.html(try await desk.withDesk(context) { desk in
                let (all, withheld) = try desk.cases()
                let paging = Paging(page: page, total: all.count)
                let cases = paging.rows(all)
                var values = paging.values(path: "/cases", query: [])
                values.merge([
                    "cases": cases.map { PageRenderer.plain($0) },
                    "withheld": withheld > 0 ? "\(withheld) case(s) above your clearance withheld" : false,
                ]) { $1 }
                return try pages.render("cases", Layout.context(
                    title: "Cases", signedIn: identity, mark: cases.map(\.classification).max() ?? .unclassified, extra: values))
            })
        }
        router.get("/cases/:id") { _, context -> Response in
            let render = casePage(context, try context.parameters.require("id"))
            return Responses.html(try await desk.withDesk(context) { desk in try render(desk, nil) })
        }
        router.post("/cases/:id/corrections") { request, context in
            let id = try context.parameters.require("id")
            return try await FormTaker(desk: desk).take(request, context, form: "case-correct-form", page: casePage(context, id)) { desk, form in
                try Corrections.apply(form, Corrections.caseFile, kind: "case") { try desk.editCase(id, reason: $0, $1) }
                return "/cases/\(Path.escape(id))?done=correction"
            }
        }
    }

    /// A case's file: its facts, its requests the person may see, its history and the correction form.
    private func casePage(_ context: DeskContext, _ id: String) -> @Sendable (Desk, FormRefusal?) throws -> String {
        let pages = desk.pages
        let identity = context.identity
        return { desk, refusal in
            guard let identity else { throw WebError.signInRequired }
            let (item, requests, withheld) = try desk.caseFile(id)
            let mark = ([item.classification] + requests.map(\.classification)).max() ?? .unclassified
            return try pages.formPage("case", title: "Case \(item.id)", signedIn: identity, mark: mark, [
                "case": PageRenderer.plain(item), "caseNote": item.note.isEmpty ? false : item.note,
                "incident": item.incidentDate?.iso ?? "not known", "discovered": item.discoveryDate.iso,
                "requests": requests.map { PageRenderer.plain($0) }, "hasRequests": !requests.isEmpty,
                "withheld": withheld > 0 ? "\(withheld) request(s) above your clearance withheld" : false,
                "history": try desk.history(of: item.id).map(Plain.event),
                "correctForm": Corrections.form("case-correct-form", action: "/cases/\(Path.escape(item.id))/corrections",
                                                title: "A correction", Corrections.caseFile).context(refusal),
            ], refusal: refusal)
        }
    }
}

/// The filters of the requests list, as its query gives them.
struct RequestFilter: Sendable {
    var counterpart: String?
    var state: String?
    var caseID: String?
    var stalled: Bool
    var openOnly: Bool
    var page: Int

    init(_ query: Hummingbird.Parameters) {
        let given = { (name: String) -> String? in
            let text = query.get(name)?.trimmingCharacters(in: .whitespaces) ?? ""
            return text.isEmpty ? nil : text
        }
        counterpart = given("counterpart")
        state = given("state")
        caseID = given("case")
        stalled = ["1", "on", "true"].contains(given("stalled") ?? "")
        openOnly = ["1", "on", "true"].contains(given("open") ?? "")
        page = max(1, given("page").flatMap { Int($0) } ?? 1)
    }

    /// The filter form, filled in as asked.
    func formValues(_ desk: Desk) -> [String: Any] {
        let parties = (try? desk.parties()) ?? []
        return [
            "counterparts": [["value": "", "label": "Any", "selected": counterpart == nil] as [String: Any]]
                + parties.map { ["value": $0.code, "label": "\($0.name) (\($0.code))", "selected": $0.code == counterpart?.uppercased()] },
            "states": [["value": "", "label": "Any", "selected": state == nil] as [String: Any]]
                + RequestState.allCases.map { ["value": $0.rawValue, "label": $0.rawValue, "selected": $0.rawValue == state] },
            "caseFilter": caseID ?? "", "stalledOnly": stalled, "openOnly": openOnly,
        ]
    }

    /// The rows the desk shows for this filter, a page at a time, and the mark of the page.
    func listing(_ desk: Desk) throws -> (values: [String: Any], mark: Classification) {
        if stalled {
            if state != nil || openOnly {
                throw FieldError(field: "state", message: "the stalled list shows open requests already; leave out the state and 'only open requests'")
            }
            if let counterpart { _ = try Party.validCode(counterpart) }
            let (found, withheld) = try desk.stalled(asOf: desk.clerk.today, counterpart: counterpart?.uppercased(), caseID: caseID)
            let shown = Paging(page: page, total: found.count).rows(found)
            return (paging(total: found.count).merging([
                "stalledRows": shown.map { a in
                    ["reference": a.reference, "counterpart": a.counterpart, "category": a.category?.rawValue ?? "-",
                     "severity": a.severity?.rawValue ?? "-", "ball": a.ballWith.rawValue,
                     "sent": (a.direction == .incoming ? "received " : "") + a.sentDate.iso,
                     "days": a.daysSinceSent, "nextStep": a.nextStep, "subject": a.subject] as [String: Any]
                },
                "withheld": withheld > 0 ? "\(withheld) stalled request(s) above your clearance withheld" : false,
                "stalled": true,
            ]) { $1 }, shown.map(\.classification).max() ?? .unclassified)
        }
        let target: RequestState?
        do { target = try state.map { try RequestState.parseEitherWay($0, field: "state") } } catch {
            throw FieldError(field: "state", message: (error as? ValidationFailure)?.message ?? "\(error)")
        }
        let (found, withheld) = try desk.requests(case: caseID, counterpart: counterpart?.uppercased(), state: target, openOnly: openOnly)
        let shown = Paging(page: page, total: found.count).rows(found)
        return (paging(total: found.count).merging([
            "rows": try Self.rows(desk, shown),
            "withheld": withheld > 0 ? "\(withheld) request(s) above your clearance withheld" : false,
        ]) { $1 }, shown.map(\.classification).max() ?? .unclassified)
    }

    /// Each request as the list shows it: the counterpart's end, the day it was sent or received,
    /// and its state named from our side.
    private static func rows(_ desk: Desk, _ requests: [Comity.Request]) throws -> [[String: Any]] {
        let incoming = try desk.incoming(among: requests)
        return requests.map { request in
            let came = incoming.contains(request.reference)
            var row = PageRenderer.plain(request) as? [String: Any] ?? [:]
            row["counterpartAuthority"] = came ? request.fromAuthority : request.toAuthority
            row["way"] = came ? "received" : "sent"
            row["stateName"] = request.state.name(for: came ? .incoming : .outgoing)
            return row
        }
    }

    private func paging(total: Int) -> [String: Any] {
        var query: [(String, String)] = []
        if let counterpart { query.append(("counterpart", counterpart)) }
        if let state { query.append(("state", state)) }
        if let caseID { query.append(("case", caseID)) }
        if stalled { query.append(("stalled", "1")) }
        if openOnly { query.append(("open", "1")) }
        return Paging(page: page, total: total).values(path: "/requests", query: query)
    }
}

/// One page of a long list: which rows it shows, and the links to the pages either side.
struct Paging {
    var page: Int
    var total: Int
    var size = ListRoutes.pageSize

    init(page: Int, total: Int) {
        self.page = max(1, page)
        self.total = total
    }

    var first: Int { (page - 1) * size }

    func rows<T>(_ all: [T]) -> [T] { Array(all.dropFirst(first).prefix(size)) }

    /// "201–400 of 1234", whether the page has rows, and the links.
    func values(path: String, query: [(String, String)]) -> [String: Any] {
        let link = { (page: Int) in path + "?" + (query + [("page", String(page))]).map { "\($0.0)=\(Path.queryValue($0.1))" }.joined(separator: "&") }
        return [
            "total": total, "hasRows": total > first,
            "range": total == 0 ? "" : "\(min(first + 1, total))–\(min(first + size, total)) of \(total)",
            "previous": page > 1 ? link(page - 1) : false,
            "next": first + size < total ? link(page + 1) : false,
        ]
    }
}
