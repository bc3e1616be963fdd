import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// Eight clerks at once, each a shell loop of 200 `comity` commands on one database: replies,
/// moves and letters, every letter from the same sender and so from one register.
@Suite("Eight clerks writing one database at once")
struct ConcurrentClerksTests {
    static let workers = 8
    static let requestsPerWorker = 20
    /// Commands the worker script runs for each request.
    static let operationsPerRequest = 10
    static let lettersPerRequest = 1
    static let day = "2011-11-28"

    static func reference(_ worker: Int, _ index: Int) -> String { "JP-CN-W\(worker)-\(index)" }

    /// Japan and China bound by one convention; 20 unanswered requests per worker from JP-NPSC
    /// (the one sender), each with the counterpart's reference a reminder cites.
    static func build(_ sandbox: Sandbox) throws {
        func date(_ iso: String) -> CalendarDate { LetterCLIWorld.date(iso) }
        let store = try ComityStore.create(at: sandbox.db.path)
        let setup = Clerk(name: "Sato", today: date("2011-09-01"))
        try store.addParty(Party(code: "JP", name: "Japan", formalName: "Japan"), by: setup)
        try store.addParty(Party(code: "CN", name: "China", formalName: "People's Republic of China"), by: setup)
        try store.addAuthority(Authority(id: "JP-NPSC", party: "JP", name: "National Public Safety Commission", role: .centralAuthority,
                                         city: "Tokyo"), by: setup)
        try store.addAuthority(Authority(id: "CN-MPS", party: "CN", name: "Ministry of Public Security", role: .centralAuthority), by: setup)
        try store.addBasis(LegalBasis(id: "CONV", instrument: "Convention on Mutual Assistance", kind: .convention,
                                      parties: [.init(party: "JP", from: date("2000-01-01")), .init(party: "CN", from: date("2000-01-01"))]), by: setup)
        try store.addCase(Case(id: "CASE-C", title: "Intrusion into many companies", leadAuthority: "JP-NPSC",
                               offence: "Unauthorised computer access", incidentDate: date("2011-01-03"), discoveryDate: date("2011-01-03")), by: setup)
        for worker in 0..<workers {
            for index in 1...requestsPerWorker {
                try store.addRequest(Request(
                    reference: reference(worker, index), caseID: "CASE-C", fromAuthority: "JP-NPSC", toAuthority: "CN-MPS",
                    channel: .centralAuthority, basisID: "CONV", subject: "Servers, batch \(worker), request \(index)",
                    items: ["Identify the servers"], sentDate: date("2011-09-01"), counterpartReference: "CN-\(worker)-\(index)"), by: setup)
            }
        }
    }

    /// One clerk: for each of its requests, four replies, five moves and one letter. Every
    /// failure is noted in fail-W; standard error of every command goes to err-W.
    static let script = """
        W=$1; N=$2; D=\(day); n=0; failed=0
        run() {
          n=$((n+1))
          "$COMITY" "$@" --db comity.sqlite --today 2024-01-10 --actor "clerk-$W" >/dev/null 2>>"err-$W" || { echo "op $n exit $?: $*" >>"fail-$W"; failed=1; }
        }
        i=1
        while [ $i -le $N ]; do
          R="JP-CN-W$W-$i"
          run reply add "$R" --on $D --kind interim-status --summary "Being examined" --keep-state
          run request move "$R" acknowledged --on $D
          run reply add "$R" --on $D --kind interim-status --summary "Still being examined" --keep-state
          run request move "$R" postponed --on $D
          run letter "$R" --kind reminder --format html --as-of $D --issue
          run request move "$R" under-execution --on $D
          run reply add "$R" --on $D --kind interim-status --summary "Being executed" --keep-state
          run request move "$R" partially-executed --on $D
          run reply add "$R" --on $D --kind interim-status --summary "Part of the logs sent" --keep-state
          run request move "$R" executed --on $D
          i=$((i+1))
        done
        echo "$n" >"done-$W"
        exit $failed
        """

    @Test("8 processes × 200 commands: all succeed, no lock errors, no event lost, one gapless register")
    func eightClerks() throws {
        try withSandbox { sandbox in
            try Self.build(sandbox)
            let eventsBefore = try CLI.count(sandbox.db, "SELECT count(*) FROM event")
            try Self.script.write(to: sandbox.path("clerk.sh"), atomically: true, encoding: .utf8)
            let binary = try #require(CLI.binary)

            let started = Date()
            let processes = try (0..<Self.workers).map { worker -> Process in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = ["clerk.sh", String(worker), String(Self.requestsPerWorker)]
                process.currentDirectoryURL = sandbox.url
                process.environment = CLI.environment(["COMITY": binary.path])
                process.standardInput = FileHandle.nullDevice
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                return process
            }
            for process in processes { process.waitUntilExit() }
            let seconds = Date().timeIntervalSince(started)
            let operations = Self.workers * Self.requestsPerWorker * Self.operationsPerRequest
            print("ConcurrentClerksTests: \(operations) commands in \(Self.workers) processes took \(String(format: "%.1f", seconds)) s")

            var issued: [String] = []
            for worker in 0..<Self.workers {
                let failures = (try? String(contentsOf: sandbox.path("fail-\(worker)"), encoding: .utf8)) ?? ""
                #expect(processes[worker].terminationStatus == 0, "clerk \(worker) failed:\n\(failures)")
                #expect(failures.isEmpty, "clerk \(worker):\n\(failures)")
                let done = try String(contentsOf: sandbox.path("done-\(worker)"), encoding: .utf8)
                #expect(done == "\(Self.requestsPerWorker * Self.operationsPerRequest)\n", "clerk \(worker) ran every command")
                let errors = (try? String(contentsOf: sandbox.path("err-\(worker)"), encoding: .utf8)) ?? ""
                let lines = errors.split(separator: "\n").map(String.init)
                let lockLines = lines.filter { $0.lowercased().contains("locked") || $0.lowercased().contains("busy") }
                #expect(lockLines.isEmpty, "clerk \(worker): \(lockLines.prefix(3))")
                #expect(lines.allSatisfy { $0.hasPrefix("issued reminder JP-NPSC/2011/") }, "clerk \(worker): \(lines.filter { !$0.hasPrefix("issued") }.prefix(3))")
                issued += lines.compactMap { $0.split(separator: " ").dropFirst(2).first.map(String.init) }
            }

            // No event lost: one per reply, per move and per letter's follow-up.
            let eventsAfter = try CLI.count(sandbox.db, "SELECT count(*) FROM event")
            #expect(eventsAfter - eventsBefore == operations, "events recorded: \(eventsAfter - eventsBefore) of \(operations)")
            #expect(try CLI.count(sandbox.db, "SELECT count(*) FROM reply") == Self.workers * Self.requestsPerWorker * 4)
            #expect(try CLI.count(sandbox.db, "SELECT count(*) FROM request WHERE state = 'executed'") == Self.workers * Self.requestsPerWorker)

            // One register, shared by all: numbers unique and gapless, each with its follow-up.
            let letters = Self.workers * Self.requestsPerWorker * Self.lettersPerRequest
            let expected = (1...letters).map { String(format: "JP-NPSC/2011/%04d", $0) }
            #expect(issued.sorted() == expected, "numbers the clerks were given")
            let registered = try CLI.sql(sandbox.db, "SELECT number FROM letter ORDER BY sequence")
            #expect(registered.lines == expected, "numbers in the register")
            #expect(try CLI.count(sandbox.db, "SELECT count(*) FROM letter l JOIN follow_up f ON f.id = l.follow_up_id AND f.reference = l.number") == letters)

            let check = try sandbox.comity(["check"])
            #expect(check.status == 0, "\(check)")
        }
    }
}
