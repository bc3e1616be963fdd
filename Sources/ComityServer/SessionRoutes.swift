import Comity
import Foundation
import Hummingbird

/// Signing in and out.
struct SessionRoutes {
    let desk: DeskService

    func add(to router: Router<DeskContext>) {
        router.get("/signin") { request, context in try await signInPage(request, context) }
        router.post("/signin") { request, context in try await signIn(request, context) }
        router.post("/signout") { _, context -> Response in
            context.sessions.clearSession()
            return Responses.seeOther("/signin")
        }
    }

    private func signInPage(_ request: Request, _ context: DeskContext, error: String? = nil, name: String = "",
                            status: HTTPResponse.Status = .ok) async throws -> Response {
        if context.identity != nil, error == nil { return Responses.seeOther("/") }
        let token = Self.keptToken(request) ?? Token.make()
        let next = Self.safeNext(request.uri.queryParameters.get("next") ?? FormFields(encoded: "").value("next"))
        let expired = request.uri.queryParameters.get("expired") != nil
        var values: [String: Any] = ["signinToken": token, "next": next ?? "", "name": name]
        if let message = error ?? (expired ? WebError.sessionExpired.message : nil) { values["error"] = message }
        let html = try desk.pages.render("signin", Layout.context(title: "Sign in", signedIn: nil, extra: values))
        var response = Responses.html(html, status: status)
        response.setCookie(Cookie(name: Responses.signInCookie, value: token, maxAge: 3600, path: "/signin",
                                  secure: desk.configuration.usesTLS, httpOnly: true, sameSite: .strict))
        return response
    }

    private func signIn(_ request: Request, _ context: DeskContext) async throws -> Response {
        var request = request
        let form = FormFields(buffer: try await request.collectBody(upTo: context.bodyLimit), contentType: request.headers[.contentType])
        let name = form.text("name")?.lowercased() ?? ""
        let password = form.value("password") ?? ""
        let keys = ["account:" + name, "address:" + context.clientAddress]
        let now = ContinuousClock.now
        let wait = await desk.throttle.wait(for: keys, now: now)
        if wait > 0 {
            return try await signInPage(request, context, error: WebError.throttled(seconds: wait).message, name: name, status: .tooManyRequests)
        }
        let office = desk.office
        let user = try await Blocking.run { try office.signIn(name, password: password) }
        guard let user else {
            await desk.throttle.failed(keys, now: now)
            let locked = await desk.throttle.wait(for: keys, now: now)
            let message = locked > 0 ? WebError.throttled(seconds: locked).message : "The account name or the password is wrong, or the account is disabled."
            return try await signInPage(request, context, error: message, name: name, status: locked > 0 ? .tooManyRequests : .unauthorized)
        }
        await desk.throttle.succeeded(keys)
        let seconds = desk.configuration.now()
        context.sessions.createSession(DeskSession(user: user.name, csrf: Token.make(), lastSeen: seconds, signedInAt: seconds),
                                       expiresIn: desk.configuration.sessionLifetime)
        var response = Responses.seeOther(Self.safeNext(form.value("next")) ?? "/")
        response.setCookie(Cookie(name: Responses.signInCookie, value: "", maxAge: 0, path: "/signin",
                                  secure: desk.configuration.usesTLS, httpOnly: true, sameSite: .strict))
        return response
    }

    /// The sign-in token the browser already holds: a second sign-in page (another tab, or the
    /// favicon a browser fetches behind the form) must not replace the token of the form on screen.
    static func keptToken(_ request: Request) -> String? {
        guard let value = request.cookies[Responses.signInCookie]?.value, value.count == 64, value.allSatisfy(\.isHexDigit) else { return nil }
        return value
    }

    /// A page of this site to go back to after signing in; nothing else.
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), !next.hasPrefix("/signin") else { return nil }
        return next
    }
}

/// The stylesheet and the little script, from `templates/web/static/`.
struct StaticRoutes {
    let templates: String

    func add(to router: Router<DeskContext>) {
        let folder = URL(fileURLWithPath: templates).appendingPathComponent("web/static")
        var files: [String: (String, String)] = [:]
        for (name, type) in [("comity.css", "text/css; charset=utf-8"), ("comity.js", "text/javascript; charset=utf-8")] {
            if let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) { files[name] = (text, type) }
        }
        let loaded = files
        router.get("/static/:file") { _, context -> Response in
            guard let name = context.parameters.get("file"), let (text, type) = loaded[name] else { throw WebError.notFound }
            var response = Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: .init(string: text)))
            response.headers[.cacheControl] = "private, max-age=3600"
            return response
        }
    }
}
