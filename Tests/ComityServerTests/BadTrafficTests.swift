import Comity
@_spi(Worlds) import ComityWorlds
import ComityServer
import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// What the server does with traffic no page of Comity sends: bodies too large, bytes that are
/// not HTTP, a percent sign that encodes nothing, JSON that is not JSON, a client that sends its
/// headers a byte at a time. Each gets a status and a sentence, never a crash, and the server
/// goes on serving everyone else.
@Suite("bad traffic")
struct BadTrafficTests {
    static let today = try! CalendarDate(iso: "2022-01-10")
    static let password = "bad-traffic-password"
    static let reference = DemoWorld.mhiRequest
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates").path

    /// The demo world with one clerk, in a fresh folder, and the server on it.
    static func withServer<T>(
        connectionTimeout: Duration = .seconds(60), _ body: (any ApplicationProtocol) async throws -> T
    ) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("comity-bad-traffic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("desk.sqlite").path
        let desk = try Desk.create(.sqlite(path: path), clerk: Clerk(name: "Sato", today: today))
        try DemoWorld.load(into: desk)
        try desk.addUser(User(name: "admin", displayName: "Admin", role: .administrator, clearance: .secret), password: password)
        try desk.addUser(User(name: "sato", displayName: "Sato", role: .clerk, clearance: .secret), password: password)
        var configuration = ServerConfiguration(port: 0, templates: templates, today: today)
        configuration.connectionTimeout = connectionTimeout
        return try await body(try await DeskServer.application(.sqlite(path: path), configuration: configuration))
    }

    // MARK: Through the router

    @Test("a body over the limit gets 413 and the sentence, signed in or not")
    func oversizedBody() async throws {
        try await Self.withServer { app in
            try await app.test(.router) { client in
                let session = try await Self.signIn(client)
                let huge = "csrf=\(session.csrf)&summary=" + String(repeating: "a", count: 300 * 1024)
                for (uri, cookie) in [("/requests/\(Self.reference)/replies", "comity_session=\(session.cookie)"), ("/signin", "")] {
                    try await client.execute(uri: uri, method: .post, headers: Self.form(cookie: cookie), body: ByteBuffer(string: huge)) { response in
                        #expect(response.status == .contentTooLarge, "\(uri)")
                        #expect(String(buffer: response.body).contains("The request is larger than 256 KB, the most Comity accepts; send less."), "\(uri)")
                    }
                }
            }
        }
    }

    @Test("a percent sign that encodes nothing: in a path a 404 with its sentence, in a form the field refused beside it")
    func badPercentEncoding() async throws {
        try await Self.withServer { app in
            try await app.test(.router) { client in
                let session = try await Self.signIn(client)
                let cookie: HTTPFields = [.cookie: "comity_session=\(session.cookie)"]
                for uri in ["/requests/%ZZ", "/requests/JP-%E0%A4%A", "/requests/%"] {
                    try await client.execute(uri: uri, method: .get, headers: cookie) { response in
                        #expect((400..<500).contains(Int(response.status.code)), "\(uri): \(response.status)")
                        #expect(String(buffer: response.body).contains("<p"), "\(uri): a page with its sentence")
                    }
                }
                let body = "csrf=\(session.csrf)&date=2022-01-10&kind=interim-status&summary=%ZZ%G"
                try await client.execute(uri: "/requests/\(Self.reference)/replies", method: .post,
                                         headers: Self.form(cookie: "comity_session=\(session.cookie)"), body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(String(buffer: response.body).contains("Give the summary."))
                }
            }
        }
    }

    @Test("JSON that is not JSON under /api gets a 4xx with a JSON sentence")
    func notJSON() async throws {
        try await Self.withServer { app in
            try await app.test(.router) { client in
                let session = try await Self.signIn(client)
                var headers: HTTPFields = [.cookie: "comity_session=\(session.cookie)", .contentType: "application/json"]
                headers[HTTPField.Name("X-CSRF-Token")!] = session.csrf
                for body in ["{not json", "[1, 2", "\u{FF}\u{FE}", ""] {
                    try await client.execute(uri: "/api/requests/\(Self.reference)/replies", method: .post, headers: headers,
                                             body: ByteBuffer(string: body)) { response in
                        #expect((400..<500).contains(Int(response.status.code)), "\(body): \(response.status)")
                        let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                        let sentence = object?["error"] as? String ?? ""
                        #expect(sentence.hasSuffix("."), "\(body): one sentence, not \(String(buffer: response.body))")
                        #expect(object?["status"] as? Int == Int(response.status.code))
                    }
                }
            }
        }
    }

    // MARK: Over a socket

    @Test("a malformed request line, a header that is not a header, headers too large: a 4xx with a sentence, and the server serves on")
    func notHTTP() async throws {
        try await Self.withServer { app in
            try await app.test(.live) { client in
                let port = try #require(client.port)
                let cases: [(String, String, String)] = [
                    ("GARBAGE\r\n\r\n", "400", "could not be read as HTTP"),
                    ("GET /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nNo colon in this line\r\n\r\n", "400", "could not be read as HTTP"),
                    ("GET /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: \(String(repeating: "b", count: 100 * 1024))\r\n\r\n", "431", "headers are larger"),
                ]
                for (bytes, status, sentence) in cases {
                    let connection = try RawConnection(port: port)
                    #expect(connection.send(bytes))
                    let answer = connection.readToEnd()
                    #expect(answer.closed, "the server closes the connection after \(bytes.prefix(40))")
                    #expect(answer.text.hasPrefix("HTTP/1.1 \(status)"), "\(bytes.prefix(40)): \(answer.text)")
                    #expect(answer.text.contains(sentence), "\(bytes.prefix(40)): \(answer.text)")
                }
                try await client.execute(uri: "/signin", method: .get) { response in
                    #expect(response.status == .ok, "the server still serves")
                }
            }
        }
    }

    @Test("a client sending its headers a byte at a time does not hold up others, and is closed by the connection timeout")
    func slowClient() async throws {
        try await Self.withServer(connectionTimeout: .seconds(2)) { app in
            try await app.test(.live) { client in
                let port = try #require(client.port)
                let slow = try RawConnection(port: port)
                let request = Array("GET /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + String(repeating: "s", count: 2000))
                var sent = 0
                // A few bytes first, then someone else is served while the slow request hangs.
                while sent < 10, slow.send(String(request[sent])) { sent += 1 }
                try await client.execute(uri: "/signin", method: .get) { response in
                    #expect(response.status == .ok, "another client is served while the slow one trickles")
                }
                // Trickle on, a byte every 50 ms, until the server closes the connection (or
                // the request's 2,000 bytes, 100 s, run out: the timeout is 2 s).
                var closed = false
                while sent < request.count {
                    if slow.isClosed(waitingMilliseconds: 50) { closed = true; break }
                    guard slow.send(String(request[sent])) else { closed = true; break }
                    sent += 1
                }
                #expect(closed, "the slow connection was closed by the server")
                #expect(sent < request.count, "closed before the headers were whole")
                // A new connection (the test client's own, idle as long as the trickle, may have
                // been closed by the same timeout): the server still serves.
                let after = try RawConnection(port: port)
                #expect(after.send("GET /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
                #expect(after.readToEnd().text.hasPrefix("HTTP/1.1 200"), "the server still serves")
            }
        }
    }

    // MARK: Helpers

    struct Session {
        var cookie: String
        var csrf: String
    }

    static func form(cookie: String) -> HTTPFields { WebForm.headers(cookie: cookie) }

    static func cookie(_ name: String, in response: TestResponse) -> String? { WebForm.cookie(name, in: response.headers) }

    static func csrf(in page: String) -> String? {
        page.firstMatch(of: /name="csrf" value="([^"]+)"/).map { String($0.1) }
    }

    /// Signs the clerk in; returns the session cookie and the form token of its pages.
    static func signIn(_ client: some TestClientProtocol) async throws -> Session {
        let page = try await client.execute(uri: "/signin", method: .get)
        let signinCookie = try #require(cookie("comity_signin", in: page))
        let token = try #require(csrf(in: String(buffer: page.body)))
        let body = "name=sato&password=\(password)&csrf=\(token)"
        let signedIn = try await client.execute(uri: "/signin", method: .post, headers: form(cookie: "comity_signin=\(signinCookie)"),
                                                body: ByteBuffer(string: body))
        #expect(signedIn.status == .seeOther)
        let session = try #require(cookie("comity_session", in: signedIn))
        let request = try await client.execute(uri: "/requests/\(reference)", method: .get, headers: [.cookie: "comity_session=\(session)"])
        return Session(cookie: session, csrf: try #require(csrf(in: String(buffer: request.body))))
    }
}
