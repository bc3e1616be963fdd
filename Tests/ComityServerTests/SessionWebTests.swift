import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@_spi(Worlds) import Comity
@_spi(Worlds) import ComityWorlds
@testable import ComityServer

/// Signing in, sessions, form tokens and throttling, through the server's router.
@Suite("the shared desk: sign-in and sessions")
struct SessionWebTests {
    @Test("pages need a sign-in; a wrong password is refused; the right one opens the dashboard")
    func signIn() async throws {
        try await TestDesk.withDemo { app, _ in
            try await app.test(.router) { client in
                var browser = SignedInClient(client)
                let anonymous = try await browser.get("/requests/JP-MHI-2011-001")
                #expect(anonymous.status == .seeOther && anonymous.headers[.location]?.hasPrefix("/signin?next=") == true)
                let api = try await browser.get("/api/requests")
                #expect(api.status == .unauthorized && api.body.contains("\"error\""))
                #expect(try await browser.signIn("sato", "wrong password here") == .unauthorized)
                #expect(try await browser.signIn("sato", TestDesk.password) == .seeOther)
                let dashboard = try await browser.get("/")
                #expect(dashboard.status == .ok)
                #expect(dashboard.body.contains("Stalled requests by counterpart and severity"))
                #expect(dashboard.body.contains("JP-MHI-2011-001"))
                #expect(dashboard.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
                let cookie = try #require(browser.cookies["comity_session"])
                #expect(!cookie.isEmpty)
            }
        }
    }

    @Test("a reply recorded through the form moves the request and takes it off the stalled list, with the account as actor")
    func recordReply() async throws {
        try await TestDesk.withDemo { app, path in
            try await app.test(.router) { client in
                var browser = SignedInClient(client)
                #expect(try await browser.signIn("sato", TestDesk.password) == .seeOther)
                try await browser.get("/requests/JP-MHI-2011-001")
                let refused = try await browser.post("/requests/JP-MHI-2011-001/replies", [
                    ("date", "2011-11-27"), ("kind", "full-results"), ("summary", ""), ("classification", "restricted"),
                ])
                #expect(refused.status == .unprocessableContent)
                #expect(refused.body.contains("Give the summary."))
                let taken = try await browser.post("/requests/JP-MHI-2011-001/replies", [
                    ("date", "2011-11-27"), ("kind", "full-results"), ("summary", "Server logs handed over"), ("classification", "restricted"),
                ])
                #expect(taken.status == .seeOther)
                let page = try await browser.get("/requests/JP-MHI-2011-001")
                #expect(page.body.contains("Server logs handed over"))
                #expect(page.body.contains(#"<dd id="state">executed</dd>"#))
                let dashboard = try await browser.get("/")
                #expect(!dashboard.body.contains(#"href="/requests/JP-MHI-2011-001""#))
                let history = try Desk.open(.sqlite(path: path), clerk: Clerk(name: "x", today: TestDesk.today)).history(of: "JP-MHI-2011-001")
                #expect(history.last?.actor == "sato")
            }
        }
    }

    @Test("a form without its token, or from another site, is refused and changes nothing")
    func forgery() async throws {
        try await TestDesk.withDemo { app, path in
            try await app.test(.router) { client in
                var browser = SignedInClient(client)
                #expect(try await browser.signIn("sato", TestDesk.password) == .seeOther)
                let fields = [("date", "2011-11-27"), ("kind", "full-results"), ("summary", "forged"), ("classification", "restricted")]
                let missing = try await browser.post("/requests/JP-MHI-2011-001/replies", fields, token: .some(nil))
                #expect(missing.status == .forbidden && missing.body.contains("did not come from Comity"))
                let wrong = try await browser.post("/requests/JP-MHI-2011-001/replies", fields, token: "0123")
                #expect(wrong.status == .forbidden)
                let crossSite = try await browser.post("/requests/JP-MHI-2011-001/replies", fields, origin: "http://evil.example")
                #expect(crossSite.status == .forbidden && crossSite.body.contains("another site"))
                let replies = try Desk.open(.sqlite(path: path), clerk: Clerk(name: "x", today: TestDesk.today)).replies(to: "JP-MHI-2011-001")
                #expect(!replies.contains { $0.summary == "forged" })
            }
        }
    }

    @Test("after five wrong passwords the account must wait, even with the right one; the tenth is throttled")
    func throttling() async throws {
        try await TestDesk.withDemo { app, _ in
            try await app.test(.router) { client in
                var browser = SignedInClient(client)
                var statuses: [HTTPResponse.Status] = []
                for attempt in 1...10 {
                    try await browser.get("/signin")
                    let response = try await browser.post("/signin", [("name", "sato"), ("password", "wrong password \(attempt)"), ("next", "")])
                    statuses.append(response.status)
                    if attempt == 10 { #expect(response.body.contains("Too many failed sign-ins")) }
                }
                #expect(statuses.prefix(4).allSatisfy { $0 == .unauthorized })
                #expect(statuses.suffix(5).allSatisfy { $0 == .tooManyRequests })
                #expect(try await browser.signIn("sato", TestDesk.password) == .tooManyRequests)
            }
        }
    }

    @Test("a session ends after its idle time; the next page asks to sign in again")
    func expiry() async throws {
        let clock = TestClock()
        try await TestDesk.withDemo({ $0.idleTimeout = .seconds(60); $0.now = { clock.now } }) { app, _ in
            try await app.test(.router) { client in
                var browser = SignedInClient(client)
                #expect(try await browser.signIn("sato", TestDesk.password) == .seeOther)
                #expect(try await browser.get("/").status == .ok)
                clock.advance(59)
                #expect(try await browser.get("/").status == .ok)
                clock.advance(61)
                let after = try await browser.get("/requests/JP-MHI-2011-001")
                #expect(after.status == .seeOther && after.headers[.location]?.contains("expired=1") == true)
            }
        }
    }
}

/// The server's clock in a test: it moves only when told.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: Double = 1_000_000_000

    var now: Double { lock.withLock { seconds } }

    func advance(_ by: Double) { lock.withLock { seconds += by } }
}
