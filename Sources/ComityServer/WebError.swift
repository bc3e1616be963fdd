import Comity
import Hummingbird

/// Why a request was refused, as one sentence and an HTTP status; never a stack trace or a
/// detail of a record the person may not see (the library's sentences already keep to that).
enum WebError: Error, Sendable {
    case signInRequired
    case sessionExpired
    case badToken
    case crossSite
    case throttled(seconds: Int)
    case notFound
    case tooLarge(limit: Int)
    case badRequest(String)
    case comity(ComityError)

    var status: HTTPResponse.Status {
        switch self {
        case .signInRequired, .sessionExpired: return .unauthorized
        case .badToken, .crossSite: return .forbidden
        case .throttled: return .tooManyRequests
        case .notFound: return .notFound
        case .tooLarge: return .contentTooLarge
        case .badRequest: return .badRequest
        case .comity(let error):
            switch error.category {
            case .invalid: return .unprocessableContent
            case .notFound: return .notFound
            case .invalidMove: return .conflict
            case .forbidden: return .forbidden
            case .document: return .internalServerError
            case .store:
                if case .busy = error { return .serviceUnavailable }
                return .internalServerError
            }
        }
    }

    var message: String {
        switch self {
        case .signInRequired: return "Sign in to continue."
        case .sessionExpired: return "Your session has expired; sign in again."
        case .badToken: return "This form has expired or did not come from Comity; reload the page and send it again."
        case .crossSite: return "This request came from another site and was refused; use Comity's own pages."
        case .throttled(let seconds): return "Too many failed sign-ins; wait \(seconds) second\(seconds == 1 ? "" : "s") before trying again."
        case .notFound: return "There is no such page; use the links of the dashboard."
        case .tooLarge(let limit): return "The request is larger than \(limit / 1024) KB, the most Comity accepts; send less."
        case .badRequest(let message): return message
        case .comity(let error):
            if case .store = error.category {
                if case .busy = error { return "The database is busy; try again in a moment." }
                return "The change could not be saved; try again, and tell the administrator if it persists."
            }
            return sentence(error.description)
        }
    }

    /// A library message as a sentence: capital first letter, full stop.
    private func sentence(_ text: String) -> String {
        guard let first = text.first else { return text }
        let body = first.uppercased() + text.dropFirst()
        return body.hasSuffix(".") ? body : body + "."
    }

    /// Any error a handler or the framework throws, as a refusal.
    static func from(_ error: any Error) -> WebError? {
        if let error = error as? WebError { return error }
        if let error = error as? ComityError { return .comity(error) }
        if let error = error as? ValidationFailure { return .comity(.invalid(error.message)) }
        return nil
    }
}
