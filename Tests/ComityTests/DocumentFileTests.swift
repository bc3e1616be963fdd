import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// Where documents go: a regular file replaced whole, a pipe or device written to as it is,
/// never the database's own files, and no staged file outliving a killed run.
@Suite("Document files")
struct DocumentFileTests {
    /// A fresh folder for one test, removed afterwards.
    static func withFolder<T>(_ body: (URL) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("comity-docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }

    static func names(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test("the database, its -wal, -shm and -journal are refused under every spelling; other files are not")
    func databaseFilesAreSpared() throws {
        try Self.withFolder { folder in
            let db = folder.appendingPathComponent("x.sqlite")
            try Data("database".utf8).write(to: db)
            try Data("log".utf8).write(to: folder.appendingPathComponent("x.sqlite-wal"))
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: false)
            try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link").path, withDestinationPath: "x.sqlite")
            try FileManager.default.linkItem(at: db, to: folder.appendingPathComponent("hard"))
            let spared = DatabaseFiles(db.path)
            let refused = [
                db.path, folder.path + "/./x.sqlite", folder.path + "/sub/../x.sqlite", folder.appendingPathComponent("link").path,
                folder.appendingPathComponent("hard").path, folder.path + "/x.sqlite-wal", folder.path + "/sub/../x.sqlite-shm",
                folder.path + "/x.sqlite-journal",
            ]
            for path in refused {
                let error = try #require(throws: ComityError.self, "\(path)") { try DocumentFile.write("report", to: path, sparing: spared) }
                #expect(error.category == .invalid && error.description.hasPrefix("cannot write \(path): it is the "), "\(error)")
            }
            #expect(try String(contentsOf: db, encoding: .utf8) == "database")
            #expect(throws: ComityError.self) { try StagedFileStream(for: folder.path + "/x.sqlite-shm", sparing: spared) }
            #expect(throws: ComityError.self) { try DocumentFile.Folder(folder.path, sparing: spared).stage("x", named: "x.sqlite-journal") }
            #expect(throws: ComityError.self) { try DocumentFile.Folder(folder.appendingPathComponent("sub").path, sparing: spared).stage("x", named: "../hard") }
            for path in [folder.path + "/x.sqlite.html", folder.path + "/sub/x.sqlite", folder.path + "/x.sqlite-walrus"] {
                try DocumentFile.write("report", to: path, sparing: spared)
                #expect(try String(contentsOfFile: path, encoding: .utf8) == "report")
            }
        }
    }

    @Test("a regular file is replaced whole through a staged file that does not stay")
    func regularFileReplaced() throws {
        try Self.withFolder { folder in
            let out = folder.appendingPathComponent("report.txt")
            try Data("old".utf8).write(to: out)
            let staged = try DocumentFile.stage("new", for: out.path)
            #expect(!staged.isDelivered)
            #expect(try String(contentsOf: out, encoding: .utf8) == "old")
            #expect(try Self.names(folder).contains { $0.hasPrefix(DocumentFile.Staging.prefix) })
            try staged.place()
            #expect(try String(contentsOf: out, encoding: .utf8) == "new")
            #expect(try Self.names(folder) == ["report.txt"])
        }
    }

    @Test("a named pipe gets the document as it is, and stays a pipe", arguments: ["write", "stage", "stream", "export"])
    func namedPipe(how: String) throws {
        try Self.withFolder { folder in
            let pipe = folder.appendingPathComponent("pipe")
            try #require(mkfifo(pipe.path, 0o600) == 0)
            let reader = PipeReader(pipe.path)
            let text = String(repeating: "a line of the document\n", count: 20_000)
            switch how {
            case "write": try DocumentFile.write(text, to: pipe.path)
            case "stage":
                let staged = try DocumentFile.stage(text, for: pipe.path)
                #expect(staged.isDelivered)
                try staged.place()
            case "stream":
                try DocumentFile.stream(to: pipe.path) { sink in
                    for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() { try sink(Array((line + "\n").utf8)) }
                }
            default:
                let stream = try StagedFileStream(for: pipe.path)
                #expect(stream.isDirect)
                try stream.write(Array(text.utf8))
                #expect(try stream.finish().isDelivered)
            }
            #expect(reader.finish() == Data(text.utf8))
            var info = stat()
            #expect(lstat(pipe.path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
            #expect(try Self.names(folder) == ["pipe"])
        }
    }

    @Test("/dev/null and a link to it are written to, not replaced")
    func devNull() throws {
        try Self.withFolder { folder in
            try DocumentFile.write("nothing", to: "/dev/null")
            let link = folder.appendingPathComponent("null")
            try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/dev/null")
            try DocumentFile.write("nothing", to: link.path)
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "/dev/null")
            #expect(try Self.names(folder) == ["null"])
        }
    }

    @Test("/dev/stdout, /dev/fd/N and /proc/self/fd/N are the descriptors themselves")
    func openDescriptors() throws {
        for (path, number) in [("/dev/stdout", STDOUT_FILENO), ("/dev/stderr", STDERR_FILENO), ("/dev/fd/7", 7), ("/proc/self/fd/12", 12)] {
            guard case .descriptor(let found) = try DocumentFile.destination(path) else { Issue.record("\(path) is not a descriptor"); continue }
            #expect(found == number)
        }
        try Self.withFolder { folder in
            let out = folder.appendingPathComponent("appended.txt")
            try Data("kept\n".utf8).write(to: out)
            let handle = try FileHandle(forWritingTo: out)
            handle.seekToEndOfFile()
            try DocumentFile.write("added\n", to: "/dev/fd/\(handle.fileDescriptor)")
            try handle.close()
            #expect(try String(contentsOf: out, encoding: .utf8) == "kept\nadded\n")
        }
    }

    @Test("a folder, a missing folder and a dangling link are still refused")
    func stillRefused() throws {
        try Self.withFolder { folder in
            try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("dangling").path, withDestinationPath: "nowhere/x")
            for (path, phrase) in [(folder.path, "it is a folder"), (folder.path + "/no/such.txt", "does not exist"),
                                   (folder.path + "/dangling", "a link to a file that does not exist")] {
                let error = try #require(throws: ComityError.self) { try DocumentFile.write("x", to: path) }
                #expect(error.description.contains(phrase), "\(error)")
            }
        }
    }

    @Test("staged files of gone processes are removed by the next run in the folder; others stay")
    func leftoversRemoved() throws {
        try Self.withFolder { folder in
            // No process can have a number above the kernel's largest (at most 2^22).
            let gone = DocumentFile.stagingName(process: 99_999_999, run: "0badc0de", count: 3)
            let otherRun = DocumentFile.stagingName(process: getpid(), run: DocumentFile.Staging.run == "00000000" ? "00000001" : "00000000")
            let live = DocumentFile.stagingName(process: getppid(), run: "0badc0de")
            let otherHost = ".comity-staged-00000000-99999999-0badc0de-1.tmp"
            let mine = DocumentFile.Staging.next()
            for name in [gone, otherRun, live, otherHost, mine, ".hidden.tmp", "letter.html"] {
                try Data("x".utf8).write(to: folder.appendingPathComponent(name))
            }
            _ = try DocumentFile.Folder(folder.path)
            let expected = [live, mine, ".hidden.tmp", "letter.html"] + (DocumentFile.Staging.host == "00000000" ? [] : [otherHost])
            #expect(try Self.names(folder) == expected.sorted())
            #expect(DocumentFile.Staging.owner(of: gone)?.process == 99_999_999)
            #expect(DocumentFile.Staging.owner(of: "letter.html") == nil)
        }
    }

    @Test("a single file written into a folder removes the leftovers there too")
    func leftoversRemovedBySingleFile() throws {
        try Self.withFolder { folder in
            let gone = DocumentFile.stagingName(process: 99_999_999, run: "0badc0de")
            try Data("x".utf8).write(to: folder.appendingPathComponent(gone))
            try DocumentFile.write("report", to: folder.appendingPathComponent("report.txt").path)
            #expect(try Self.names(folder) == ["report.txt"])
        }
    }
}

/// Reads a named pipe to its end on a thread of its own. If nothing ever opened the pipe for
/// writing, `finish` opens and closes it, so the reader sees the end instead of waiting for ever.
final class PipeReader: @unchecked Sendable {
    private let path: String
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ path: String) {
        self.path = path
        Thread.detachNewThread { [self] in
            if let handle = FileHandle(forReadingAtPath: path) {
                data = handle.readDataToEndOfFile()
                try? handle.close()
            }
            done.signal()
        }
    }

    func finish() -> Data {
        // Opening for writing fails while the reader has yet to open; try again until it has.
        repeat {
            let writer = open(path, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
        } while done.wait(timeout: .now() + .milliseconds(100)) == .timedOut
        return data
    }
}
