import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@_spi(Worlds) import Comity
import ComityWorlds

/// Reply letters in the browser: the letter page of a request that came to us offers the reply
/// letters, and only there; issuing one records no follow-up.
@Suite("Reply letters on the web")
struct ReplyLetterWebTests {
    static let incoming = "CN-W-2011-001"

    /// The docs world, with a request China's Ministry of Public Security made to Japan's National
    /// Public Safety Commission, received on 2011-10-03 and acknowledged by us on 2011-10-05.
    static func world() throws -> DocsWorld {
        let world = try DocsWorld()
        let desk = try world.desk(for: "ada")
        try desk.addRequest(ComityCore.Request(
            reference: incoming, caseID: "MHI-2011", fromAuthority: "CN-MPS", toAuthority: "JP-NPSC", channel: .centralAuthority,
            basisID: "JP-CN-MLAT", subject: "Bank records of a suspect", items: ["Records of an account"],
            sentDate: try CalendarDate(iso: "2011-10-03"), counterpartReference: "MPS-2011-0088"))
        try desk.addReply(Reply(requestReference: incoming, date: try CalendarDate(iso: "2011-10-05"), fromAuthority: "JP-NPSC",
                                kind: .acknowledgement, summary: "The request has been assigned for execution."))
        return world
    }

    /// The values of the kind choice on a letter page.
    static func kinds(in page: String) -> [String] {
        page.components(separatedBy: "<option value=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            .filter { LetterKind(rawValue: $0) != nil }
    }

    @Test("the letter page offers the reply letters on a request that came to us, the ladder on one we sent")
    func kindsByDirection() async throws {
        let world = try Self.world()
        let app = try await world.application()
        try await app.test(.router) { client in
            let sam = try await DocsWebClient.signIn(client, as: "sam")
            let reply = try await sam.get("/requests/\(Self.incoming)/letter")
            #expect(reply.status == 200)
            #expect(Self.kinds(in: reply.text) == ["acknowledgement", "supplement-request", "partial-execution", "execution", "refusal"])
            #expect(reply.text.contains(#"<dd id="draft-kind">Acknowledgement of receipt</dd>"#), "the letter of our latest reply")
            #expect(reply.text.contains("records no follow-up"))
            let ladder = try await sam.get("/requests/\(LetterWebTests.mhi)/letter")
            #expect(Self.kinds(in: ladder.text) == ["reminder", "note-verbale", "aide-memoire", "ministerial", "talking-points"])
            let request = try await sam.get("/requests/\(Self.incoming)")
            let choice = try #require(request.text.components(separatedBy: #"id="letter-kind""#).dropFirst().first?.components(separatedBy: "</select>").first)
            #expect(choice.contains("<option>acknowledgement</option>") && !choice.contains("<option>note-verbale</option>"), "\(choice)")

            // A ladder letter asked for on it is refused on the page, in the desk's words.
            let refused = try await sam.get("/requests/\(Self.incoming)/letter?kind=note-verbale")
            #expect(refused.status == 422)
            #expect(refused.text.contains("answer this one with a reply letter"))
        }
    }

    @Test("a supervisor issues a reply letter: it is registered, and no follow-up is recorded")
    func issue() async throws {
        let world = try Self.world()
        let app = try await world.application()
        try await app.test(.router) { client in
            let sam = try await DocsWebClient.signIn(client, as: "sam")
            let issued = try await sam.post("/requests/\(Self.incoming)/letters", form: [("kind", "acknowledgement"), ("lang", "en"), ("format", "html")])
            #expect(issued.status == 303)
            let location = try #require(issued.header("Location"))
            let number = String(location.dropFirst("/letters/".count))
            let desk = try world.desk(for: "sam")
            let stored = try desk.letter(number: number)
            #expect(stored.kind == .acknowledgement && stored.sender == "JP-NPSC")
            #expect(stored.document.contains("Acknowledgement of receipt"))
            #expect(try desk.followUps(of: Self.incoming).isEmpty)
        }
    }
}
