import Foundation
import HTTPTypes

/// What every test client of the server does the same way: form bodies, cookies, form tokens.
enum WebForm {
    /// A value as a form body carries it.
    static func escape(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~"))) ?? value
    }

    /// `application/x-www-form-urlencoded` text of `fields`, in order.
    static func encode(_ fields: [(String, String)]) -> String {
        fields.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    /// The headers of a form post, with the cookie when there is one.
    static func headers(cookie: String) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if !cookie.isEmpty { headers[.cookie] = cookie }
        return headers
    }

    /// The value a response sets for cookie `name`, nil when it sets none or clears it.
    static func cookie(_ name: String, in headers: HTTPFields) -> String? {
        for header in headers[values: .setCookie] where header.hasPrefix(name + "=") {
            let value = header.dropFirst(name.count + 1).prefix { $0 != ";" }
            if !value.isEmpty { return String(value) }
        }
        return nil
    }

    /// The value of the hidden field `name` on a page.
    static func hidden(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}
