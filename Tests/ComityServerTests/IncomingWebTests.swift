import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@_spi(Worlds) import Comity
@_spi(Worlds) import ComityWorlds
@testable import ComityServer

/// A request that came to us, as the shared desk shows it: which way it goes, our replies,
/// no chaser to record, and the dashboard's findings about us.
@Suite("the shared desk: requests that come to us")
struct IncomingWebTests {
    static let day = try! CalendarDate(iso: "2012-01-20")

    @Test("the request page says it came to us, names its states from our side and offers no follow-up; the dashboard marks it owed by us")
    func incomingPages() async throws {
        try await TestDesk.withDemo({ $0.today = Self.day }) { app, _ in
            try await app.test(.router) { client in
                var browser = SignedInClient(client)
                #expect(try await browser.signIn("sato", TestDesk.password) == .seeOther)
                let page = try await browser.get("/requests/\(DemoWorld.incomingRequest)")
                #expect(page.status == .ok)
                #expect(page.body.contains(#"id="direction""#))
                #expect(page.body.contains("<dt>Received</dt><dd>2011-11-07</dd>"))
                #expect(page.body.contains(#"<dd id="state">under-assessment</dd>"#))
                #expect(page.body.contains("Our replies"))
                #expect(!page.body.contains(#"id="follow-up-form""#), "a follow-up chases a request we sent")
                #expect(page.body.contains(#"<option value="under-execution">under-execution</option>"#))
                #expect(page.body.contains("the ball is with us"))

                let outgoing = try await browser.get("/requests/\(DemoWorld.mhiRequest)")
                #expect(!outgoing.body.contains(#"id="direction""#))
                #expect(outgoing.body.contains(#"id="follow-up-form""#))

                let dashboard = try await browser.get("/")
                #expect(dashboard.body.contains(#"<a href="/requests/\#(DemoWorld.incomingRequest)">"#), "due 2011-12-07, overdue with us by 2012-01-20")
                #expect(dashboard.body.contains(#"<span class="way">owed by us</span>"#))

                let list = try await browser.get("/requests?counterpart=CN")
                #expect(list.body.contains("<td>CN-MPS</td><td>received 2011-11-07</td><td>under-assessment</td>"), "\(list.body)")

                let moved = try await browser.post("/requests/\(DemoWorld.incomingRequest)/moves", [("to", "under-execution"), ("date", "2012-01-20")])
                #expect(moved.status == .seeOther)
                let after = try await browser.get("/requests/\(DemoWorld.incomingRequest)")
                #expect(after.body.contains(#"<dd id="state">under-execution</dd>"#))
            }
        }
    }
}
