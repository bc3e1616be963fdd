import Comity
import Hummingbird

/// The newest history event each person's own changes reached, so that a page computed for
/// everyone (the dashboard) never shows anyone a state older than their own last change.
actor WriteMarks {
    private var marks: [String: Int64] = [:]

    func mark(_ user: String, _ event: Int64) {
        marks[user] = max(marks[user] ?? 0, event)
    }

    /// The newest event of the person's own changes, 0 when they made none.
    func required(for user: String) -> Int64 { marks[user] ?? 0 }
}

/// Notes, after every change a signed-in person made through the server, the newest event.
struct WriteMarker: RouterMiddleware {
    typealias Context = DeskContext
    let desk: DeskService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        guard ![.get, .head, .options].contains(request.method), response.status.code < 400, let user = context.identity?.user.name else {
            return response
        }
        let office = desk.office
        let newest = try await Blocking.run { try office.newestEvent() }
        await desk.writes.mark(user, newest)
        return response
    }
}
