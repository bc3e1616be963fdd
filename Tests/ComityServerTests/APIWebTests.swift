import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@_spi(Worlds) import Comity
import ComityWorlds

/// The JSON API answers with exactly what `--format json` prints for the same records and the
/// same person, and takes a reply with the keys `reply list --format json` shows.
@Suite("The JSON API")
struct APIWebTests {
    static let mhi = DemoWorld.mhiRequest

    @Test("each answer is the command line's JSON of the same records")
    func sameJSONAsTheCommandLine() async throws {
        let world = try DocsWorld()
        let desk = try world.desk(for: "cleo")
        let today = DocsWorld.today
        let requests = try desk.requests()
        let stalled = try desk.stalled(asOf: today)
        let caseFile = try desk.caseFile("MHI-2011")
        let letters = try desk.letters(of: Self.mhi)
        let expected: [(String, String, String?)] = [
            ("/api/requests", try JSONDocument.encode(requests.shown), String(requests.withheld)),
            ("/api/requests?state=lapsed", try JSONDocument.encode(desk.requests(state: .lapsed).shown), nil),
            ("/api/requests?stalled=1", try JSONDocument.encode(stalled.shown), String(stalled.withheld)),
            ("/api/stalled", try JSONDocument.encode(stalled.shown), String(stalled.withheld)),
            ("/api/requests/\(Self.mhi)", try JSONDocument.encode(desk.requestDetail(Self.mhi)), nil),
            ("/api/requests/\(Self.mhi)/clocks?asOf=2011-11-01", try JSONDocument.encode(desk.clocks(of: Self.mhi, asOf: CalendarDate(iso: "2011-11-01")).clocks), nil),
            ("/api/requests/\(Self.mhi)/history", try JSONDocument.encode(desk.history(of: Self.mhi)), nil),
            ("/api/requests/\(Self.mhi)/replies", try JSONDocument.encode(desk.replies(to: Self.mhi)), nil),
            ("/api/cases", try JSONDocument.encode(desk.cases().shown), "1"),
            ("/api/cases/MHI-2011", try JSONDocument.encode(CaseDetail(case: caseFile.case, requests: caseFile.requests)), String(caseFile.withheld)),
            ("/api/engagements", try JSONDocument.encode(desk.engagements()), nil),
            ("/api/letters?request=\(Self.mhi)", try JSONDocument.encode(letters.shown), String(letters.withheld)),
            ("/api/letters", try JSONDocument.encode(desk.letterRegister().entries), "1"),
        ]
        let app = try await world.application()
        try await app.test(.router) { client in
            let cleo = try await DocsWebClient.signIn(client, as: "cleo")
            for (path, json, withheld) in expected {
                let response = try await cleo.get(path)
                #expect(response.status == 200, "\(path)")
                #expect(response.header("Content-Type") == "application/json; charset=utf-8", "\(path)")
                #expect(response.text == json, "\(path) differs from the command line's JSON")
                if let withheld { #expect(response.header("X-Comity-Withheld") == withheld, "\(path)") }
            }
            let me = try #require(try await cleo.get("/api/me").json as? [String: Any])
            let account = try #require(me["account"] as? [String: Any])
            #expect(account["name"] as? String == "cleo" && account["clearance"] as? String == "confidential")
            #expect(me["csrf"] as? String == cleo.csrf)
        }
    }

    @Test("a reply posted as JSON is stored and returned; a bad one is refused in one sentence")
    func postReply() async throws {
        let world = try DocsWorld()
        let app = try await world.application()
        try await app.test(.router) { client in
            let cleo = try await DocsWebClient.signIn(client, as: "cleo")
            let path = "/api/requests/\(Self.mhi)/replies"
            let created = try await cleo.postJSON(path, """
                {"date": "2011-11-25", "kind": "interim-status", "summary": "The servers are being traced.",
                 "fromAuthority": "CN-MPS", "promisedDate": "2011-12-20", "refusalGrounds": [], "classification": "restricted",
                 "requestReference": "\(Self.mhi)", "id": null}
                """)
            #expect(created.status == 201)
            let reply = try #require(created.json as? [String: Any])
            let id = try #require(reply["id"] as? Int)
            #expect(reply["summary"] as? String == "The servers are being traced." && reply["promisedDate"] as? String == "2011-12-20")
            let stored = try world.desk(for: "cleo").reply(id: Int64(id))
            #expect(created.text == (try JSONDocument.encode(stored)))
            #expect(try world.desk(for: "ada").history(of: Self.mhi).last?.actor == "cleo")

            let refusals: [(String, Int, String)] = [
                (#"{"date": "2011-11-25", "kind": "maybe", "summary": "x"}"#, 422, "is not a valid reply kind"),
                (#"{"date": "25/11/2011", "kind": "acknowledgement", "summary": "x"}"#, 422, "is not a date; write it as YYYY-MM-DD"),
                (#"{"date": "2011-11-25", "kind": "acknowledgement"}"#, 422, "Give the summary ('summary')."),
                (#"{"date": "2011-11-25", "kind": "acknowledgement", "summary": "x", "colour": "red"}"#, 422, "is not a key of a reply"),
                (#"{"date": "2011-11-25", "kind": "acknowledgement", "summary": "x", "id": 4}"#, 422, "leave out 'id'"),
                (#"{"date": "2011-11-25", "kind": "acknowledgement", "summary": "x", "classification": "secret"}"#, 422, "cannot be recorded with a confidential clearance"),
                ("[1, 2]", 422, "is not a JSON object"),
            ]
            for (body, status, sentence) in refusals {
                let refused = try await cleo.postJSON(path, body)
                let object = try #require(refused.json as? [String: Any], "\(body)")
                #expect(refused.status == status && object["status"] as? Int == status, "\(body)")
                #expect((object["error"] as? String)?.contains(sentence) == true, "\(body): \(object["error"] ?? "")")
            }
            let forged = try await cleo.postJSON(path, #"{"date": "2011-11-25", "kind": "acknowledgement", "summary": "x"}"#, csrf: false)
            #expect(forged.status == 403 && (forged.json as? [String: Any])?["status"] as? Int == 403)
            #expect(try world.desk(for: "cleo").replies(to: Self.mhi).count == 2)

            let unknown = try await cleo.get("/api/nothing-here")
            #expect(unknown.status == 404 && (unknown.json as? [String: Any])?["error"] != nil)
            let badFilter = try await cleo.get("/api/requests?stalled=1&open=1")
            #expect(badFilter.status == 422 && badFilter.text.contains("leave out state and open"))
        }
        let stranger = try await world.application()
        try await stranger.test(.router) { client in
            let response = try await client.execute(uri: "/api/me", method: .get)
            #expect(response.status == .unauthorized)
            #expect(String(buffer: response.body).contains(#""error" : "Sign in to continue.""#))
        }
    }
}
