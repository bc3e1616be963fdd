import Foundation
import Testing

/// The README's shared-desk section works as written: the demo, a first administrator, and
/// `comity serve` on it, after which that administrator signs in.
@Suite("README: the shared desk")
struct ReadmeServeTests {
    @Test("the demo, 'user add' and 'serve' from the README start a desk the administrator signs in to")
    func serveSection() throws {
        let commands = try ReadmeTests.commands(after: "## The shared desk: `comity serve`")
            .map { $0.replacingOccurrences(of: "swift run comity", with: "comity") }
        try #require(commands.count == 3, "\(commands)")
        #expect(commands[2].hasPrefix("comity serve --db demo.sqlite"))
        try withSandbox { box in
            for command in commands.prefix(2) {
                let result = try ReadmeTests.shell(command, in: box.url, environment: [:])
                try #require(result.status == 0, "README command failed: \(command)\n\(result)")
            }
            let password = try #require(commands[1].split(separator: "'").dropFirst(3).first.map(String.init), "no password in \(commands[1])")
            // The serve line as written, on a free port.
            let arguments = commands[2].split(separator: " ").dropFirst().map(String.init) + ["--port", "0", "--templates", StallGolden.templates.path]
            let server = try ServerProcess.start(arguments, in: box)
            defer { server.stop() }
            let base = "http://127.0.0.1:\(server.port)"
            let signIn = try CLI.shell("""
                token=$(curl -s -c jar -b jar \(base)/signin | sed -n 's/.*name="csrf" value="\\([0-9a-f]*\\)".*/\\1/p') && \
                curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -c jar -b jar --data-urlencode "csrf=$token" --data-urlencode name=aoki \
                --data-urlencode \(CLI.shellQuoted("password=" + password)) --data-urlencode next= \(base)/signin && \
                curl -s -b jar \(base)/
                """, in: box.url)
            #expect(signIn.status == 0, "\(signIn)")
            #expect(signIn.stdout.hasPrefix("303 \(base)/"), "\(signIn.stdout.prefix(200))")
            #expect(signIn.stdout.contains("Aoki Kenji"))
            #expect(signIn.stdout.contains("JP-MHI-2011-001"))
        }
    }
}
