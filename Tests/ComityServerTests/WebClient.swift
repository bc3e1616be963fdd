@_spi(Worlds) import Comity
@_spi(Worlds) import ComityWorlds
import ComityServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The demo world with accounts, as the form tests use it: an administrator cleared for
/// everything, a supervisor and a clerk cleared for confidential, and a secret request whose
/// subject carries planted text no one below secret may meet.
enum FormsWorld {
    static let password = "correct horse battery staple"
    static let today = try! CalendarDate(iso: "2011-11-28")
    static let secretRequest = "JP-MHI-2011-099"
    static let plantedText = "ZEBRAFINCH"

    /// A new folder with the demo database; the caller removes it.
    static func make(_ extra: (Desk) throws -> Void = { _ in }) throws -> (folder: URL, database: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("comity-forms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("demo.sqlite").path
        let desk = try Desk.create(.sqlite(path: path), clerk: Clerk(name: "setup", today: today))
        try DemoWorld.load(into: desk)
        var secret = try desk.request(DemoWorld.mhiRequest).request
        secret.reference = secretRequest
        secret.subject = "\(plantedText) source of a second intrusion"
        secret.classification = .secret
        secret.sentDate = nil
        secret.state = .drafted
        try desk.addRequest(secret)
        try extra(desk)
        try desk.addUser(User(name: "ada", displayName: "Ada Administrator", role: .administrator, clearance: .secret), password: password)
        try desk.addUser(User(name: "sam", displayName: "Sam Supervisor", role: .supervisor, clearance: .confidential), password: password)
        try desk.addUser(User(name: "carl", displayName: "Carl Clerk", role: .clerk, clearance: .confidential), password: password)
        return (folder, path)
    }

    /// Runs `body` against the server on a new demo database, in the router test framework.
    static func run(_ extra: (Desk) throws -> Void = { _ in }, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let (folder, path) = try make(extra)
        defer { try? FileManager.default.removeItem(at: folder) }
        let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("templates").path
        let app = try await DeskServer.application(.sqlite(path: path), configuration: ServerConfiguration(templates: templates, today: today))
        try await app.test(.router) { client in try await body(client) }
    }
}

/// A signed-in browser for the form tests: it carries the session cookie and the form token.
struct FormsWebClient {
    let client: any TestClientProtocol
    private(set) var session = ""
    private(set) var csrf = ""

    init(_ client: any TestClientProtocol) { self.client = client }

    /// Signs in; returns the response of the sign-in form (303 when it worked).
    @discardableResult
    mutating func signIn(_ name: String, password: String = FormsWorld.password) async throws -> TestResponse {
        let form = try await client.execute(uri: "/signin", method: .get)
        let token = try #require(Self.cookie("comity_signin", in: form))
        let response = try await client.execute(
            uri: "/signin", method: .post, headers: Self.formHeaders(cookie: "comity_signin=\(token)"),
            body: ByteBuffer(string: Self.encode([("name", name), ("password", password), ("csrf", token)])))
        if let session = Self.cookie("comity_session", in: response) {
            self.session = session
            let page = try await get("/account")
            csrf = try #require(Self.hidden("csrf", in: page.text))
        }
        return response
    }

    func get(_ uri: String) async throws -> Page {
        Page(try await client.execute(uri: uri, method: .get, headers: [.cookie: "comity_session=\(session)"]))
    }

    /// Posts a form with the session's token.
    func post(_ uri: String, _ fields: [(String, String)]) async throws -> Page {
        Page(try await client.execute(
            uri: uri, method: .post, headers: Self.formHeaders(cookie: "comity_session=\(session)"),
            body: ByteBuffer(string: Self.encode(fields + [("csrf", csrf)]))))
    }

    struct Page {
        let response: TestResponse
        init(_ response: TestResponse) { self.response = response }
        var status: HTTPResponse.Status { response.status }
        var text: String { String(buffer: response.body) }
        var location: String? { response.headers[.location] }

        /// The element `id` and what follows it, to the end of its tag's first close.
        func element(_ id: String, closing tag: String) -> String? {
            guard let start = text.range(of: "id=\"\(id)\"") else { return nil }
            guard let end = text.range(of: "</\(tag)>", range: start.upperBound..<text.endIndex) else { return nil }
            return String(text[start.lowerBound..<end.upperBound])
        }
    }

    static func formHeaders(cookie: String) -> HTTPFields { WebForm.headers(cookie: cookie) }
    static func encode(_ fields: [(String, String)]) -> String { WebForm.encode(fields) }
    static func cookie(_ name: String, in response: TestResponse) -> String? { WebForm.cookie(name, in: response.headers) }
    static func hidden(_ name: String, in html: String) -> String? { WebForm.hidden(name, in: html) }
}
