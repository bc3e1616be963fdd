import Comity
import Hummingbird

/// Takes a posted form: on success a 303 to where `body` says; on a refusal the page again
/// (status 422, or 409 for a move the state machine refuses), the form filled in as it was sent
/// and the sentence beside the field it is about.
struct FormTaker {
    let desk: DeskService

    func take(
        _ request: Request, _ context: DeskContext, form name: String,
        page: @escaping @Sendable (Desk, FormRefusal?) throws -> String,
        _ body: @escaping @Sendable (Desk, FormFields) throws -> String
    ) async throws -> Response {
        var request = request
        let form = FormFields(buffer: try await request.collectBody(upTo: context.bodyLimit), contentType: request.headers[.contentType])
        let refusal: FormRefusal
        let status: HTTPResponse.Status
        do {
            let location = try await desk.withDesk(context) { desk in try body(desk, form) }
            return Responses.seeOther(location)
        } catch let error as FieldError {
            (refusal, status) = (FormRefusal(form: name, field: error.field, message: Self.sentence(error.message), values: form.echoed), .unprocessableContent)
        } catch let error as ValidationFailure {
            (refusal, status) = (FormRefusal(form: name, field: error.field, message: Self.sentence(error.message), values: form.echoed), .unprocessableContent)
        } catch let error as ComityError where [.invalid, .invalidMove, .notFound].contains(error.category) {
            let field = Self.fieldNaming(error, in: form)
            (refusal, status) = (FormRefusal(form: name, field: field, message: WebError.comity(error).message, values: form.echoed),
                                 error.category == .invalidMove ? .conflict : .unprocessableContent)
        }
        let html = try await desk.withDesk(context) { desk in try page(desk, refusal) }
        return Responses.html(html, status: status)
    }

    /// The field whose value is the identifier a "not found" or "already recorded" names.
    static func fieldNaming(_ error: ComityError, in form: FormFields) -> String? {
        let id: String
        switch error {
        case .notFound(_, let named, _), .duplicate(_, let named): id = named
        default: return nil
        }
        return form.pairs.first { $0.0 != "csrf" && $0.1.trimmingCharacters(in: .whitespaces).caseInsensitiveCompare(id) == .orderedSame }?.0
    }

    /// A library message as a sentence: capital first letter, full stop.
    static func sentence(_ text: String) -> String {
        WebError.comity(.invalid(text)).message
    }
}

extension FormFields {
    /// A value parsed by the library, its refusal placed beside the field `name`.
    func parsed<T>(_ name: String, _ parse: (String) throws -> T) throws -> T {
        let text = value(name)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        do { return try parse(text) } catch let error as ValidationFailure {
            throw FieldError(field: name, message: error.message)
        } catch let error as ComityError {
            throw FieldError(field: name, message: error.description)
        } catch let error as DateError {
            throw FieldError(field: name, message: error.description)
        }
    }

    /// An optional value: nil when blank, else parsed.
    func parsedIfGiven<T>(_ name: String, _ parse: (String) throws -> T) throws -> T? {
        text(name) == nil ? nil : try parsed(name, parse)
    }

    /// One entry per non-blank line (the items of a request).
    func lines(_ name: String) -> [String] {
        (value(name) ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
