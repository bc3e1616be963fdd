import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// Several `comity letter … --issue` processes at once against one database: every issue
/// succeeds, the register numbers of the sender stay unique and gapless, and every letter
/// has its follow-up and history line.
@Suite("comity letter: concurrent issuing")
struct LetterConcurrencyTests {
    static let counterparts = ["CN", "US", "KR", "GB", "FR", "DE"]
    static let perCounterpart = 3

    static func date(_ iso: String) -> CalendarDate { LetterCLIWorld.date(iso) }

    /// Japan and six counterparts bound by one convention; one sender (JP-NPSC) and three
    /// unanswered requests to each counterpart's central authority, sent on 2011-09-01.
    static func build(_ sandbox: Sandbox) throws -> [String: [String]] {
        let store = try ComityStore.create(at: sandbox.db.path)
        let setup = Clerk(name: "Sato", today: date("2000-01-01"))
        try store.addParty(Party(code: "JP", name: "Japan", formalName: "Japan"), by: setup)
        for code in counterparts {
            try store.addParty(Party(code: code, name: "State \(code)", formalName: "Republic of \(code)"), by: setup)
            try store.addAuthority(Authority(id: "\(code)-CA", party: code, name: "Central Authority of \(code)", role: .centralAuthority,
                                             city: "Capital of \(code)"), by: setup)
        }
        try store.addAuthority(Authority(id: "JP-NPSC", party: "JP", name: "National Public Safety Commission", role: .centralAuthority,
                                         city: "Tokyo"), by: setup)
        try store.addBasis(LegalBasis(
            id: "CONV", instrument: "Convention on Mutual Assistance", kind: .convention,
            parties: (["JP"] + counterparts).map { .init(party: $0, from: date("2000-01-01")) }), by: setup)
        try store.addCase(Case(
            id: "CASE-C", title: "Intrusion into many companies", leadAuthority: "JP-NPSC", offence: "Unauthorised computer access",
            incidentDate: date("2011-01-03"), discoveryDate: date("2011-01-03")), by: Clerk(name: "Sato", today: date("2011-01-03")))
        var references: [String: [String]] = [:]
        let sent = Clerk(name: "Sato", today: date("2011-09-01"))
        for code in counterparts {
            for n in 1...perCounterpart {
                let reference = "JP-\(code)-2011-00\(n)"
                try store.addRequest(Request(
                    reference: reference, caseID: "CASE-C", fromAuthority: "JP-NPSC", toAuthority: "\(code)-CA", channel: .centralAuthority,
                    basisID: "CONV", subject: "Servers in \(code), request \(n)", items: ["Identify the servers", "Provide the logs"],
                    sentDate: date("2011-09-01"), counterpartReference: "\(code)-REF-\(n)"), by: sent)
                references[code, default: []].append(reference)
            }
        }
        return references
    }

    /// Collects the runs of the worker threads.
    final class Runs: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [(worker: Int, reference: String, result: RunResult?, error: String?)] = []
        private var spans: [(start: Date, end: Date)] = []

        func add(_ worker: Int, _ reference: String, _ result: RunResult?, _ error: String?) {
            lock.lock()
            items.append((worker, reference, result, error))
            lock.unlock()
        }

        /// Runs `body`, noting when it ran.
        func timed<T>(_ body: () throws -> T) rethrows -> T {
            let start = Date()
            defer {
                let end = Date()
                lock.lock()
                spans.append((start, end))
                lock.unlock()
            }
            return try body()
        }

        /// The most runs that were under way at the same moment.
        var maxOverlap: Int {
            lock.lock()
            defer { lock.unlock() }
            return spans.map { span in spans.filter { $0.start <= span.start && span.start < $0.end }.count }.max() ?? 0
        }

        var all: [(worker: Int, reference: String, result: RunResult?, error: String?)] {
            lock.lock()
            defer { lock.unlock() }
            return items
        }
    }

    /// Runs `body` on `workers` threads of their own (not the test's cooperative pool, which may
    /// have as few threads as cores), released together, and waits for all of them.
    static func concurrently(_ workers: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        let start = DispatchSemaphore(value: 0)
        for worker in 0..<workers {
            group.enter()
            let thread = Thread {
                start.wait()
                body(worker)
                group.leave()
            }
            thread.start()
        }
        for _ in 0..<workers { start.signal() }
        group.wait()
    }

    /// The sequence numbers in the register, per sender and year.
    static func sequences(_ sandbox: Sandbox) throws -> [String] {
        let result = try LetterGolden.sql(sandbox, "SELECT sender || ' ' || year || ' ' || sequence FROM letter ORDER BY sender, year, sequence;")
        try #require(result.status == 0, "\(result)")
        return result.lines
    }

    /// Every letter has its follow-up (same number, same request) and a follow-up line in the history.
    static func checkFollowUps(_ sandbox: Sandbox, _ references: [String], expected: Int) throws {
        let joined = try LetterGolden.sql(sandbox, """
            SELECT count(*) FROM letter l JOIN follow_up f
              ON f.id = l.follow_up_id AND f.reference = l.number AND f.request_ref = l.request_ref AND f.kind = l.kind AND f.date = l.date;
            """)
        #expect(joined.stdout == "\(expected)\n")
        let store = try ComityStore.open(at: sandbox.db.path)
        var total = 0
        for reference in references {
            let letters = try store.letters(of: reference)
            total += letters.count
            let followUps = try store.followUps(of: reference)
            #expect(followUps.map(\.reference).sorted() == letters.map(\.number).sorted(), "\(reference)")
            let events = try store.history(of: reference).filter { $0.action == .followUp }
            #expect(events.count == letters.count, "\(reference)")
            for letter in letters {
                #expect(events.contains { $0.note.contains(letter.number) }, "no history line for \(letter.number)")
            }
        }
        #expect(total == expected)
    }

    static func clean(_ result: RunResult) -> Bool {
        let text = result.stderr.lowercased()
        return !text.contains("locked") && !text.contains("busy") && !text.contains("another program holds the database")
    }

    @Test("six processes at a time, each worker issuing three letters: numbers 1…18, all issued, all followed up")
    func singleLetters() throws {
        try withSandbox { sandbox in
            let references = try Self.build(sandbox)
            let runs = Runs()
            let counterparts = Self.counterparts
            Self.concurrently(counterparts.count) { worker in
                for reference in references[counterparts[worker]] ?? [] {
                    do {
                        let result = try runs.timed {
                            try sandbox.letter([reference, "--kind", "reminder", "--format", "xml", "--as-of", "2011-11-28", "--issue"])
                        }
                        runs.add(worker, reference, result, nil)
                    } catch {
                        runs.add(worker, reference, nil, "\(error)")
                    }
                }
            }
            let all = runs.all
            let total = counterparts.count * Self.perCounterpart
            #expect(all.count == total)
            // How many ran at once depends on the machine's load; the register must be right whatever it was.
            print("LetterConcurrencyTests: at most \(runs.maxOverlap) processes ran at once")
            var numbers: [String] = []
            for run in all {
                let result = try #require(run.result, "\(run.reference): \(run.error ?? "")")
                #expect(result.status == 0, "\(run.reference): \(result)")
                #expect(Self.clean(result), "\(run.reference): \(result.stderr)")
                let line = result.stderr.split(separator: "\n").first { $0.hasPrefix("issued reminder ") }
                let number = try #require(line?.split(separator: " ").dropFirst(2).first.map(String.init), "\(result)")
                numbers.append(number)
                let root = try SafeXMLParser(maxBytes: 1 << 24).parse(result.stdout, documentName: run.reference)
                #expect(root.attribute("number") == number, "the document carries the number it was registered under")
            }
            let expected = (1...total).map { String(format: "JP-NPSC/2011/%04d", $0) }
            #expect(numbers.sorted() == expected, "unique and gapless")
            #expect(try Self.sequences(sandbox) == (1...total).map { "JP-NPSC 2011 \($0)" })
            try Self.checkFollowUps(sandbox, references.values.flatMap { $0 }, expected: total)
        }
    }

    @Test("six --all-stalled --issue batches at once, three letters each: numbers 1…18, every batch whole")
    func batches() throws {
        try withSandbox { sandbox in
            let references = try Self.build(sandbox)
            let counterparts = Self.counterparts
            for code in counterparts {
                try FileManager.default.createDirectory(at: sandbox.path("out-\(code)"), withIntermediateDirectories: false)
            }
            let runs = Runs()
            Self.concurrently(counterparts.count) { worker in
                let code = counterparts[worker]
                do {
                    let result = try runs.timed {
                        try sandbox.letter(["--all-stalled", "--counterpart", code, "--format", "xml", "--as-of", "2011-11-28",
                                            "--out-dir", sandbox.path("out-\(code)").path, "--issue"])
                    }
                    runs.add(worker, code, result, nil)
                } catch {
                    runs.add(worker, code, nil, "\(error)")
                }
            }
            let all = runs.all
            #expect(all.count == counterparts.count)
            print("LetterConcurrencyTests: at most \(runs.maxOverlap) batches ran at once")
            for run in all {
                let result = try #require(run.result, "\(run.reference): \(run.error ?? "")")
                #expect(result.status == 0, "\(run.reference): \(result)")
                #expect(Self.clean(result), "\(run.reference): \(result.stderr)")
                #expect(result.stderr.contains("issued \(Self.perCounterpart) letter(s) and index.html in"), "\(result)")
            }
            let total = counterparts.count * Self.perCounterpart
            #expect(try Self.sequences(sandbox) == (1...total).map { "JP-NPSC 2011 \($0)" }, "unique and gapless")

            // Each batch wrote its letters, and each file is the registered letter.
            let store = try ComityStore.open(at: sandbox.db.path)
            for code in counterparts {
                let folder = sandbox.path("out-\(code)")
                let expectedFiles = (references[code] ?? []).map { "\($0).reminder.en.xml" } + ["index.html"]
                #expect(try LetterGolden.entries(folder) == expectedFiles.sorted())
                let index = try LetterGolden.read(folder.appendingPathComponent("index.html"))
                for reference in references[code] ?? [] {
                    let entries = try store.letters(of: reference)
                    #expect(entries.count == 1, "\(reference)")
                    guard let entry = entries.first else { continue }
                    #expect(index.contains("<td>\(entry.number)</td>"))
                    let file = try LetterGolden.read(folder.appendingPathComponent("\(reference).reminder.en.xml"))
                    #expect(file == (try store.letter(number: entry.number)).document)
                }
            }
            try Self.checkFollowUps(sandbox, references.values.flatMap { $0 }, expected: total)
        }
    }
}
