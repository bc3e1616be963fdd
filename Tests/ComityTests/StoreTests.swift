import Foundation
import GRDB
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// Shared by the ComityTests suites: unique temp folders, a small world, dates.
enum Fixture {
    static let today = day("2024-01-10")
    static let sato = Clerk(name: "Sato", today: today)

    /// A date literal known to be valid.
    static func day(_ iso: String) -> CalendarDate {
        do { return try CalendarDate(iso: iso) } catch { fatalError("bad date literal \(iso): \(error)") }
    }

    /// Runs `body` with a fresh folder under the system temp directory, removed afterwards.
    static func withDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("comity-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: dir) }
        return try body(dir)
    }

    /// Runs `body` with a new, empty store in a fresh temp folder.
    static func withStore<T>(_ body: (ComityStore, URL) throws -> T) throws -> T {
        try withDirectory { dir in
            let path = dir.appendingPathComponent("comity.sqlite").path
            let store = try ComityStore.create(at: path)
            return try body(store, dir)
        }
    }

    /// Japan, China and the United States; a few authorities; the bilateral treaty; one Japanese case.
    static func loadSmallWorld(_ store: ComityStore) throws {
        try store.addParty(Party(code: "JP", name: "Japan", formalName: "Japan"), by: sato)
        try store.addParty(Party(code: "CN", name: "China", formalName: "People's Republic of China"), by: sato)
        try store.addParty(Party(code: "US", name: "United States", formalName: "United States of America"), by: sato)
        for authority in [
            Authority(id: "JP-NPA", party: "JP", name: "National Police Agency", role: .police),
            Authority(id: "JP-MOJ", party: "JP", name: "Ministry of Justice", role: .centralAuthority),
            Authority(id: "CN-MPS", party: "CN", name: "Ministry of Public Security", role: .centralAuthority),
            Authority(id: "CN-MFA", party: "CN", name: "Ministry of Foreign Affairs", role: .foreignMinistry),
            Authority(id: "US-DOJ", party: "US", name: "Department of Justice", role: .centralAuthority),
        ] { try store.addAuthority(authority, by: sato) }
        try store.addBasis(LegalBasis(
            id: "MLAT", instrument: "Japan–China Treaty on Mutual Legal Assistance in Criminal Matters",
            kind: .bilateralTreaty, responsePeriod: Period(days: 30, unit: .calendar),
            parties: [.init(party: "CN", from: day("2008-11-23")), .init(party: "JP", from: day("2008-11-23"))]),
            by: sato)
        try store.addCase(Case(
            id: "C1", title: "Intrusion into a contractor", leadAuthority: "JP-NPA", offence: "Unauthorised access",
            incidentDate: day("2023-01-01"), discoveryDate: day("2023-01-05"), limitationDate: day("2028-01-01")),
            by: sato)
    }

    /// Adds a draft Japan→China request and moves it, today, along allowed moves to `state`.
    static func addRequest(_ reference: String, at state: String, in store: ComityStore) throws {
        try store.addRequest(Request(
            reference: reference, caseID: "C1", fromAuthority: "JP-MOJ", toAuthority: "CN-MPS",
            channel: .centralAuthority, basisID: "MLAT", subject: "Logs of the command servers",
            items: ["Preserve the logs", "Identify the operator"]), by: sato)
        let route = try #require(DomainTable.route[state], "no route to \(state)")
        for step in route {
            try store.move(reference, to: try DomainTable.state(step), on: today, by: sato)
        }
        #expect(try store.request(reference).state.rawValue == state)
    }

    /// Every row of every table, as text: equal snapshots mean an unchanged database.
    static func snapshot(_ path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            var lines: [String] = []
            for table in tables {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"") {
                    lines.append("\(table): \(row.description)")
                }
            }
            return lines
        }
    }
}

@Suite("Store round trips")
struct StoreRoundTripTests {
    @Test("a party reads back equal, with given or ISO names")
    func party() throws {
        try Fixture.withStore { store, _ in
            let japan = Party(code: "JP", name: "Japan", formalName: "Japan")
            try store.addParty(japan, by: Fixture.sato)
            #expect(try store.party("JP") == japan)
            #expect(try store.party("jp") == japan)

            let china = try Party(code: "cn")
            #expect(china.code == "CN")
            try store.addParty(china, by: Fixture.sato)
            let read = try store.party("CN")
            #expect(read == china)
            #expect(read.name == "China")
            #expect(read.formalName == "People's Republic of China")
            #expect(try store.parties() == [china, japan])
        }
    }

    @Test("a party given with a lower-case code is stored under the upper-case code")
    func partyLowerCase() throws {
        try Fixture.withStore { store, _ in
            try store.addParty(Party(code: "jp", name: "Japan", formalName: "Japan"), by: Fixture.sato)
            #expect(try store.party("JP").code == "JP")
        }
    }

    @Test("an authority of every role reads back equal")
    func authorities() throws {
        try Fixture.withStore { store, _ in
            try store.addParty(Party(code: "JP", name: "Japan", formalName: "Japan"), by: Fixture.sato)
            var written: [Authority] = []
            for (index, role) in AuthorityRole.allCases.enumerated() {
                let authority = Authority(id: "JP-\(index)", party: "JP", name: "Office \(index) 日本", role: role)
                try store.addAuthority(authority, by: Fixture.sato)
                written.append(authority)
                #expect(try store.authority(authority.id) == authority)
            }
            #expect(try store.authorities(party: "jp") == written.sorted { $0.id < $1.id })
            #expect(try store.authorities(party: "CN").isEmpty)
        }
    }

    @Test("a legal basis reads back equal, with its bindings and period")
    func basis() throws {
        try Fixture.withStore { store, _ in
            for code in ["JP", "US", "GB"] { try store.addParty(try Party(code: code), by: Fixture.sato) }
            let budapest = LegalBasis(
                id: "BUDAPEST", instrument: "Convention on Cybercrime (ETS No. 185)", kind: .convention,
                responsePeriod: Period(days: 20, unit: .working),
                parties: [
                    .init(party: "US", from: Fixture.day("2007-01-01")),
                    .init(party: "GB", from: Fixture.day("2011-09-01")),
                    .init(party: "JP", from: Fixture.day("2012-11-01")),
                ],
                note: "Art. 29 preservation")
            try store.addBasis(budapest, by: Fixture.sato)
            #expect(try store.basis("BUDAPEST") == budapest)

            let reciprocity = LegalBasis(
                id: "RECIPROCITY", instrument: "Reciprocity", kind: .reciprocity, responsePeriod: nil,
                parties: [.init(party: "JP", from: Fixture.day("1900-01-01"))])
            try store.addBasis(reciprocity, by: Fixture.sato)
            let read = try store.basis("RECIPROCITY")
            #expect(read == reciprocity)
            #expect(read.responsePeriod == nil)
            #expect(try store.bases().map(\.id) == ["BUDAPEST", "RECIPROCITY"])
        }
    }

    @Test("bindings given out of date order read back as the same set")
    func basisBindingOrder() throws {
        try Fixture.withStore { store, _ in
            for code in ["JP", "US"] { try store.addParty(try Party(code: code), by: Fixture.sato) }
            let bindings: [LegalBasis.Binding] = [
                .init(party: "JP", from: Fixture.day("2012-11-01")), .init(party: "US", from: Fixture.day("2007-01-01")),
            ]
            try store.addBasis(LegalBasis(id: "B", instrument: "I", kind: .convention, parties: bindings), by: Fixture.sato)
            let read = try store.basis("B")
            #expect(Set(read.parties) == Set(bindings))
            #expect(read.boundSince("JP") == Fixture.day("2012-11-01"))
            #expect(read.boundSince("CN") == nil)
        }
    }

    @Test("a case reads back equal, with and without a limitation date")
    func cases() throws {
        try Fixture.withStore { store, _ in
            try Fixture.loadSmallWorld(store)
            let limited = Case(
                id: "JPS-2015", title: "Japan Pension Service breach", leadAuthority: "JP-NPA",
                offence: "Unauthorised access", incidentDate: Fixture.day("2015-05-08"), discoveryDate: Fixture.day("2015-05-28"),
                limitationDate: Fixture.day("2018-05-08"), classification: .secret, note: "stand-in dates")
            let open = Case(
                id: "MHI-2011", title: "Intrusion into Mitsubishi Heavy Industries", leadAuthority: "JP-NPA",
                offence: "Theft of information", incidentDate: Fixture.day("2011-08-11"), discoveryDate: Fixture.day("2011-08-11"))
            try store.addCase(limited, by: Fixture.sato)
            try store.addCase(open, by: Fixture.sato)
            #expect(try store.caseFile("JPS-2015") == limited)
            let read = try store.caseFile("MHI-2011")
            #expect(read == open)
            #expect(read.limitationDate == nil)
            #expect(read.classification == .restricted)
        }
    }

    @Test("a request reads back equal, with its items and optional fields")
    func requests() throws {
        try Fixture.withStore { store, _ in
            try Fixture.loadSmallWorld(store)
            let full = Request(
                reference: "JP-C1-001", caseID: "C1", fromAuthority: "JP-MOJ", toAuthority: "CN-MPS",
                channel: .centralAuthority, basisID: "MLAT", subject: "Servers in China",
                items: ["Identify the servers", "Preserve and provide the logs", "名義人の特定"],
                urgency: .immediate, classification: .confidential, sentDate: Fixture.day("2023-02-01"),
                counterpartReference: "MPS/2023/17", preservedUntil: Fixture.day("2023-04-02"), note: "sent by courier")
            try store.addRequest(full, by: Fixture.sato)
            var expected = full
            expected.state = .transmitted
            #expect(try store.request("JP-C1-001") == expected)

            let bare = Request(
                reference: "JP-C1-002", caseID: "C1", fromAuthority: "JP-NPA", toAuthority: "CN-MFA",
                channel: .diplomatic, subject: "Cooperation in tracing the source")
            try store.addRequest(bare, by: Fixture.sato)
            let read = try store.request("JP-C1-002")
            #expect(read == bare)
            #expect(read.state == .drafted)
            #expect(read.sentDate == nil && read.basisID == nil && read.counterpartReference == nil && read.preservedUntil == nil)
            #expect(read.items.isEmpty)

            #expect(try store.requests() == [expected, bare])
            #expect(try store.requests(state: .drafted) == [bare])
            #expect(try store.requests(counterpart: "cn").count == 2)
            #expect(try store.requests(counterpart: "US").isEmpty)
            #expect(try store.requests(case: "C1", openOnly: true).count == 2)
        }
    }

    @Test("replies read back equal, with grounds and a promised date")
    func replies() throws {
        try Fixture.withStore { store, _ in
            try Fixture.loadSmallWorld(store)
            try Fixture.addRequest("R1", at: "transmitted", in: store)
            let interim = Reply(
                requestReference: "R1", date: Fixture.today, fromAuthority: "CN-MPS", kind: .interimStatus,
                summary: "Being examined", promisedDate: Fixture.day("2024-03-01"), classification: .confidential)
            let first = try store.addReply(interim, counterpartReference: "MPS-9", by: Fixture.sato).reply
            let firstID = try #require(first.id)
            var expected = interim
            expected.id = firstID
            #expect(first == expected)
            #expect(try store.reply(id: firstID) == expected)
            #expect(try store.request("R1").counterpartReference == "MPS-9")

            let refusal = Reply(
                requestReference: "R1", date: Fixture.today, kind: .refusal, summary: "Refused",
                refusalGrounds: [.dualCriminality, .sovereignty, .other])
            let second = try store.addReply(refusal, by: Fixture.sato).reply
            let secondID = try #require(second.id)
            #expect(secondID != firstID)
            var expectedRefusal = refusal
            expectedRefusal.id = secondID
            #expect(try store.reply(id: secondID) == expectedRefusal)
            #expect(try store.reply(id: secondID).fromAuthority == nil)
            #expect(try store.replies(to: "R1") == [expected, expectedRefusal])
        }
    }

    @Test("an engagement reads back equal, and a reschedule keeps the old dates in its history")
    func engagement() throws {
        try Fixture.withStore { store, _ in
            try Fixture.loadSmallWorld(store)
            let visit = Engagement(
                id: "NODA-BEIJING-2011", counterpart: "CN", startDate: Fixture.day("2011-12-12"),
                endDate: Fixture.day("2011-12-13"), level: .leaders, title: "Prime Minister's visit",
                place: "Beijing", note: "planned")
            try store.addEngagement(visit, by: Fixture.sato)
            #expect(try store.engagement(visit.id) == visit)

            try store.reschedule(visit.id, start: Fixture.day("2011-12-25"), end: Fixture.day("2011-12-26"),
                                 note: "postponed at China's request", by: Fixture.sato)
            var moved = visit
            moved.startDate = Fixture.day("2011-12-25")
            moved.endDate = Fixture.day("2011-12-26")
            #expect(try store.engagement(visit.id) == moved)
            #expect(try store.engagements(counterpart: "cn") == [moved])
            let history = try store.history(of: visit.id)
            #expect(history.map(\.action) == [.created, .rescheduled])
            let note = try #require(history.last?.note)
            #expect(note.contains("2011-12-12–2011-12-13"))
            #expect(note.contains("2011-12-25–2011-12-26"))
            #expect(note.contains("postponed at China's request"))
        }
    }

    @Test("an event reads back equal, every column set")
    func event() throws {
        try Fixture.withStore { store, _ in
            try Fixture.loadSmallWorld(store)
            try Fixture.addRequest("R1", at: "transmitted", in: store)
            let replyID = try #require(try store.addReply(
                Reply(requestReference: "R1", date: Fixture.today, kind: .premiseRejected, summary: "baseless"),
                by: Fixture.sato).reply.id)
            var event = Event(
                subjectType: .request, subjectID: "R1", action: .note, date: Fixture.day("2024-01-09"),
                recordedOn: Fixture.today, actor: "Suzuki", fromState: .transmitted, toState: .acknowledged,
                replyID: replyID, note: "a note, with 日本語")
            try store.queue.write { db in try event.insert(db) }
            #expect(event.id != nil)
            #expect(try store.history(of: "R1").last == event)
        }
    }

    @Test("the store logs who did what, when, and when it was recorded")
    func loggedEvents() throws {
        try Fixture.withStore { store, _ in
            let clerk = Clerk(name: "Tanaka", today: Fixture.day("2020-02-02"))
            try store.addParty(Party(code: "JP", name: "Japan", formalName: "Japan"), by: clerk)
            let events = try store.history(of: "JP")
            #expect(events.count == 1)
            let event = try #require(events.first)
            #expect(event == Event(
                id: event.id, subjectType: .party, subjectID: "JP", action: .created, date: clerk.today,
                recordedOn: clerk.today, actor: "Tanaka", note: "Japan"))
        }
    }
}

@Suite("Store files and migrations")
struct StoreFileTests {
    @Test("create migrates an empty file into a Comity database, owner-only")
    func create() throws {
        try Fixture.withDirectory { dir in
            let path = dir.appendingPathComponent("new.sqlite").path
            let store = try ComityStore.create(at: path)
            #expect(store.path == path)
            #expect(try store.parties().isEmpty)
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let queue = try DatabaseQueue(path: path)
            try queue.read { db in
                #expect(try Int32.fetchOne(db, sql: "PRAGMA application_id") == 0x436F_6D69)
                #expect(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations").first == "v1-spine")
                let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
                #expect(tables.isSuperset(of: ["party", "authority", "legal_basis", "basis_party", "case_file", "request", "reply", "engagement", "event"]))
            }
        }
    }

    @Test("create refuses an existing file and leaves it alone")
    func createOverExisting() throws {
        try Fixture.withDirectory { dir in
            let path = dir.appendingPathComponent("taken.sqlite").path
            try Data("precious".utf8).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: ComityError.self) { try ComityStore.create(at: path) }
            #expect(error?.category == .invalid)
            #expect(error?.description.contains("already exists") == true)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("precious".utf8))
        }
    }

    @Test("create refuses a missing folder and creates nothing")
    func createInMissingFolder() throws {
        try Fixture.withDirectory { dir in
            let path = dir.appendingPathComponent("nowhere/new.sqlite").path
            let error = #expect(throws: ComityError.self) { try ComityStore.create(at: path) }
            #expect(error?.description.contains("does not exist") == true)
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("nowhere").path))
        }
    }

    @Test("open reopens a created file with its data")
    func reopen() throws {
        try Fixture.withDirectory { dir in
            let path = dir.appendingPathComponent("comity.sqlite").path
            do {
                let store = try ComityStore.create(at: path)
                try Fixture.loadSmallWorld(store)
            }
            let reopened = try ComityStore.open(at: path)
            #expect(try reopened.parties().map(\.code) == ["CN", "JP", "US"])
            #expect(try reopened.caseFile("C1").limitationDate == Fixture.day("2028-01-01"))
            try reopened.addParty(try Party(code: "GB"), by: Fixture.sato)
            #expect(try ComityStore.open(at: path).parties().count == 4)
        }
    }

    @Test("open on a missing path fails and creates no file")
    func openMissing() throws {
        try Fixture.withDirectory { dir in
            let path = dir.appendingPathComponent("missing.sqlite").path
            let error = #expect(throws: ComityError.self) { try ComityStore.open(at: path) }
            #expect(error == .missingDatabase(path: path))
            #expect(error?.category == .store)
            #expect(error?.description.contains("comity init") == true)
            let contents = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            #expect(contents.isEmpty)
        }
    }

    /// A file that is not a Comity database, how to make it, and what the error must say.
    struct Impostor: Sendable, CustomTestStringConvertible {
        var name: String
        var why: String
        var testDescription: String { name }
    }

    static let impostors: [Impostor] = [
        .init(name: "text", why: "it is not an SQLite file"),
        .init(name: "empty", why: "it is empty"),
        .init(name: "foreign", why: "it is an SQLite database of another program"),
        .init(name: "folder", why: "it is a folder"),
    ]

    @Test("open refuses a file that is not a Comity database, with a clear error", arguments: impostors)
    func openImpostor(impostor: Impostor) throws {
        try Fixture.withDirectory { dir in
            let path = dir.appendingPathComponent("impostor.sqlite").path
            switch impostor.name {
            case "text": try Data("name,date\nMHI,2011-09-30\n".utf8).write(to: URL(fileURLWithPath: path))
            case "empty": #expect(FileManager.default.createFile(atPath: path, contents: Data()))
            case "foreign":
                let queue = try DatabaseQueue(path: path)
                try queue.write { db in try db.execute(sql: "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x')") }
            default: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            }
            // The foreign file's bytes are checked in `foreignFileUntouched`.
            let before = ["text", "empty"].contains(impostor.name) ? try Data(contentsOf: URL(fileURLWithPath: path)) : nil
            let error = #expect(throws: ComityError.self) { try ComityStore.open(at: path) }
            #expect(error == .notADatabase(path: path, why: impostor.why))
            #expect(error?.category == .store)
            #expect(error?.description.contains("is not a Comity database") == true)
            if let before { #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before) }
        }
    }

    @Test("open leaves another program's SQLite file exactly as it was")
    func foreignFileUntouched() throws {
        try Fixture.withDirectory { dir in
            let path = dir.appendingPathComponent("foreign.sqlite").path
            do {
                let queue = try DatabaseQueue(path: path)
                try queue.write { db in try db.execute(sql: "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x')") }
            }
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(throws: ComityError.self) { try ComityStore.open(at: path) }
            let after = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(after == before)
            let mode = try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            #expect(mode == "delete")
        }
    }

    @Test("open refuses a database written by a newer Comity")
    func newerSchema() throws {
        try Fixture.withDirectory { dir in
            let path = dir.appendingPathComponent("newer.sqlite").path
            _ = try ComityStore.create(at: path)
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')") }
            let error = #expect(throws: ComityError.self) { try ComityStore.open(at: path) }
            #expect(error == .newerSchema(path: path, unknown: ["v99-future"]))
            #expect(error?.description.contains("newer version") == true)
        }
    }

    @Test("open migrates a file that has Comity's application id but no tables yet")
    func openMigrates() throws {
        try Fixture.withDirectory { dir in
            let path = dir.appendingPathComponent("bare.sqlite").path
            do {
                let queue = try DatabaseQueue(path: path)
                try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA application_id = \(0x436F_6D69)") }
            }
            let store = try ComityStore.open(at: path)
            #expect(try store.parties().isEmpty)
            try store.addParty(try Party(code: "JP"), by: Fixture.sato)
            #expect(try store.party("JP").name == "Japan")
        }
    }
}

@Suite("History is append-only, failures change nothing")
struct StoreIntegrityTests {
    @Test("UPDATE and DELETE on event fail in the database itself")
    func appendOnly() throws {
        try Fixture.withStore { store, _ in
            try Fixture.loadSmallWorld(store)
            let path = store.path
            let queue = try DatabaseQueue(path: path)
            let count = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM event") }
            #expect((count ?? 0) > 0)

            let update = #expect(throws: DatabaseError.self) {
                try queue.write { db in try db.execute(sql: "UPDATE event SET actor = 'Mallory'") }
            }
            #expect(update?.message?.contains("append-only") == true)
            let delete = #expect(throws: DatabaseError.self) {
                try queue.write { db in try db.execute(sql: "DELETE FROM event WHERE id = 1") }
            }
            #expect(delete?.message?.contains("append-only") == true)

            let after = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM event") }
            let tampered = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM event WHERE actor = 'Mallory'") }
            #expect(after == count)
            #expect(tampered == 0)
            // Appending still works.
            try store.addParty(try Party(code: "GB"), by: Fixture.sato)
            #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM event") } == (count ?? 0) + 1)
        }
    }

    @Test("a reply that would be an invalid move leaves the database unchanged")
    func invalidReplyChangesNothing() throws {
        try Fixture.withStore { store, _ in
            try Fixture.loadSmallWorld(store)
            try Fixture.addRequest("R1", at: "partially-executed", in: store)
            let before = try Fixture.snapshot(store.path)
            let error = #expect(throws: ComityError.self) {
                try store.addReply(Reply(requestReference: "R1", date: Fixture.today, kind: .refusal, summary: "no"),
                                   counterpartReference: "THEIRS-1", by: Fixture.sato)
            }
            #expect(error?.category == .invalidMove)
            #expect(try Fixture.snapshot(store.path) == before)
            #expect(try store.replies(to: "R1").isEmpty)
            #expect(try store.request("R1").counterpartReference == nil)
        }
    }

    @Test("a request refused at transmission is not half-recorded")
    func refusedRequestChangesNothing() throws {
        try Fixture.withStore { store, _ in
            try Fixture.loadSmallWorld(store)
            try store.addBasis(LegalBasis(
                id: "BUDAPEST", instrument: "Convention on Cybercrime", kind: .convention,
                parties: [.init(party: "US", from: Fixture.day("2007-01-01")), .init(party: "JP", from: Fixture.day("2012-11-01"))]),
                by: Fixture.sato)
            let before = try Fixture.snapshot(store.path)
            let error = #expect(throws: ComityError.self) {
                try store.addRequest(Request(
                    reference: "R-BUD", caseID: "C1", fromAuthority: "JP-MOJ", toAuthority: "CN-MPS",
                    channel: .network247, basisID: "BUDAPEST", subject: "Preservation", sentDate: Fixture.day("2023-03-01")),
                    by: Fixture.sato)
            }
            #expect(error?.category == .invalid)
            #expect(try Fixture.snapshot(store.path) == before)
            #expect(throws: ComityError.self) { try store.request("R-BUD") }
            #expect(throws: ComityError.self) { try store.history(of: "R-BUD") }
        }
    }

    @Test("a refused transmission leaves the request where it was")
    func refusedTransmissionChangesNothing() throws {
        try Fixture.withStore { store, _ in
            try Fixture.loadSmallWorld(store)
            try store.addBasis(LegalBasis(
                id: "BUDAPEST", instrument: "Convention on Cybercrime", kind: .convention,
                parties: [.init(party: "JP", from: Fixture.day("2012-11-01"))]), by: Fixture.sato)
            try store.addRequest(Request(
                reference: "R1", caseID: "C1", fromAuthority: "JP-MOJ", toAuthority: "CN-MPS",
                channel: .network247, basisID: "BUDAPEST", subject: "Preservation"), by: Fixture.sato)
            try store.move("R1", to: .inClearance, on: Fixture.today, by: Fixture.sato)
            let before = try Fixture.snapshot(store.path)
            let error = #expect(throws: ComityError.self) {
                try store.move("R1", to: .transmitted, on: Fixture.today, by: Fixture.sato)
            }
            #expect(error?.description.contains("China (CN) is not a party") == true)
            #expect(try Fixture.snapshot(store.path) == before)
            #expect(try store.request("R1").state == .inClearance)
            #expect(try store.request("R1").sentDate == nil)
        }
    }

    @Test("failed additions and reschedules change nothing")
    func otherFailuresChangeNothing() throws {
        try Fixture.withStore { store, _ in
            try Fixture.loadSmallWorld(store)
            try store.addEngagement(Engagement(
                id: "E1", counterpart: "CN", startDate: Fixture.day("2023-06-01"), endDate: Fixture.day("2023-06-02"),
                level: .ministerial, title: "Ministerial talks"), by: Fixture.sato)
            let before = try Fixture.snapshot(store.path)
            #expect(throws: ComityError.self) {
                try store.addBasis(LegalBasis(
                    id: "B2", instrument: "I", kind: .convention,
                    parties: [.init(party: "JP", from: Fixture.today), .init(party: "FR", from: Fixture.today)]), by: Fixture.sato)
            }
            #expect(throws: ComityError.self) {
                try store.reschedule("E1", start: Fixture.day("2023-06-01"), end: Fixture.day("2023-06-02"), by: Fixture.sato)
            }
            #expect(throws: ComityError.self) {
                try store.addAuthority(Authority(id: "FR-MOJ", party: "FR", name: "Ministère de la Justice", role: .centralAuthority), by: Fixture.sato)
            }
            #expect(throws: ComityError.self) {
                try store.addCase(Case(
                    id: "C2", title: "T", leadAuthority: "XX-NONE", offence: "O",
                    incidentDate: Fixture.day("2023-01-01"), discoveryDate: Fixture.day("2023-01-02")), by: Fixture.sato)
            }
            #expect(try Fixture.snapshot(store.path) == before)
        }
    }
}
