import Comity
import Foundation
import Hummingbird
import NIOCore

/// Pages, redirects and JSON as the desk sends them.
enum Responses {
    /// The cookie that carries the sign-in form's token before anyone is signed in.
    static let signInCookie = "comity_signin"

    static func html(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func file(_ body: String, type: String, name: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""],
                 body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: try JSONDocument.encode(value))))
    }

    /// 303 See Other, after a form was taken.
    static func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    static func isAPI(_ request: Request) -> Bool { request.uri.path.hasPrefix("/api/") || request.uri.path == "/api" }

    /// A refusal as a page, or as `{"error": …, "status": …}` under /api.
    static func refusal(_ refusal: WebError, request: Request, context: DeskContext, pages: PageRenderer) -> Response {
        if isAPI(request) {
            struct Body: Encodable { var error: String; var status: Int }
            return (try? json(Body(error: refusal.message, status: Int(refusal.status.code)), status: refusal.status))
                ?? Response(status: refusal.status)
        }
        switch refusal {
        case .signInRequired, .sessionExpired:
            if request.method == .get {
                let next = request.uri.path == "/" ? "" : "?next=" + (request.uri.description.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                let expired = refusal.status == .unauthorized && { if case .sessionExpired = refusal { return true } else { return false } }()
                return seeOther("/signin" + next + (expired ? (next.isEmpty ? "?" : "&") + "expired=1" : ""))
            }
        default: break
        }
        let page = (try? pages.render("error", Layout.context(title: "Refused", signedIn: context.identity, extra: [
            "message": refusal.message, "status": Int(refusal.status.code),
        ]))) ?? "<!DOCTYPE html><title>Comity</title><p>\(Escape.html(refusal.message))</p>"
        return html(page, status: refusal.status)
    }
}

/// HTML escaping for the few strings written outside templates.
enum Escape {
    static func html(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
