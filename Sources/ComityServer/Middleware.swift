import Comity
import Foundation
import Hummingbird
import HummingbirdAuth
import HTTPTypes

/// Security headers on every response, error pages included.
struct SecurityHeaders: RouterMiddleware {
    typealias Context = DeskContext
    let tls: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'" }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        if tls { response.headers[HTTPField.Name("Strict-Transport-Security")!] = "max-age=31536000" }
        return response
    }
}

/// Turns every refusal into a page (or, under /api, a JSON object) with one sentence and its
/// status; anything unexpected is logged on the server and shown as a plain failure.
struct ErrorPages: RouterMiddleware {
    typealias Context = DeskContext
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let refusal: WebError
            if let known = WebError.from(error) {
                refusal = known
            } else if let http = error as? any HTTPResponseError {
                switch http.status {
                case .notFound: refusal = .notFound
                case .contentTooLarge: refusal = .tooLarge(limit: context.bodyLimit)
                case .unauthorized: refusal = .signInRequired
                default: refusal = .badRequest("The request could not be read (\(http.status.code) \(http.status.reasonPhrase)); send it again from Comity's pages.")
                }
            } else {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
                refusal = .badRequest("The request could not be completed; try again, and tell the administrator if it persists.")
            }
            if case .comity(let error) = refusal, error.category == .store {
                context.logger.error("store failure", metadata: ["error": "\(error.description)", "path": "\(request.uri.path)"])
            }
            return Responses.refusal(refusal, request: request, context: context, pages: pages)
        }
    }
}

/// Reads the session: checks its idle time, reads the account afresh (a disabled account is
/// signed out at once) and puts the person in the context.
struct SignedInReader: RouterMiddleware {
    typealias Context = DeskContext
    let desk: DeskService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.bodyLimit = desk.configuration.maxBodyBytes
        if var session = context.sessions.session {
            let now = desk.configuration.now()
            let idle = Double(desk.configuration.idleTimeout.components.seconds)
            let lifetime = Double(desk.configuration.sessionLifetime.components.seconds)
            if now - session.lastSeen > idle || now - session.signedInAt > lifetime {
                context.sessions.clearSession()
                if !Self.isPublic(request.uri.path) { throw WebError.sessionExpired }
            } else if let user = try await desk.account(session.user), !user.disabled {
                context.identity = SignedIn(user: user, csrf: session.csrf)
                if now - session.lastSeen > min(30, idle / 4) {
                    session.lastSeen = now
                    _ = context.sessions.updateSession(session)
                }
            } else {
                context.sessions.clearSession()
            }
        }
        if context.identity == nil, !Self.isPublic(request.uri.path) {
            throw WebError.signInRequired
        }
        return try await next(request, context)
    }

    static func isPublic(_ path: String) -> Bool {
        path == "/signin" || path.hasPrefix("/static/")
    }
}

/// Refuses a write that did not come from Comity's own pages: another site's origin, or a
/// missing or wrong form token (`csrf` in a form, `X-CSRF-Token` from a script).
struct ForgeryGuard: RouterMiddleware {
    typealias Context = DeskContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard ![.get, .head, .options].contains(request.method) else { return try await next(request, context) }
        if let origin = request.headers[.origin], !Self.sameOrigin(origin, authority: request.head.authority) {
            throw WebError.crossSite
        }
        var request = request
        let buffer = try await request.collectBody(upTo: context.bodyLimit)
        request.body = .init(buffer: buffer)
        let expected = context.identity?.csrf ?? request.cookies[Responses.signInCookie]?.value
        let given = request.headers[HTTPField.Name("X-CSRF-Token")!] ?? FormFields(buffer: buffer, contentType: request.headers[.contentType]).value("csrf")
        guard let expected, let given, Token.same(expected, given) else { throw WebError.badToken }
        return try await next(request, context)
    }

    /// Whether a browser's `Origin` is this server: the same host and port as the request was sent to.
    static func sameOrigin(_ origin: String, authority: String?) -> Bool {
        guard let authority, let url = URL(string: origin), let host = url.host else { return false }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        if let port = url.port { return authority == "\(shownHost):\(port)" }
        let defaultPort = url.scheme == "https" ? 443 : 80
        return authority == shownHost || authority == "\(shownHost):\(defaultPort)"
    }
}
