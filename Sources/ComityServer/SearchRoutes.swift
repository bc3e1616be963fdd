import Comity
import Foundation
import Hummingbird

/// Search by reference, subject, counterpart (code or name) and case (id or title), over what the
/// desk shows the person and nothing else; at most `limit` requests are listed.
struct SearchRoutes {
    let desk: DeskService
    static let limit = 100

    func add(to router: Router<DeskContext>) {
        router.get("/search") { request, context -> Response in
            let query = (request.uri.queryParameters.get("q") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let identity = try context.requireSignedIn()
            let pages = desk.pages
            return Responses.html(try await desk.withDesk(context) { desk in
                var values: [String: Any] = ["searched": !query.isEmpty]
                var mark = Classification.unclassified
                if !query.isEmpty {
                    let found = try Self.search(desk, query)
                    mark = found.mark
                    values["results"] = found.results
                    values["hasResults"] = !found.results.isEmpty
                    values["more"] = found.more ? "More than \(Self.limit) requests match; only the first \(Self.limit) are listed. Narrow the search." : false
                }
                return try pages.render("search", Layout.context(title: "Search", signedIn: identity, mark: mark, extra: values))
            })
        }
    }

    static func search(_ desk: Desk, _ query: String) throws -> (results: [[String: Any]], more: Bool, mark: Classification) {
        let matches = { (text: String) in text.range(of: query, options: [.caseInsensitive, .diacriticInsensitive]) != nil }
        let parties = try desk.parties().filter { $0.code.caseInsensitiveCompare(query) == .orderedSame || matches($0.name) || matches($0.formalName) }
        let cases = try desk.cases().shown.filter { $0.id.caseInsensitiveCompare(query) == .orderedSame || matches($0.id) || matches($0.title) }
        let partyCodes = Set(parties.map(\.code))
        let caseIDs = Set(cases.map(\.id))
        let partyOf = Dictionary(try desk.authorities().map { ($0.id, $0.party) }, uniquingKeysWith: { first, _ in first })
        var results: [[String: Any]] = parties.map { p in
            ["kind": "State", "href": "/requests?counterpart=\(Path.queryValue(p.code))", "title": "\(p.name) (\(p.code))", "detail": "requests to \(p.formalName)"]
        }
        results += cases.prefix(limit).map { c in
            ["kind": "Case", "href": "/cases/\(Path.escape(c.id))", "title": c.id, "detail": c.title]
        }
        var requests: [Comity.Request] = []
        var more = false
        let wanted = { (r: Comity.Request) -> Bool in
            if matches(r.reference) || matches(r.subject) || caseIDs.contains(r.caseID) { return true }
            guard let party = partyOf[r.toAuthority] else { return false }
            return partyCodes.contains(party)
        }
        for request in try desk.requests().shown where wanted(request) {
            if requests.count == limit { more = true; break }
            requests.append(request)
        }
        // An exact reference comes first.
        let exact = { (r: Comity.Request) -> Int in r.reference.caseInsensitiveCompare(query) == .orderedSame ? 0 : 1 }
        requests.sort { (exact($0), $0.reference) < (exact($1), $1.reference) }
        results += requests.map { r in
            ["kind": "Request", "href": "/requests/\(Path.escape(r.reference))", "title": r.reference, "detail": "\(r.subject) (\(r.state.rawValue), case \(r.caseID))"]
        }
        let mark = (requests.map(\.classification) + cases.map(\.classification)).max() ?? .unclassified
        return (results, more, mark)
    }
}
