import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@_spi(Worlds) import Comity
@_spi(Worlds) import ComityWorlds
@testable import ComityServer

/// A browser's part in a test: the cookies it keeps, the form token of the page it is on.
struct SignedInClient {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var csrf: String?

    init(_ client: any TestClientProtocol) { self.client = client }

    /// GET `uri`, keeping cookies and the page's form token.
    @discardableResult
    mutating func get(_ uri: String) async throws -> (status: HTTPResponse.Status, body: String, headers: HTTPFields) {
        let response = try await client.execute(uri: uri, method: .get, headers: cookieHeader())
        return keep(response)
    }

    /// POST a form; the page's token is added unless `token` says otherwise.
    @discardableResult
    mutating func post(_ uri: String, _ fields: [(String, String)], token: String?? = nil, origin: String? = nil)
        async throws -> (status: HTTPResponse.Status, body: String, headers: HTTPFields) {
        var all = fields
        if let chosen = token ?? csrf { all.append(("csrf", chosen)) }
        let body = WebForm.encode(all)
        var headers = WebForm.headers(cookie: cookieHeader()[.cookie] ?? "")
        if let origin { headers[.origin] = origin }
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        return keep(response)
    }

    mutating func signIn(_ name: String, _ password: String) async throws -> HTTPResponse.Status {
        try await get("/signin")
        let response = try await post("/signin", [("name", name), ("password", password), ("next", "")])
        if response.status == .seeOther { try await get("/") }
        return response.status
    }

    private func cookieHeader() -> HTTPFields {
        guard !cookies.isEmpty else { return [:] }
        return [.cookie: cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
    }

    private mutating func keep(_ response: TestResponse) -> (status: HTTPResponse.Status, body: String, headers: HTTPFields) {
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if line.contains("Max-Age=0") || pair[1].isEmpty { cookies[pair[0]] = nil } else { cookies[pair[0]] = pair[1] }
        }
        let body = String(buffer: response.body)
        if let token = WebForm.hidden("csrf", in: body) { csrf = token }
        return (response.status, body, response.headers)
    }
}

/// A demo database with an administrator, a supervisor and a confidential clerk, and the server on it.
enum TestDesk {
    static let today = try! CalendarDate(iso: "2011-11-28")
    static let password = "a long enough password"
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates").path

    static func withDemo<T>(_ configure: (inout ServerConfiguration) -> Void = { _ in },
                            _ body: (any ApplicationProtocol, String) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("comity-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("comity.sqlite").path
        let desk = try Desk.create(.sqlite(path: path), clerk: Clerk(name: "setup", today: today))
        try DemoWorld.load(into: desk)
        try desk.addUser(User(name: "aoki", displayName: "Aoki", role: .administrator, clearance: .secret), password: password)
        let admin = try Office.open(.sqlite(path: path)).desk(for: "aoki", today: today)
        try admin.addUser(User(name: "mori", displayName: "Mori", role: .supervisor, clearance: .secret), password: password)
        try admin.addUser(User(name: "sato", displayName: "Sato", role: .clerk, clearance: .confidential), password: password)
        var configuration = ServerConfiguration(port: 0, templates: templates, today: today)
        configure(&configuration)
        let app = try await DeskServer.application(.sqlite(path: path), configuration: configuration)
        return try await body(app, path)
    }
}
