import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@_spi(Worlds) import Comity
@_spi(Worlds) import ComityWorlds
import ComityServer

/// The demo world with records planted above a confidential clearance, each carrying
/// `DocsWorld.planted`, and four accounts. Removed when released.
final class DocsWorld: @unchecked Sendable {
    static let today = try! CalendarDate(iso: "2011-11-28")
    /// The text no one below secret may ever meet.
    static let planted = "ZEBRA-SECRET-7731"
    /// A secret request (subject, items, note and a reply hold the planted text) with an issued letter.
    static let secretRequest = "JP-S-2011-077"
    /// A confidential request with a secret reply: withheld whole from a confidential reader.
    static let repliedSecretly = "JP-C-2011-078"
    /// A restricted request in a secret case.
    static let inSecretCase = "JP-S-2011-079"
    static let secretCase = "CASE-S1"
    /// A confidential request a confidential reader may see.
    static let visibleConfidential = "JP-C-2011-080"
    static let password = "correct horse battery staple"

    let folder: URL
    let path: String
    /// The number of the secret letter, and of a restricted one on the MHI request.
    let secretLetter: String
    let restrictedLetter: String

    /// Every identifier a confidential reader may not meet unless they typed it.
    var secretIdentifiers: [String] {
        [Self.secretRequest, Self.repliedSecretly, Self.inSecretCase, Self.secretCase, secretLetter]
    }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("comity-docs-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        path = folder.appendingPathComponent("desk.sqlite").path
        let desk = try Desk.create(.sqlite(path: path), clerk: Clerk(name: "setup", today: Self.today))
        try DemoWorld.load(into: desk)
        (secretLetter, restrictedLetter) = try Self.plant(desk)
        for (name, role, clearance) in [("ada", Role.administrator, Classification.secret), ("sam", .supervisor, .confidential),
                                        ("cleo", .clerk, .confidential)] {
            try desk.addUser(User(name: name, displayName: name.capitalized, role: role, clearance: clearance), password: Self.password)
        }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    private static func date(_ iso: String) -> CalendarDate { try! CalendarDate(iso: iso) }

    private static func plant(_ desk: Desk) throws -> (String, String) {
        let secret = planted
        try desk.addCase(Case(
            id: secretCase, title: "Operation \(secret)", leadAuthority: "JP-TMPD", offence: "Espionage \(secret)",
            incidentDate: date("2011-07-01"), discoveryDate: date("2011-07-02"), classification: .secret, note: "Note \(secret)"))
        func request(_ reference: String, case caseID: String, subject: String, classification: Classification, note: String = "") throws {
            try desk.addRequest(ComityCore.Request(
                reference: reference, caseID: caseID, fromAuthority: "JP-NPSC", toAuthority: "CN-MPS", channel: .centralAuthority,
                basisID: "JP-CN-MLAT", subject: subject, items: ["Item of \(subject)"], urgency: .urgent,
                classification: classification, sentDate: date("2011-09-01"), note: note))
        }
        try request(secretRequest, case: "MHI-2011", subject: "Servers of \(secret)", classification: .secret, note: "Source \(secret)")
        try desk.addReply(Reply(requestReference: secretRequest, date: date("2011-09-20"), fromAuthority: "CN-MPS", kind: .acknowledgement,
                                summary: "Acknowledged \(secret)", classification: .secret))
        try request(repliedSecretly, case: "MHI-2011", subject: "Connection logs of a hosting firm", classification: .confidential)
        try desk.addReply(Reply(requestReference: repliedSecretly, date: date("2011-10-03"), fromAuthority: "CN-MPS", kind: .interimStatus,
                                summary: "Interim word on \(secret)", classification: .secret))
        try request(inSecretCase, case: secretCase, subject: "Accounts used in \(secret)", classification: .restricted)
        try request(visibleConfidential, case: "MHI-2011", subject: "Registrations of a domain", classification: .confidential)
        let renderer = try DocumentRenderer(templates: URL(fileURLWithPath: templatesFolder))
        let letters = try desk.issueLetters([
            LetterSpec(reference: secretRequest, kind: .reminder, date: date("2011-11-21")),
            LetterSpec(reference: DemoWorld.mhiRequest, kind: .reminder, date: date("2011-11-21")),
        ], renderer: renderer)
        return (letters[0].number!, letters[1].number!)
    }

    /// The server on this world, as a test drives it without a network.
    func application() async throws -> some ApplicationProtocol {
        try await DeskServer.application(.sqlite(path: path), configuration: ServerConfiguration(templates: templatesFolder, today: Self.today))
    }

    /// A person's desk, as the server opens it for them.
    func desk(for name: String) throws -> Desk {
        try Office.open(.sqlite(path: path)).desk(for: name, today: Self.today)
    }
}

/// The templates folder of this checkout.
let templatesFolder: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("templates").path

/// One answer of the server, its body as text.
struct DocsResponse: Sendable {
    var status: Int
    var headers: HTTPFields
    var text: String

    func header(_ name: String) -> String? { headers[HTTPField.Name(name)!] }

    /// Every header as `name: value` lines.
    var headerLines: String { headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n") }

    /// The JSON body, decoded.
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) }
}

/// A signed-in person driving the server: the session cookie and the form token carried along.
struct DocsWebClient: Sendable {
    let client: any TestClientProtocol
    let session: String
    let csrf: String

    /// Signs in as `name` through the sign-in page, as a browser does.
    static func signIn(_ client: any TestClientProtocol, as name: String, password: String = DocsWorld.password) async throws -> DocsWebClient {
        let page = try await client.execute(uri: "/signin", method: .get)
        let token = try #require(cookie("comity_signin", in: page.headers))
        let form = WebForm.encode([("name", name), ("password", password), ("csrf", token)])
        let signedIn = try await client.execute(
            uri: "/signin", method: .post,
            headers: WebForm.headers(cookie: "comity_signin=\(token)"),
            body: ByteBuffer(string: form))
        #expect(signedIn.status == .seeOther, "signing in as \(name)")
        let session = try #require(cookie("comity_session", in: signedIn.headers))
        let me = try await client.execute(uri: "/api/me", method: .get, headers: [.cookie: "comity_session=\(session)"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(buffer: me.body)) as? [String: Any])
        return DocsWebClient(client: client, session: session, csrf: try #require(object["csrf"] as? String))
    }

    static func cookie(_ name: String, in headers: HTTPFields) -> String? { WebForm.cookie(name, in: headers) }

    func get(_ uri: String) async throws -> DocsResponse {
        try await send(uri, method: .get)
    }

    /// A form as a page posts it, with the form token unless `csrf` is false.
    func post(_ uri: String, form: [(String, String)], csrf withToken: Bool = true) async throws -> DocsResponse {
        let pairs = (withToken ? [("csrf", csrf)] : []) + form
        return try await send(uri, method: .post, headers: WebForm.headers(cookie: ""), body: WebForm.encode(pairs))
    }

    /// JSON as a script posts it, with `X-CSRF-Token` unless `csrf` is false.
    func postJSON(_ uri: String, _ json: String, csrf withToken: Bool = true) async throws -> DocsResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if withToken { headers[HTTPField.Name("X-CSRF-Token")!] = csrf }
        return try await send(uri, method: .post, headers: headers, body: json)
    }

    private func send(_ uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: String? = nil) async throws -> DocsResponse {
        var headers = headers
        headers[.cookie] = "comity_session=\(session)"
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        return DocsResponse(status: Int(response.status.code), headers: response.headers, text: String(buffer: response.body))
    }
}
