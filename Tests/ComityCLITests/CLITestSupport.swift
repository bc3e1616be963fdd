import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// What one run of a program produced.
struct RunResult: Sendable, CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }

    /// Non-empty stdout lines.
    var lines: [String] { stdout.split(separator: "\n").map(String.init) }
}

/// Runs the built `comity` binary and other programs with a controlled environment.
enum CLI {
    /// The `comity` executable of the build the tests run in.
    static let binary: URL? = locateBinary()

    /// Where to find `comity`: beside the test bundle (the products directory), else in a
    /// `.build*/debug` folder of this package, preferring the one the test bundle lives in.
    static func locateBinary() -> URL? {
        let fm = FileManager.default
        func executable(in dir: URL) -> URL? {
            let candidate = dir.appendingPathComponent("comity")
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  fm.isExecutableFile(atPath: candidate.path) else { return nil }
            return candidate.resolvingSymlinksInPath()
        }
        var dirs: [URL] = []
        let main = Bundle.main.bundleURL
        dirs += [main, main.deletingLastPathComponent()]
        if let exe = Bundle.main.executableURL { dirs.append(exe.deletingLastPathComponent()) }
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            dirs.append(bundle.bundleURL.deletingLastPathComponent())
        }
        if let first = CommandLine.arguments.first {
            dirs.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        for dir in dirs {
            if let found = executable(in: dir) { return found }
        }

        // Fallback: search upward from this file for the package, then its build folders.
        var root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while root.path != "/" && !fm.fileExists(atPath: root.appendingPathComponent("Package.swift").path) {
            root = root.deletingLastPathComponent()
        }
        let running = (CommandLine.arguments.first.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }) ?? ""
        let entries = (try? fm.contentsOfDirectory(atPath: root.path)) ?? []
        let found = entries.filter { $0.hasPrefix(".build") }.compactMap { name -> URL? in
            executable(in: root.appendingPathComponent(name).appendingPathComponent("debug"))
        }
        if let same = found.first(where: { running.hasPrefix($0.deletingLastPathComponent().deletingLastPathComponent().path) }) {
            return same
        }
        return found.max { modified($0) < modified($1) }
    }

    private static func modified(_ url: URL) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date) ?? .distantPast
    }

    /// The fixed environment every run gets: no COMITY_DB unless given, a fixed USER, and a lock
    /// wait long enough for any machine however loaded (tests of a busy database set their own).
    static func environment(_ extra: [String: String]) -> [String: String] {
        var env = ["PATH": "/usr/local/bin:/usr/bin:/bin", "USER": "test-clerk", "LANG": "C.UTF-8", "TZ": "UTC", "COMITY_BUSY_TIMEOUT": "900"]
        if let home = ProcessInfo.processInfo.environment["HOME"] { env["HOME"] = home }
        for (key, value) in extra { env[key] = value }
        return env
    }

    /// Runs `comity` with `arguments` in `directory`.
    static func comity(_ arguments: [String], in directory: URL, environment extra: [String: String] = [:]) throws -> RunResult {
        let binary = try #require(binary, "cannot find the built comity executable")
        return try run(binary, arguments, in: directory, environment: environment(extra))
    }

    /// `sqlite3 DB .dump`: the whole database as SQL text.
    static func dump(_ database: URL) throws -> String {
        let result = try run(URL(fileURLWithPath: "/usr/bin/sqlite3"), [database.path, ".dump"],
                             in: database.deletingLastPathComponent(), environment: environment([:]))
        try #require(result.status == 0, "sqlite3 .dump failed: \(result)")
        return result.stdout
    }

    /// Runs a program, with stdout and stderr captured through files (no pipe can fill up).
    static func run(_ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String]) throws -> RunResult {
        let fm = FileManager.default
        let capture = fm.temporaryDirectory.appendingPathComponent("comity-cli-out-\(UUID().uuidString)", isDirectory: true)
        try fm.createDirectory(at: capture, withIntermediateDirectories: false)
        defer { try? fm.removeItem(at: capture) }
        let outURL = capture.appendingPathComponent("stdout")
        let errURL = capture.appendingPathComponent("stderr")
        try #require(fm.createFile(atPath: outURL.path, contents: nil) && fm.createFile(atPath: errURL.path, contents: nil))
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return RunResult(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// A unique temp folder for one test, used as the working directory; removed by `withSandbox`.
struct Sandbox {
    let url: URL
    var db: URL { url.appendingPathComponent("comity.sqlite") }

    func path(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Runs `comity` here against `db` with a fixed today and actor; nil leaves an option out.
    func comity(
        _ arguments: [String], db database: String? = "", today: String? = "2024-01-10", actor: String? = "Sato",
        environment: [String: String] = [:]
    ) throws -> RunResult {
        var extra: [String] = []
        if let database { extra += ["--db", database.isEmpty ? db.path : database] }
        if let today { extra += ["--today", today] }
        if let actor { extra += ["--actor", actor] }
        return try CLI.comity(arguments + extra, in: url, environment: environment)
    }

    /// Creates the demo world in `db` through the library, plus a US central authority and a
    /// Japan→US request under the Budapest Convention that is under execution.
    func loadDemo() throws {
        let clerk = Clerk(name: "Sato", today: try CalendarDate(iso: "2024-01-10"))
        let store = try ComityStore.create(at: db.path)
        try DemoWorld.load(into: store, by: clerk)
        try store.addAuthority(Authority(id: "US-DOJ", party: "US", name: "Department of Justice", role: .centralAuthority), by: clerk)
        try store.addRequest(Request(
            reference: Self.usRequest, caseID: "MHI-2011", fromAuthority: "JP-NPSC", toAuthority: "US-DOJ",
            channel: .centralAuthority, basisID: "BUDAPEST", subject: "Subscriber records of a relay server",
            sentDate: try CalendarDate(iso: "2013-01-15")), by: clerk)
        try store.move(Self.usRequest, to: .acknowledged, on: try CalendarDate(iso: "2013-02-01"), by: clerk)
        try store.move(Self.usRequest, to: .underExecution, on: try CalendarDate(iso: "2013-03-01"), by: clerk)
    }

    /// The request `loadDemo` adds beside the demo's, under execution.
    static let usRequest = "JP-US-2013-001"
}

/// Runs `body` in a fresh sandbox folder, removed afterwards.
func withSandbox<T>(_ body: (Sandbox) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("comity-cli-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(Sandbox(url: url))
}

/// Parses JSON output into Foundation objects.
func decodeJSON(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8))
}

extension CLI {
    static let sqlite3 = URL(fileURLWithPath: "/usr/bin/sqlite3")

    /// `sqlite3 DB SQL`, waiting up to ten seconds for another process's lock.
    static func sql(_ database: URL, _ statement: String) throws -> RunResult {
        try run(sqlite3, ["-cmd", ".timeout 10000", database.path, statement], in: database.deletingLastPathComponent(), environment: environment([:]))
    }

    /// One integer from `sqlite3 DB SQL`.
    static func count(_ database: URL, _ statement: String) throws -> Int {
        let result = try sql(database, statement)
        try #require(result.status == 0, "\(result)")
        return try #require(Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), "\(result)")
    }

    /// `/bin/sh -c SCRIPT`, with `$COMITY` set to the built binary.
    static func shell(_ script: String, in directory: URL, environment extra: [String: String] = [:]) throws -> RunResult {
        let binary = try #require(binary, "cannot find the built comity executable")
        return try run(URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: directory,
                       environment: environment(extra.merging(["COMITY": binary.path]) { mine, _ in mine }))
    }

    /// `argument` as one shell word.
    static func shellQuoted(_ argument: String) -> String {
        "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Runs `comity` through the shell with the given umask, as a clerk's login might set it.
    static func comity(_ arguments: [String], umask mask: String, in directory: URL) throws -> RunResult {
        try shell("umask \(mask); exec \"$COMITY\" " + arguments.map(shellQuoted).joined(separator: " "), in: directory)
    }

    /// Root ignores file modes, so tests of read-only files run `comity` as `nobody` through setpriv.
    static var isRoot: Bool { geteuid() == 0 }
    static let setpriv = URL(fileURLWithPath: "/usr/bin/setpriv")
    static let nobody: (uid: uid_t, gid: gid_t) = (65534, 65534)

    /// Runs `comity` as an account without privileges (nobody when the tests run as root).
    static func comityUnprivileged(_ arguments: [String], in directory: URL, environment extra: [String: String] = [:]) throws -> RunResult {
        guard isRoot else { return try comity(arguments, in: directory, environment: extra) }
        let binary = try #require(binary, "cannot find the built comity executable")
        try #require(FileManager.default.isExecutableFile(atPath: setpriv.path), "running as root needs setpriv to drop privileges")
        return try run(setpriv, ["--reuid=\(nobody.uid)", "--regid=\(nobody.gid)", "--clear-groups", binary.path] + arguments,
                       in: directory, environment: environment(extra))
    }

    /// Hands a file or folder to the unprivileged account (a no-op when not root).
    static func giveToUnprivileged(_ url: URL) {
        if isRoot { _ = chown(url.path, nobody.uid, nobody.gid) }
    }

    /// The permission bits of a file or folder (not following a link).
    static func mode(_ url: URL) throws -> Int {
        var info = stat()
        try #require(lstat(url.path, &info) == 0, "cannot stat \(url.path)")
        return Int(info.st_mode) & 0o777
    }

    /// The problems that make an error line unfit for a clerk: a crash, a backtrace, raw codes.
    static func unclearness(_ stderr: String) -> [String] {
        var found: [String] = []
        if !stderr.hasPrefix("comity: ") { found.append("does not start with 'comity: '") }
        if !stderr.hasSuffix("\n") || stderr.filter({ $0 == "\n" }).count != 1 { found.append("is not exactly one line") }
        for marker in ["Fatal error", "Backtrac", "Swift/", "Program crashed", "SQLite error", "SQLITE_", "error 26", "Error Domain", "NSCocoaErrorDomain", "DatabaseError"]
        where stderr.contains(marker) {
            found.append("contains '\(marker)'")
        }
        if stderr.dropLast().unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { found.append("contains control characters") }
        if stderr.count > 700 { found.append("is \(stderr.count) characters long") }
        return found
    }
}

/// `sqlite3` kept running beside a test, holding the write lock of a database (and, in exclusive
/// locking mode, every lock) until `release()`.
final class LockHolder {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()

    init(_ database: URL, exclusiveMode: Bool) throws {
        process.executableURL = CLI.sqlite3
        process.arguments = [database.path]
        process.currentDirectoryURL = database.deletingLastPathComponent()
        process.environment = CLI.environment([:])
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let mode = exclusiveMode ? "PRAGMA locking_mode = EXCLUSIVE;\n" : ""
        input.fileHandleForWriting.write(Data("\(mode)BEGIN EXCLUSIVE;\nINSERT INTO setting (channel, key, value) VALUES ('*', 'held', '1');\n.print held\n".utf8))
        // Wait until sqlite3 says it holds the lock.
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("held") {
            let chunk = output.fileHandleForReading.availableData
            try #require(!chunk.isEmpty, "sqlite3 did not take the lock")
            seen += chunk
        }
    }

    func release() {
        input.fileHandleForWriting.write(Data("ROLLBACK;\n.quit\n".utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
