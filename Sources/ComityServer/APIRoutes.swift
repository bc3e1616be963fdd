import Comity
import Foundation
import HTTPTypes
import Hummingbird

/// The JSON API under /api/, for other ministry systems: each answer has the keys of the
/// command line's `--format json` for the same records, and a listing that leaves records out
/// for the clearance says how many in the `X-Comity-Withheld` header, as the command line says
/// it on standard error. Refusals are `{"error": sentence, "status": code}`; a write needs the
/// session's token in `X-CSRF-Token` (GET /api/me gives it).
struct APIRoutes {
    let desk: DeskService

    static let withheldHeader = HTTPField.Name("X-Comity-Withheld")!

    func add(to router: Router<DeskContext>) {
        let api = router.group("api")
        api.get("me") { _, context -> Response in
            struct Me: Encodable { var account: User; var csrf: String }
            let identity = try context.requireSignedIn()
            return try Responses.json(Me(account: identity.user, csrf: identity.csrf))
        }
        api.get("requests") { request, context -> Response in
            let filters = try RequestFilters(request)
            if filters.stalled {
                let stalled = try await desk.withDesk(context) { desk in
                    try desk.stalled(asOf: filters.asOf ?? desk.clerk.today, counterpart: filters.counterpart, caseID: filters.caseID)
                }
                return try Self.listing(stalled.shown, withheld: stalled.withheld)
            }
            let found = try await desk.withDesk(context) { desk in
                try desk.requests(case: filters.caseID, counterpart: filters.counterpart, state: filters.state, openOnly: filters.open)
            }
            return try Self.listing(found.shown, withheld: found.withheld)
        }
        api.get("requests/:reference") { _, context -> Response in
            let reference = try context.parameters.require("reference")
            return try Responses.json(try await desk.withDesk(context) { desk in try desk.requestDetail(reference) })
        }
        api.get("requests/:reference/clocks") { request, context -> Response in
            let reference = try context.parameters.require("reference")
            let asOf = try Self.date(request.query("asOf"), "asOf")
            return try Responses.json(try await desk.withDesk(context) { desk in
                try desk.clocks(of: reference, asOf: asOf ?? desk.clerk.today).clocks
            })
        }
        api.get("requests/:reference/history") { _, context -> Response in
            let reference = try context.parameters.require("reference")
            return try Responses.json(try await desk.withDesk(context) { desk in try desk.history(of: reference) })
        }
        api.get("requests/:reference/replies") { _, context -> Response in
            let reference = try context.parameters.require("reference")
            return try Responses.json(try await desk.withDesk(context) { desk in try desk.replies(to: reference) })
        }
        api.post("requests/:reference/replies") { request, context -> Response in
            let reference = try context.parameters.require("reference")
            var request = request
            let buffer = try await request.collectBody(upTo: context.bodyLimit)
            let body = try APIReplyBody(json: Data(buffer.readableBytesView), reference: reference)
            let stored = try await desk.withDesk(context) { desk in
                try desk.addReply(body.reply, counterpartReference: body.counterpartReference, keepState: body.keepState).reply
            }
            var response = try Responses.json(stored, status: .created)
            response.headers[.location] = "/api/requests/\(Path.escape(reference))"
            return response
        }
        api.get("stalled") { request, context -> Response in
            let counterpart = try request.query("counterpart").map { try Party.validCode($0) }
            let caseID = request.query("case")
            let asOf = try Self.date(request.query("asOf"), "asOf")
            let stalled = try await desk.withDesk(context) { desk in
                try desk.stalled(asOf: asOf ?? desk.clerk.today, counterpart: counterpart, caseID: caseID)
            }
            return try Self.listing(stalled.shown, withheld: stalled.withheld)
        }
        api.get("cases") { _, context -> Response in
            let found = try await desk.withDesk(context) { desk in try desk.cases() }
            return try Self.listing(found.shown, withheld: found.withheld)
        }
        api.get("cases/:id") { _, context -> Response in
            let id = try context.parameters.require("id")
            let file = try await desk.withDesk(context) { desk in try desk.caseFile(id) }
            return try Self.listing(CaseDetail(case: file.case, requests: file.requests), withheld: file.withheld)
        }
        api.get("engagements") { request, context -> Response in
            let counterpart = request.query("counterpart")
            return try Responses.json(try await desk.withDesk(context) { desk in try desk.engagements(counterpart: counterpart) })
        }
        api.get("letters") { request, context -> Response in
            let reference = request.query("request")
            let found = try await desk.withDesk(context) { desk in
                if let reference { return try desk.letters(of: reference) }
                let register = try desk.letterRegister()
                return (register.entries, register.withheld)
            }
            return try Self.listing(found.shown, withheld: found.withheld)
        }
    }

    /// A listing as JSON, with the count the clearance left out in its header.
    static func listing<T: Encodable>(_ value: T, withheld: Int) throws -> Response {
        var response = try Responses.json(value)
        response.headers[withheldHeader] = String(withheld)
        return response
    }

    static func date(_ text: String?, _ name: String) throws(ValidationFailure) -> CalendarDate? {
        guard let text else { return nil }
        do { return try CalendarDate(iso: text) } catch {
            throw ValidationFailure("\(name) '\(printable(text))' is not a date; write it as YYYY-MM-DD", field: name)
        }
    }
}

/// The filters of `comity request list`, from the query: case, counterpart, state, open,
/// stalled and asOf, refused together as the command refuses them.
struct RequestFilters: Sendable {
    var caseID: String?
    var counterpart: String?
    var state: RequestState?
    var open: Bool
    var stalled: Bool
    var asOf: CalendarDate?

    init(_ request: Request) throws {
        caseID = request.query("case")
        counterpart = request.query("counterpart")
        state = try request.query("state").map { try RequestState.parseEitherWay($0, field: "state") }
        open = request.flag("open")
        stalled = request.flag("stalled")
        asOf = try APIRoutes.date(request.query("asOf"), "asOf")
        if !stalled && asOf != nil { throw ValidationFailure("asOf needs stalled") }
        if stalled && (state != nil || open) { throw ValidationFailure("stalled lists open requests already; leave out state and open") }
        if stalled, let counterpart { self.counterpart = try Party.validCode(counterpart) }
    }
}
