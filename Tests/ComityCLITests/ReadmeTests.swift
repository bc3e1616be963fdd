import Foundation
import Testing
import Comity
import ComityWorlds

/// The README's commands work as written: the short tour and the main job, run through a
/// shell with the built `comity` on PATH, in a temp folder.
@Suite("README")
struct ReadmeTests {
    static let readme = StallGolden.repository.appendingPathComponent("README.md")

    /// The lines of the first ```sh block after the heading `heading`, backslash continuations joined.
    static func commands(after heading: String) throws -> [String] {
        let text = String(decoding: try Data(contentsOf: readme), as: UTF8.self)
        let lines = text.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: heading), "README.md has no heading '\(heading)'")
        let open = try #require(lines[start...].firstIndex { $0.hasPrefix("```sh") }, "no ```sh block after '\(heading)'")
        let close = try #require(lines[(open + 1)...].firstIndex { $0.hasPrefix("```") }, "the ```sh block is not closed")
        var commands: [String] = []
        var pending = ""
        for line in lines[(open + 1)..<close] {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasSuffix("\\") {
                pending += String(trimmed.dropLast()).trimmingCharacters(in: .whitespaces) + " "
                continue
            }
            let command = (pending + trimmed).trimmingCharacters(in: .whitespaces)
            pending = ""
            if !command.isEmpty && !command.hasPrefix("#") { commands.append(command) }
        }
        #expect(pending.isEmpty, "the block ends inside a continued line")
        return commands
    }

    /// Runs one command line through `/bin/sh` in `directory`, with `comity` on PATH.
    static func shell(_ command: String, in directory: URL, environment extra: [String: String]) throws -> RunResult {
        let binary = try #require(CLI.binary, "cannot find the built comity executable")
        var environment = extra
        environment["PATH"] = binary.deletingLastPathComponent().path + ":/usr/local/bin:/usr/bin:/bin"
        environment["COMITY_TEMPLATES"] = StallGolden.templates.path
        return try CLI.run(URL(fileURLWithPath: "/bin/sh"), ["-c", command], in: directory, environment: CLI.environment(environment))
    }

    /// Runs README commands in order, each required to exit 0: `export` lines set the environment
    /// of those after them. Returns each command's output and the environment at the end.
    static func runAll(_ commands: [String], in sandbox: Sandbox) throws -> (outputs: [String: String], environment: [String: String]) {
        var environment: [String: String] = [:]
        var outputs: [String: String] = [:]
        for command in commands {
            if command.hasPrefix("export ") {
                let parts = command.dropFirst("export ".count).split(separator: "=", maxSplits: 1).map(String.init)
                environment[parts[0]] = parts[1]
                continue
            }
            let result = try shell(command, in: sandbox.url, environment: environment)
            try #require(result.status == 0, "README command failed: \(command)\n\(result)")
            outputs[command] = result.stdout
        }
        return (outputs, environment)
    }

    @Test("every command of 'A short tour' exits 0")
    func shortTour() throws {
        let commands = try Self.commands(after: "## A short tour")
        #expect(commands.count >= 10)
        #expect(commands.first?.hasPrefix("export COMITY_DB=") == true)
        try withSandbox { sandbox in
            var environment: [String: String] = [:]
            for command in commands {
                if command.hasPrefix("export ") {
                    let assignment = command.dropFirst("export ".count)
                    let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
                    try #require(parts.count == 2, "cannot read '\(command)'")
                    environment[parts[0]] = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                    continue
                }
                #expect(command.hasPrefix("comity "), "a tour command that is not comity: \(command)")
                let result = try Self.shell(command, in: sandbox.url, environment: environment)
                #expect(result.status == 0, "README command failed: \(command)\n\(result)")
            }
            // The database went where COMITY_DB said, and the last command wrote its brief.
            let database = try #require(environment["COMITY_DB"])
            #expect(FileManager.default.fileExists(atPath: sandbox.path(database).path))
            let brief = String(decoding: (try? Data(contentsOf: sandbox.path("brief.html"))) ?? Data(), as: UTF8.self)
            #expect(brief.contains("JP-MHI-2011-001"))
            #expect(brief.contains("Talking point."))
        }
    }

    @Test("the tour's stalled listing and clock explanation show the MHI request")
    func tourOutputs() throws {
        let commands = try Self.commands(after: "## A short tour")
        try withSandbox { sandbox in
            let (outputs, _) = try Self.runAll(commands, in: sandbox)
            let listing = try #require(outputs.first { $0.key.contains("request list --stalled") }?.value)
            #expect(listing.contains("JP-MHI-2011-001"))
            #expect(listing.contains("non-committal"))
            let explained = try #require(outputs.first { $0.key.contains("--explain") }?.value)
            #expect(explained.contains("2011-10-30"))
            // After the visit, with its outcome recorded, the next step follows up on the meeting.
            let after = try #require(outputs.first { $0.key.contains("report stall --as-of 2012-01-15") }?.value)
            #expect(after.contains("Next step: send a note verbale, following up on Prime Minister's visit to Beijing (25–26 December 2011), at which Prime Minister Noda raised it; the response recorded: “none”"))
            let history = try #require(outputs.first { $0.key.hasPrefix("comity history") }?.value)
            #expect(history.contains(#"reply 1 summary: "Will contact the relevant authorities" → "It would contact the relevant authorities""#))
            #expect(history.contains("wording of the cable"))
        }
    }

    @Test("the main job, with 'swift run comity' replaced by the built binary, briefs the MHI request")
    func mainJob() throws {
        let text = String(decoding: try Data(contentsOf: Self.readme), as: UTF8.self)
        let line = try #require(
            text.components(separatedBy: "\n").first { $0.contains("swift run comity demo") && $0.contains("report stall") },
            "README.md no longer shows the main job on one line")
        let binary = try #require(CLI.binary, "cannot find the built comity executable")
        let command = line.replacingOccurrences(of: "swift run comity", with: "'\(binary.path)'")
        #expect(!command.contains("swift run"))
        try withSandbox { sandbox in
            let result = try Self.shell(command, in: sandbox.url, environment: [:])
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("JP-MHI-2011-001  NON-COMMITTAL"))
            #expect(result.stdout.contains("ball with China"))
            #expect(result.stdout.contains("Next step: raise it as a talking point at Prime Minister Noda's visit to Beijing (25–26 December 2011, in 27 days)"))
            #expect(result.stdout.contains("Talking point: Raise our request of 30 September 2011 (JP-MHI-2011-001)"))
        }
    }
}

extension ReadmeTests {
    @Test("'Requests that come to us', after the tour, records a request that came to us: the ball is with us and the next step is ours")
    func incomingSection() throws {
        let tour = try Self.commands(after: "## A short tour")
        let incoming = try Self.commands(after: "## Requests that come to us")
        #expect(incoming.count == 4)
        try withSandbox { sandbox in
            let (_, environment) = try Self.runAll(tour + incoming, in: sandbox)
            let shown = try Self.shell("comity request show JP-IN-2011-001", in: sandbox.url, environment: environment)
            #expect(shown.lines.contains { $0.hasPrefix("received ") && $0.hasSuffix(" 2011-12-05") }, "\(shown)")
            #expect(shown.lines.contains { $0.hasPrefix("state ") && $0.hasSuffix(" under-execution") }, "\(shown)")
            // 30 calendar days from receipt: due 2012-01-04, overdue with us by 2012-01-20.
            let report = try Self.shell("comity report stall --as-of 2012-01-20 --format json", in: sandbox.url, environment: environment)
            let findings = try #require((try decodeJSON(report.stdout) as? [String: Any])?["findings"] as? [[String: Any]])
            let ours = try #require(findings.first { $0["reference"] as? String == "JP-IN-2011-001" }, "\(report)")
            #expect(ours["direction"] as? String == "incoming")
            #expect(ours["ballWith"] as? String == "us")
            #expect(ours["responseDue"] as? String == "2012-01-04")
            #expect((ours["categories"] as? [String])?.contains("overdue") == true)
            #expect((ours["nextStep"] as? String)?.hasPrefix("chase the executing agency") == true, "\(ours)")
        }
    }
}
