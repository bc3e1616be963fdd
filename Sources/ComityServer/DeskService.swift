import Comity
import Foundation

/// What every route shares: the office (the store), the pages, the configuration and the
/// sign-in throttle.
final class DeskService: Sendable {
    let office: Office
    let pages: PageRenderer
    let configuration: ServerConfiguration
    let throttle: SignInThrottle
    /// Each person's own newest change, which the dashboard never shows them without.
    let writes = WriteMarks()

    init(office: Office, pages: PageRenderer, configuration: ServerConfiguration) {
        self.office = office
        self.pages = pages
        self.configuration = configuration
        self.throttle = SignInThrottle(allowed: configuration.allowedFailures, firstLockout: configuration.firstLockout)
    }

    /// The date of every page: the fixed one, else the server's in its time zone.
    func today() -> CalendarDate {
        if let today = configuration.today { return today }
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return (try? CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)) ?? CalendarDate(dayNumber: 0)
    }

    /// An account read afresh: nil if it is gone or disabled; any other failure (a busy store) is thrown,
    /// so that it does not sign anyone out.
    func account(_ name: String) async throws -> User? {
        let office = office
        let today = today()
        return try await Blocking.run {
            do {
                return try office.desk(for: name, today: today).account
            } catch let error as ComityError where error.category == .forbidden {
                return nil
            }
        }
    }

    /// Runs `body` with the signed-in person's desk, off the event loop.
    func withDesk<T: Sendable>(_ context: DeskContext, _ body: @escaping @Sendable (Desk) throws -> T) async throws -> T {
        let signedIn = try context.requireSignedIn()
        let office = office
        let today = today()
        return try await Blocking.run {
            try body(try office.desk(for: signedIn.user.name, today: today))
        }
    }

    /// Runs `body` with the person's desk on the connection kept for long reports.
    func withReportingDesk<T: Sendable>(_ context: DeskContext, _ body: @escaping @Sendable (Desk) throws -> T) async throws -> T {
        let signedIn = try context.requireSignedIn()
        let office = office
        let today = today()
        return try await Blocking.run {
            try body(try office.reportingDesk(for: signedIn.user.name, today: today))
        }
    }

    /// Renders a page with the layout's values.
    func page(_ name: String, title: String, context: DeskContext, mark: Classification = .unclassified,
              status: HTTPStatusCode = 200, _ values: [String: Any]) throws -> String {
        try pages.render(name, Layout.context(title: title, signedIn: context.identity, mark: mark, extra: values))
    }
}

typealias HTTPStatusCode = Int
