import Foundation
import Testing

/// `comity serve` as an operator starts it: refusals before listening, HTTPS with a certificate,
/// and a clean stop on SIGTERM.
@Suite("comity serve")
struct ServeCLITests {
    static let password = "a long enough password"

    /// The demo database with a first administrator.
    static func demoWithAdministrator(_ box: Sandbox, demo: Bool = true) throws {
        if demo { try #require(box.comity(["demo"]).status == 0) }
        let added = try CLI.shell("printf '%s\\n' \(CLI.shellQuoted(password)) | \"$COMITY\" user add aoki --role administrator --clearance secret --password-stdin --db "
                                  + CLI.shellQuoted(box.db.path), in: box.url)
        try #require(added.status == 0, "\(added)")
    }

    @Test("refused before listening: a database without accounts, plain HTTP beyond loopback, half a certificate pair")
    func refusals() throws {
        try withSandbox { box in
            try #require(box.comity(["demo"]).status == 0)
            let none = try box.comity(["serve", "--port", "0"], today: nil, actor: nil)
            #expect(none.status == 65 && none.stderr.contains("has no accounts") && none.stderr.contains("comity user add"))
            try Self.demoWithAdministrator(box, demo: false)
            let open = try box.comity(["serve", "--host", "0.0.0.0", "--port", "0"], today: nil, actor: nil)
            #expect(open.status == 65 && open.stderr.contains("plain HTTP is served on a loopback address only"))
            let half = try box.comity(["serve", "--certificate", "x.pem", "--port", "0"], today: nil, actor: nil)
            #expect(half.status == 65 && half.stderr.contains("needs both --certificate and --key"))
            for result in [none, open, half] { #expect(CLI.unclearness(result.stderr).isEmpty, "\(result.stderr)") }
        }
    }

    @Test("with a certificate and key it serves HTTPS only, with a Secure cookie, and stops cleanly on SIGTERM")
    func https() throws {
        try withSandbox { box in
            try Self.demoWithAdministrator(box)
            let made = try CLI.shell("openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 2 -subj /CN=localhost 2>/dev/null", in: box.url)
            try #require(made.status == 0, "openssl is needed to make a test certificate: \(made)")
            let server = try ServerProcess.start(["serve", "--db", box.db.path, "--port", "0", "--certificate", "cert.pem", "--key", "key.pem"], in: box)
            defer { server.stop() }
            let page = try CLI.shell("curl -sk -D - -o /dev/null https://127.0.0.1:\(server.port)/signin", in: box.url)
            #expect(page.status == 0, "\(page)")
            #expect(page.stdout.hasPrefix("HTTP/1.1 200"))
            #expect(page.stdout.lowercased().contains("strict-transport-security"))
            #expect(page.stdout.contains("Secure"), "the sign-in cookie must be Secure under HTTPS: \(page.stdout)")
            let plain = try CLI.shell("curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:\(server.port)/signin", in: box.url)
            #expect(plain.stdout != "200", "plain HTTP must not be answered on an HTTPS port")
            let status = server.terminate()
            #expect(status == 0)
            #expect(server.stderr().contains("comity: stopped"))
        }
    }
}

/// A `comity serve` started for a test, its port read from its first line.
final class ServerProcess {
    let process: Process
    let port: Int
    private let errURL: URL

    private init(process: Process, port: Int, errURL: URL) {
        self.process = process
        self.port = port
        self.errURL = errURL
    }

    static func start(_ arguments: [String], in box: Sandbox) throws -> ServerProcess {
        let binary = try #require(CLI.binary, "cannot find the built comity executable")
        let errURL = box.path("serve-\(UUID().uuidString).log")
        try #require(FileManager.default.createFile(atPath: errURL.path, contents: nil))
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = box.url
        process.environment = CLI.environment([:])
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        // Waits for the line that names the port, however long a busy machine takes, or for an early exit.
        while process.isRunning {
            let text = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                let port = Int(text[range].dropFirst("127.0.0.1:".count).dropLast())!
                return ServerProcess(process: process, port: port, errURL: errURL)
            }
            usleep(50_000)
        }
        let text = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        throw ServeStartFailure(message: "comity serve exited with \(process.terminationStatus): \(text)")
    }

    func stderr() -> String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }

    /// SIGTERM, then the exit status once it has stopped.
    func terminate() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func stop() {
        if process.isRunning { _ = terminate() }
    }
}

struct ServeStartFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
