import Foundation
import Testing
import Comity
import ComityWorlds

/// `--out` as Unix habits expect: a file replaced whole, `/dev/null`, `/dev/stdout` and named
/// pipes written to as they are, and no staged file outliving a killed run.
@Suite("Where --out writes", .timeLimit(.minutes(5)))
struct OutputDestinationTests {
    static let asOf = ["--as-of", "2011-11-28"]
    static let request = "JP-MHI-2011-001"

    @Test("--out /dev/null succeeds for every document, and an issued letter is still issued")
    func devNull() throws {
        try withSandbox { box in
            try box.loadDemo()
            for arguments in [["report", "stall"] + Self.asOf, ["report", "stall", "--format", "json"], ["report", "stall", "--format", "html"],
                              ["export"], ["export", "--format", "xml"], ["calendar"], ["letter", Self.request] + Self.asOf,
                              ["letter", Self.request, "--issue"] + Self.asOf] {
                let result = try box.comity(arguments + ["--out", "/dev/null"])
                #expect(result.status == 0 && result.stdout.isEmpty, "\(arguments): \(result)")
                #expect(result.stderr.hasPrefix("wrote /dev/null\n"), "\(arguments): \(result)")
            }
            #expect(try CLI.count(box.db, "SELECT count(*) FROM letter") == 1)
            #expect(try CLI.count(box.db, "SELECT count(*) FROM event WHERE action = 'exported'") == 3, "each export and feed is in the audit trail")
            var info = stat()
            #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
        }
    }

    @Test("--out /dev/stdout writes the document to standard output")
    func devStdout() throws {
        try withSandbox { box in
            try box.loadDemo()
            for arguments in [["report", "stall"] + Self.asOf, ["report", "stall", "--format", "json"] + Self.asOf,
                              ["report", "stall", "--format", "xml"] + Self.asOf, ["letter", Self.request] + Self.asOf] {
                let plain = try box.comity(arguments)
                let named = try box.comity(arguments + ["--out", "/dev/stdout"])
                #expect(plain.status == 0 && named.status == 0, "\(named)")
                #expect(named.stdout == plain.stdout && !named.stdout.isEmpty, "\(arguments)")
                #expect(named.stderr == "wrote /dev/stdout\n", "\(named)")
            }
            let export = try box.comity(["export", "--out", "/dev/stdout"])
            #expect(export.status == 0 && export.stdout.hasPrefix("{\n  \"format\": \"comity-export\""), "\(export)")
            #expect(try CLI.count(box.db, "SELECT count(*) FROM event WHERE action = 'exported'") == 1)
        }
    }

    @Test("a named pipe gets the document, read by another process, and stays a pipe",
          arguments: [["report", "stall", "--format", "html"] + asOf, ["letter", request, "--issue"] + asOf, ["export", "--format", "xml"], ["calendar"]])
    func namedPipe(arguments: [String]) throws {
        try withSandbox { box in
            try box.loadDemo()
            let pipe = box.path("pipe")
            try #require(mkfifo(pipe.path, 0o600) == 0)
            let reader = try PipeCat(pipe, into: box.path("read"))
            let result = try box.comity(arguments + ["--out", "pipe"])
            let read = try reader.finish()
            #expect(result.status == 0 && result.stdout.isEmpty && result.stderr.hasPrefix("wrote pipe\n"), "\(result)")
            #expect(read.count > 1_000, "\(read.count) bytes read")
            switch arguments[0] {
            case "report":
                #expect(read == (try box.comity(arguments)).stdout)
            case "letter":
                #expect(read.hasPrefix("<!DOCTYPE html>"))
                let issued = try #require(result.stderr.split(separator: "\n").first { $0.hasPrefix("issued ") }, "\(result)")
                let number = String(issued.split(separator: " ")[2])
                #expect(read == (try box.comity(["letter", "show", number])).stdout, "the pipe got the letter as issued")
            case "export":
                #expect(read.hasPrefix("<?xml") && read.contains("</comity-export>"))
                #expect(try CLI.count(box.db, "SELECT count(*) FROM event WHERE action = 'exported'") == 1)
            default:
                #expect(read.hasPrefix("BEGIN:VCALENDAR"))
            }
            var info = stat()
            #expect(lstat(pipe.path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "still a pipe")
            #expect(try FileManager.default.contentsOfDirectory(atPath: box.url.path).filter { !$0.hasPrefix("comity.sqlite") }.sorted() == ["pipe", "read"])
        }
    }

    @Test("a batch or a CSV export removes the staged files a killed run left in its folder, and only those")
    func leftoversRemoved() throws {
        try withSandbox { box in
            try box.loadDemo()
            // No process can have a number this high; the test runner is alive while comity runs.
            let gone = DocumentFile.stagingName(process: 99_999_999, run: "0badc0de", count: 7)
            let live = DocumentFile.stagingName(process: getpid(), run: "0badc0de")
            for (folder, arguments) in [("letters", ["letter", "--all-stalled", "--out-dir", "letters"] + Self.asOf),
                                        ("csv", ["export", "--format", "csv", "--out", "csv"])] {
                let url = box.path(folder)
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
                for name in [gone, live, ".notes.tmp"] { try Data("half a letter".utf8).write(to: url.appendingPathComponent(name)) }
                let result = try box.comity(arguments)
                #expect(result.status == 0, "\(result)")
                let names = try FileManager.default.contentsOfDirectory(atPath: url.path)
                #expect(!names.contains(gone), "\(folder): the dead run's file is removed")
                #expect(names.contains(live) && names.contains(".notes.tmp"), "\(folder): \(names)")
                #expect(names.filter { $0.hasPrefix(".comity-staged-") } == [live], "\(folder): nothing of this run is left staged")
                #expect(names.contains(folder == "csv" ? "parties.csv" : "index.html"), "\(folder): \(names)")
            }
        }
    }
}

/// `cat PIPE > FILE`, run beside a test: the other end of a named pipe.
struct PipeCat {
    let pipe: URL
    let file: URL
    let process = Process()

    init(_ pipe: URL, into file: URL) throws {
        self.pipe = pipe
        self.file = file
        try #require(FileManager.default.createFile(atPath: file.path, contents: nil))
        process.executableURL = URL(fileURLWithPath: "/bin/cat")
        process.arguments = [pipe.path]
        process.standardOutput = try FileHandle(forWritingTo: file)
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// What came through the pipe. If nothing opened the pipe for writing, `cat` would wait
    /// for ever: the pipe is opened and closed here until it has finished.
    func finish() throws -> String {
        while process.isRunning {
            let writer = open(pipe.path, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
            if process.isRunning { usleep(20_000) }
        }
        process.waitUntilExit()
        return String(decoding: try Data(contentsOf: file), as: UTF8.self)
    }
}
