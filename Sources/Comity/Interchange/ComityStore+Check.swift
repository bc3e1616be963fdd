import GRDB

/// `comity check`: SQLite's integrity checks and Comity's own invariants.
extension ComityStore {
    /// Checks the whole database and lists every problem found (never stops at the first).
    public func check() throws(ComityError) -> IntegrityReport {
        try read { db in try Self.check(db) }
    }

    static func check(_ db: Database) throws -> IntegrityReport {
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
        problems += try checkHistories(db)
        problems += try checkLetterNumbers(db)
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

    /// Every request's state is reached by replaying its 'moved' events from drafted.
    static func checkHistories(_ db: Database) throws -> [String] {
        var problems: [String] = []
        var moves: [String: [Row]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT id, subject_id, from_state, to_state FROM event
            WHERE subject_type = 'request' AND action = 'moved' ORDER BY subject_id, id
            """) {
            moves[row["subject_id"], default: []].append(row)
        }
        for row in try Row.fetchAll(db, sql: "SELECT reference, state FROM request ORDER BY reference") {
            let reference: String = row["reference"]
            let stored: String = row["state"]
            guard let storedState = RequestState(rawValue: stored) else {
                problems.append("request \(reference): stored state '\(stored)' is not a state Comity knows")
                continue
            }
            var state = RequestState.drafted
            var broken = false
            for move in moves[reference] ?? [] {
                let id: Int64 = move["id"]
                let fromText: String? = move["from_state"]
                let toText: String? = move["to_state"]
                guard let to = toText.flatMap(RequestState.init(rawValue:)) else {
                    problems.append("request \(reference): event \(id) moves to an unknown state '\(toText ?? "")'")
                    broken = true
                    break
                }
                if let fromText, fromText != state.rawValue {
                    problems.append("request \(reference): event \(id) moves from \(fromText) but the history had it in \(state.rawValue)")
                    broken = true
                    break
                }
                guard state.canMove(to: to) else {
                    problems.append("request \(reference): event \(id) moves \(state.rawValue) → \(to.rawValue), which is not an allowed move")
                    broken = true
                    break
                }
                state = to
            }
            if !broken, state != storedState {
                problems.append("request \(reference): stored state is \(storedState.rawValue) but its history ends in \(state.rawValue) (changed without an event)")
            }
        }
        return problems
    }

    /// Letter register numbers run 1…N per sender and year.
    static func checkLetterNumbers(_ db: Database) throws -> [String] {
        var problems: [String] = []
        var sequences: [String: (sender: String, year: Int, numbers: [Int])] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT sender, year, sequence FROM letter ORDER BY sender, year, sequence") {
            let sender: String = row["sender"]
            let year: Int = row["year"]
            sequences["\(sender)\u{0}\(year)", default: (sender, year, [])].numbers.append(row["sequence"])
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
