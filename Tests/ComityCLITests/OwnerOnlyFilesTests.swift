import Foundation
import Testing

/// Every file Comity writes is readable by its owner only, whatever umask the clerk's shell has.
@Suite("Files Comity writes are owner-only under any umask")
struct OwnerOnlyFilesTests {
    static let day = ["--today", "2024-01-10", "--actor", "Sato"]

    @Test("database, exports, feeds, reports, letters, batches and backups are 0600, folders 0700", arguments: ["022", "000"])
    func everyWrite(umask: String) throws {
        try withSandbox { box in
            let db = ["--db", box.db.path]
            @discardableResult
            func run(_ arguments: [String]) throws -> RunResult {
                let result = try CLI.comity(arguments + db + Self.day, umask: umask, in: box.url)
                try #require(result.status == 0, "\(arguments): \(result)")
                return result
            }
            try run(["demo"])
            try FileManager.default.createDirectory(at: box.path("batch"), withIntermediateDirectories: false)
            // A file that exists with a permissive mode is replaced by an owner-only one.
            try #require(FileManager.default.createFile(atPath: box.path("old.json").path, contents: Data("{}".utf8), attributes: [.posixPermissions: 0o644]))
            try run(["export", "--out", "old.json"])
            try run(["export", "--format", "xml", "--out", "export.xml"])
            try run(["export", "--format", "csv", "--out", "csv"])
            try run(["calendar", "--out", "feed.ics"])
            try run(["report", "stall", "--as-of", "2011-11-28", "--format", "html", "--out", "brief.html"])
            try run(["letter", "JP-MHI-2011-001", "--as-of", "2011-11-28", "--out", "preview.html"])
            let issued = try run(["letter", "JP-MHI-2011-001", "--as-of", "2011-11-28", "--kind", "reminder", "--issue", "--out", "issued.html"])
            let number = try #require(issued.stderr.split(separator: "\n").first { $0.hasPrefix("issued reminder ") }?.split(separator: " ")[2])
            try run(["letter", "show", String(number), "--out", "shown.html"])
            try run(["letter", "--all-stalled", "--as-of", "2011-11-29", "--out-dir", "batch", "--issue"])
            try run(["backup", "backup.sqlite"])

            var files = [box.db, box.path("old.json"), box.path("export.xml"), box.path("feed.ics"), box.path("brief.html"),
                         box.path("preview.html"), box.path("issued.html"), box.path("shown.html"), box.path("backup.sqlite")]
            for folder in ["csv", "batch"] {
                let names = try FileManager.default.contentsOfDirectory(atPath: box.path(folder).path)
                #expect(!names.isEmpty, "\(folder) is empty")
                files += names.map { box.path(folder).appendingPathComponent($0) }
            }
            #expect(files.contains { $0.lastPathComponent == "index.html" })
            for file in files {
                let mode = try CLI.mode(file)
                #expect(mode == 0o600, "\(file.lastPathComponent) has mode \(String(mode, radix: 8)) under umask \(umask)")
            }
            #expect(try CLI.mode(box.path("csv")) == 0o700, "the folder made for a CSV export")
            // Nothing else was left behind: no temporary files beside the documents.
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: box.url.path).filter { $0.hasPrefix(".") }
            #expect(leftovers.isEmpty, "\(leftovers)")
        }
    }

    @Test("the write-ahead log and shared-memory files are 0600 while clerks write under umask 000")
    func journalFiles() throws {
        try withSandbox { box in
            let made = try CLI.comity(["demo", "--db", box.db.path] + Self.day, umask: "000", in: box.url)
            try #require(made.status == 0, "\(made)")
            // Two clerks keep the database busy; their processes create the -wal and -shm files.
            let loop = """
                umask 000; i=0
                while [ $i -lt 25 ]; do
                  "$COMITY" reply add JP-JAXA-2021-001 --on 2021-05-01 --kind interim-status --summary "Clerk $1, reply $i" --keep-state \
                    --db comity.sqlite --today 2024-01-10 --actor Sato >/dev/null 2>>"err-$1" || exit 1
                  i=$((i+1))
                done
                """
            let binary = try #require(CLI.binary)
            let clerks = try (1...2).map { clerk -> Process in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = ["-c", loop, "clerk", String(clerk)]
                process.currentDirectoryURL = box.url
                process.environment = CLI.environment(["COMITY": binary.path])
                process.standardOutput = FileHandle.nullDevice
                try process.run()
                return process
            }
            var seen: [String: Set<Int>] = [:]
            while clerks.contains(where: \.isRunning) {
                for suffix in ["-wal", "-shm"] {
                    var info = stat()
                    if lstat(box.db.path + suffix, &info) == 0 { seen[suffix, default: []].insert(Int(info.st_mode) & 0o777) }
                }
                usleep(500)
            }
            for (index, clerk) in clerks.enumerated() {
                let errors = (try? String(contentsOf: box.path("err-\(index + 1)"), encoding: .utf8)) ?? ""
                #expect(clerk.terminationStatus == 0, "clerk \(index + 1): \(errors)")
            }
            #expect(seen["-wal"] == [0o600], "modes of the -wal file seen: \(seen)")
            #expect(seen["-shm"] == [0o600], "modes of the -shm file seen: \(seen)")
        }
    }
}
