import Comity
import Foundation
import Hummingbird
import NIOCore

/// Letters and reports sent as the command line writes them: the document itself, no site
/// layout, shown in the browser or downloaded.
enum DocumentResponse {
    /// The documents carry their own inline stylesheet (the print marks among it) and no script:
    /// their policy allows exactly that.
    static let policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

    /// `document` of `kind`, inline, or as an attachment named `name` when `download` is set.
    static func make(_ document: String, kind: DocumentKind, name: String, download: Bool) -> Response {
        let type = kind == .xml ? "application/xml; charset=utf-8" : "text/html; charset=utf-8"
        var response = Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: document)))
        response.headers[.contentSecurityPolicy] = policy
        if download { response.headers[.contentDisposition] = "attachment; filename=\"\(safeName(name))\"" }
        return response
    }

    /// A file name any system accepts: letters, digits, '.', '-' and '_', the rest as '-'.
    static func safeName(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "-" })
    }

    /// Whether a query asks for the document as a file (`download=1`).
    static func wantsDownload(_ request: Request) -> Bool { request.flag("download") }
}

extension Request {
    /// A value of the query, trimmed; nil when absent or blank.
    func query(_ name: String) -> String? {
        let value = uri.queryParameters.get(name)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return value.isEmpty ? nil : value
    }

    /// Whether a query's switch is on (`open=1`, `download=true`).
    func flag(_ name: String) -> Bool {
        ["1", "true", "yes", "on"].contains(query(name)?.lowercased() ?? "")
    }
}
