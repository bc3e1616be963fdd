import Foundation
import Testing

/// `comity user`: accounts from the command line, and a database with accounts belonging to the
/// account that owns its file.
@Suite("comity user")
struct UserCLITests {
    static let password = "a long enough password"

    /// `printf PASSWORD | comity ARGS`.
    static func piped(_ password: String, _ arguments: [String], in box: Sandbox) throws -> RunResult {
        try CLI.shell("printf '%s\\n' \(CLI.shellQuoted(password)) | \"$COMITY\" " + (arguments + ["--db", box.db.path, "--today", "2011-11-28"])
            .map(CLI.shellQuoted).joined(separator: " "), in: box.url)
    }

    @Test("accounts are added, listed and changed; the command line then acts as the administrator")
    func lifecycle() throws {
        try withSandbox { box in
            try #require(box.comity(["demo"]).status == 0)
            let clerkFirst = try Self.piped(Self.password, ["user", "add", "sato", "--role", "clerk", "--clearance", "confidential", "--password-stdin"], in: box)
            #expect(clerkFirst.status == 65 && clerkFirst.stderr.contains("first account must be an enabled administrator"))
            let admin = try Self.piped(Self.password, ["user", "add", "aoki", "--display-name", "Aoki Kenji", "--role", "administrator",
                                                       "--clearance", "secret", "--password-stdin"], in: box)
            #expect(admin.status == 0, "\(admin)")
            let short = try Self.piped("short", ["user", "add", "sato", "--role", "clerk", "--clearance", "confidential", "--password-stdin"], in: box)
            #expect(short.status == 65 && CLI.unclearness(short.stderr.split(separator: "\n").last.map { String($0) + "\n" } ?? "").isEmpty)
            #expect(short.stderr.contains("at least 12 characters"))
            #expect(try Self.piped(Self.password, ["user", "add", "sato", "--role", "clerk", "--clearance", "confidential", "--password-stdin"], in: box).status == 0)
            let list = try box.comity(["user", "list", "--format", "json"])
            #expect(list.status == 0)
            #expect(list.stdout.contains("\"name\" : \"sato\"") && list.stdout.contains("\"role\" : \"clerk\"") && !list.stdout.contains("$2"))
            // Every command now says whom it acts as, and records that administrator as the actor.
            #expect(list.stderr.contains("acting as administrator aoki"))
            let change = try box.comity(["user", "change", "sato", "--clearance", "restricted", "--reason", "new post"])
            #expect(change.status == 0 && change.stdout.contains("clearance: confidential → restricted"))
            let last = try box.comity(["user", "disable", "aoki", "--reason", "test"])
            #expect(last.status == 65 && last.stderr.contains("last enabled administrator"))
            // The password hash is nowhere but in its column: not in the history, not in an export.
            let export = try box.comity(["export"])
            #expect(export.status == 0 && !export.stdout.contains("$2b$") && !export.stdout.contains("$2y$"))
        }
    }

    @Test("a database with accounts refuses the command line of any account but its owner's (exit 77)")
    func ownerOnly() throws {
        try withSandbox { box in
            try #require(box.comity(["demo"]).status == 0)
            try #require(try Self.piped(Self.password, ["user", "add", "aoki", "--role", "administrator", "--clearance", "secret", "--password-stdin"], in: box).status == 0)
            #expect(try CLI.mode(box.db) == 0o600)
            guard CLI.isRoot else {
                // Without root the file cannot be handed to another account; its mode already keeps others out.
                return
            }
            // Readable and writable by everyone, yet refused: the file is root's and the command runs as nobody.
            #expect(chmod(box.url.path, 0o777) == 0)
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: box.db.path + suffix) {
                #expect(chmod(box.db.path + suffix, 0o666) == 0)
            }
            let other = try CLI.comityUnprivileged(["request", "list", "--db", box.db.path], in: box.url)
            #expect(other.status == 77, "\(other)")
            #expect(other.stderr.contains("belongs to the system account that serves it"))
            #expect(!other.stdout.contains("JP-MHI"))
        }
    }
}
