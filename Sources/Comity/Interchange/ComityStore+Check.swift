import GRDB
import GRDBSQLite

/// `comity check`: SQLite's integrity checks and Comity's own invariants.
extension ComityStore {
    /// Checks the whole database and lists every problem found (never stops at the first).
    /// Records are also held to the rules of their kind, dates as of `today` (the checking clerk's).
    public func check(today: CalendarDate? = nil) throws(ComityError) -> IntegrityReport {
        try read { db in try Self.check(db, today: today) }
    }

    static func check(_ db: Database, today: CalendarDate? = nil) throws -> IntegrityReport {
        var problems: [String] = []
        for line in try String.fetchAll(db, sql: "PRAGMA integrity_check") where line != "ok" {
            problems.append("integrity: \(line)")
        }
        for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
            let table: String = row[0]
            let rowid: Int64? = row[1]
            let parent: String = row[2]
            problems.append("foreign key: \(table) row \(rowid.map(String.init) ?? "?") refers to a missing \(parent)")
        }
        var damaged: [String: Set<Int64>] = [:]
        for type in storedRecordTypes { damaged[type.databaseTableName] = try checkRecords(db, type, today: today, &problems) }
        problems += try checkHistories(db, damagedRequests: damaged["request"] ?? [], damagedEvents: damaged["event"] ?? [])
        problems += try checkLetterNumbers(db)
        problems += try checkDirection(db)
        problems += try checkTranslations(db)
        problems += try checkAccounts(db)
        let triggers = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        for name in ["event_no_update", "event_no_delete"] where !triggers.contains(name) {
            problems.append("history: trigger \(name) is missing, so events may have been edited or deleted")
        }
        for name in ["letter_no_update", "letter_no_delete"] where !triggers.contains(name) {
            problems.append("letter register: trigger \(name) is missing, so issued letters may have been changed or deleted")
        }
        let requests = try Int.fetchOne(db, sql: "SELECT count(*) FROM request") ?? 0
        let events = try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0
        let letters = try Int.fetchOne(db, sql: "SELECT count(*) FROM letter") ?? 0
        return IntegrityReport(problems: problems, requests: requests, events: events, letters: letters)
    }

    /// Reads every row of `R`'s table through the record's decoder, as every other reader does,
    /// adding a problem for each damaged record; returns the rowids of the damaged rows.
    static func checkRecords<R: DecodedRecord>(_ db: Database, _ type: R.Type, today: CalendarDate?, _ problems: inout [String]) throws -> Set<Int64> {
        let rows = try ColumnCursor(
            db.makeStatement(sql: "SELECT rowid, \(R.selectList()) FROM \(R.databaseTableName) ORDER BY \(R.keyList())"), arguments: []
        ) { row -> (rowid: Int64, error: ComityError?, broken: [String]) in
            let rowid = sqlite3_column_int64(row.statement, 0)
            do throws(ComityError) {
                let reader = row.reader(R.self, from: 1)
                let record = try R(reader)
                // The rules of its kind, as the add commands and import apply them.
                guard let today, let ruled = record as? RuledRecord else { return (rowid, nil, []) }
                let broken = ruled.ruleProblems(today: today).map { "breaks a rule: \(R.recordName) \(reader.key): \($0.message)" }
                return (rowid, nil, broken)
            } catch {
                return (rowid, error, [])
            }
        }
        var damaged: Set<Int64> = []
        while let (rowid, error, broken) = try rows.next() {
            problems += broken
            guard let error else { continue }
            damaged.insert(rowid)
            if case .damagedRecord(let table, let key, let column, let why) = error {
                problems.append("damaged record: \(table) \(key): its \(column) \(why)")
            } else {
                problems.append("damaged record: \(error.description)")
            }
        }
        return damaged
    }

    /// Every request's state is reached by replaying its 'moved' events from drafted (or, for one
    /// that came to us, from its arrival as transmitted).
    ///
    /// Requests and their moves are read side by side, both in reference order, so memory stays
    /// flat however large the history: a million requests are checked like ten. Damaged requests
    /// and events, already listed, are passed over.
    static func checkHistories(_ db: Database, damagedRequests: Set<Int64> = [], damagedEvents: Set<Int64> = []) throws -> [String] {
        var problems: [String] = []
        let requests = try Row.fetchCursor(db, sql: "SELECT reference, state, rowid FROM request ORDER BY reference")
        let moves = try Row.fetchCursor(db, sql: """
            SELECT subject_id, id, from_state, to_state FROM event
            WHERE subject_type = 'request' AND action = 'moved' ORDER BY subject_id, id
            """)
        // The next move not yet matched with a request (SQLite orders text by its bytes; so does this).
        var move = try moves.next().map(Move.init)
        while let row = try requests.next() {
            guard !damagedRequests.contains(row[2]), let reference = String.fromDatabaseValue(row[0]),
                  let storedState = String.fromDatabaseValue(row[1]).flatMap(RequestState.init(rawValue:)) else { continue }
            while let pending = move, pending.subject.utf8.lexicographicallyPrecedes(reference.utf8) { move = try moves.next().map(Move.init) }
            var state = RequestState.drafted
            var broken = false
            while let current = move, current.subject.utf8.elementsEqual(reference.utf8) {
                move = try moves.next().map(Move.init)
                if broken { continue }
                if damagedEvents.contains(current.id) {
                    broken = true
                    continue
                }
                guard let to = current.to.flatMap(RequestState.init(rawValue:)) else {
                    problems.append("request \(reference): event \(current.id) moves to an unknown state '\(current.to ?? "")'")
                    broken = true
                    continue
                }
                if current.from == nil, to == .transmitted, state == .drafted {
                    // A request that came to us starts on record as received.
                    state = to
                    continue
                }
                if let from = current.from, from != state.rawValue {
                    problems.append("request \(reference): event \(current.id) moves from \(from) but the history had it in \(state.rawValue)")
                    broken = true
                    continue
                }
                guard state.canMove(to: to) else {
                    problems.append("request \(reference): event \(current.id) moves \(state.rawValue) → \(to.rawValue), which is not an allowed move")
                    broken = true
                    continue
                }
                state = to
            }
            if !broken, state != storedState {
                problems.append("request \(reference): stored state is \(storedState.rawValue) but its history ends in \(state.rawValue) (changed without an event)")
            }
        }
        return problems
    }

    /// A 'moved' event, copied out of the cursor's row; a value of the wrong kind reads as
    /// nothing, the event being listed as damaged already.
    private struct Move {
        let subject: String
        let id: Int64
        let from: String?
        let to: String?

        init(_ row: Row) {
            subject = String.fromDatabaseValue(row[0]) ?? ""
            id = Int64.fromDatabaseValue(row[1]) ?? 0
            from = String.fromDatabaseValue(row[2])
            to = String.fromDatabaseValue(row[3])
        }
    }

    /// Letter register numbers run 1…N per sender and year.
    static func checkLetterNumbers(_ db: Database) throws -> [String] {
        var problems: [String] = []
        var sequences: [String: (sender: String, year: Int, numbers: [Int])] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT sender, year, sequence FROM letter ORDER BY sender, year, sequence") {
            // A letter whose numbering is damaged is listed as such already.
            guard let sender = String.fromDatabaseValue(row[0]), let year = Int.fromDatabaseValue(row[1]),
                  let sequence = Int.fromDatabaseValue(row[2]) else { continue }
            sequences["\(sender)\u{0}\(year)", default: (sender, year, [])].numbers.append(sequence)
        }
        for key in sequences.keys.sorted() {
            let (sender, year, numbers) = sequences[key]!
            let expected = Array(1...numbers.count)
            guard numbers != expected else { continue }
            let present = Set(numbers)
            let missing = (1...(numbers.max() ?? 1)).filter { !present.contains($0) }
            let shown = missing.prefix(10).map(String.init).joined(separator: ", ") + (missing.count > 10 ? ", …" : "")
            problems.append("letter register: \(sender) \(year) has \(numbers.count) letters but sequences are not 1…\(numbers.count); missing \(shown.isEmpty ? "none" : shown)")
        }
        return problems
    }
}
