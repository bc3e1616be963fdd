import Comity
import Foundation
import Hummingbird

/// The stall report and the pre-summit brief, as the command line's `report stall --format html`
/// renders them: print-ready documents with their marks, served as they are; `?format=xml`
/// downloads the XML, validated against its schema.
struct ReportRoutes {
    let desk: DeskService

    func add(to router: Router<DeskContext>) {
        router.get("/reports/stall") { request, context -> Response in
            let counterpart = try request.query("counterpart").map { try Party.validCode($0) }
            let caseID = request.query("case")
            return try await document(request, context, name: "stall-report") { desk in
                try desk.stallReport(asOf: desk.clerk.today, counterpart: counterpart, caseID: caseID)
            }
        }
        router.get("/engagements/:id/brief") { request, context -> Response in
            let id = try context.parameters.require("id")
            return try await document(request, context, name: "brief-\(id)") { desk in
                try desk.stallReport(asOf: desk.clerk.today, before: id)
            }
        }
    }

    private func document(
        _ request: Request, _ context: DeskContext, name: String, _ report: @escaping @Sendable (Desk) throws -> StallReport
    ) async throws -> Response {
        let kind = try Self.kind(request.query("format"))
        let renderer = desk.pages.documents
        let (text, day) = try await desk.withReportingDesk(context) { desk in
            (try renderer.render(try report(desk), as: kind), desk.clerk.today.iso)
        }
        return DocumentResponse.make(text, kind: kind, name: "\(name)-\(day).\(kind.rawValue)",
                                     download: kind == .xml || DocumentResponse.wantsDownload(request))
    }

    /// html (the default) or xml, refused in one sentence otherwise.
    static func kind(_ format: String?) throws(ValidationFailure) -> DocumentKind {
        guard let format else { return .html }
        guard let kind = DocumentKind(rawValue: format.lowercased()) else {
            throw ValidationFailure("'\(printable(format))' is not a report format here; use html or xml")
        }
        return kind
    }
}
