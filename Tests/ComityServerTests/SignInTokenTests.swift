import Hummingbird
import HummingbirdTesting
import Testing
@testable import ComityServer

/// The sign-in form's token as a browser meets it: other requests made behind the form must
/// not replace the token of the form on screen.
@Suite("Sign-in token")
struct SignInTokenTests {
    @Test("a second sign-in page (the favicon a browser fetches behind the form is sent to one) keeps the form's token")
    func secondPageKeepsToken() async throws {
        try await TestDesk.withDemo { app, _ in
            try await app.test(.router) { client in
                var browser = SignedInClient(client)
                try await browser.get("/signin")
                let shown = try #require(browser.csrf)
                let favicon = try await browser.get("/favicon.ico")
                #expect(favicon.status == .seeOther)
                try await browser.get(try #require(favicon.headers[.location]))
                #expect(browser.csrf == shown)
                let signIn = try await browser.post("/signin", [("name", "sato"), ("password", TestDesk.password), ("next", "")], token: .some(shown))
                #expect(signIn.status == .seeOther)
                #expect(signIn.headers[.location] == "/")
            }
        }
    }

    @Test("a sign-in cookie that is not one of Comity's tokens is replaced")
    func strangeCookieReplaced() async throws {
        try await TestDesk.withDemo { app, _ in
            try await app.test(.router) { client in
                var browser = SignedInClient(client)
                browser.cookies[Responses.signInCookie] = "chosen-by-someone-else"
                try await browser.get("/signin")
                let token = try #require(browser.csrf)
                #expect(token != "chosen-by-someone-else")
                #expect(token.count == 64)
                #expect(browser.cookies[Responses.signInCookie] == token)
            }
        }
    }
}
