import Foundation
import Testing

/// `scripts/serve-faults` against the built binary: the server killed with SIGKILL while
/// clerks record replies keeps every acknowledged reply, whole.
@Suite("comity serve killed mid-write")
struct ServeFaultTests {
    /// The package folder, found upward from this file.
    static let root: URL = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" && !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder = folder.deletingLastPathComponent()
        }
        return folder
    }()

    /// The first python3 on the test's PATH or in the usual places.
    static func python() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/local/bin", "/usr/bin"]
        return folders.map { URL(fileURLWithPath: $0).appendingPathComponent("python3") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    @Test("twenty kills during concurrent reply posts: every 303 is a stored reply with its history event, comity check clean, a clean stop at the end")
    func killedMidWrite() throws {
        let python = try #require(Self.python(), "python3 is needed to run scripts/serve-faults; install it (apt-get install python3)")
        let binary = try #require(CLI.binary, "cannot find the built comity executable")
        try withSandbox { box in
            var environment = CLI.environment(["COMITY": binary.path, "ROUNDS": "20", "TMPDIR": box.url.path])
            environment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? environment["PATH"]
            let result = try CLI.run(python, [Self.root.appendingPathComponent("scripts/serve-faults").path], in: box.url, environment: environment)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("serve-faults: 20 kills, "), "\(result)")
            #expect(result.stdout.contains("comity check passed 20 of 20; 0 failures"), "\(result)")
            let acknowledged = result.stdout.firstMatch(of: /(\d+) acknowledged replies all stored/).flatMap { Int($0.1) } ?? 0
            #expect(acknowledged >= 20, "every round acknowledges at least one reply before its kill: \(result)")
        }
    }
}
