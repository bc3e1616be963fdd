import Foundation
import GRDB

extension LetterFacts {
    /// Facts shared by many letters of one batch, or read for all of them at once, so that
    /// composing a letter costs no query of its own.
    ///
    /// Valid for one transaction that changes no party, authority, legal basis or case, and
    /// whose letters are each about a different request, as a letter batch is.
    final class Cache {
        var bases: [String: LegalBasis] = [:]
        var authorities: [String: Authority] = [:]
        var parties: [String: Party] = [:]
        var cases: [String: Case] = [:]
        /// Keyed by our party and theirs; a nil value is a search that found nothing.
        var embassies: [String: Authority?] = [:]
        var ministries: [String: Authority?] = [:]
        var requests: [String: Request] = [:]
        /// Every translation of a language, by its tag.
        var translations: [String: Translations] = [:]
        /// The replies and follow-ups up to the letters' date of every preloaded request.
        private var chronologies: [String: (replies: [Reply], followUps: [FollowUp])] = [:]

        func remember<Value>(_ key: String, in table: ReferenceWritableKeyPath<Cache, [String: Value]>, load: () throws -> Value) rethrows -> Value {
            if let known = self[keyPath: table][key] { return known }
            let value = try load()
            self[keyPath: table][key] = value
            return value
        }

        /// The replies and follow-ups of a preloaded request, oldest first; nil for any other.
        func chronology(of reference: String) -> (replies: [Reply], followUps: [FollowUp])? {
            chronologies[reference]
        }

        /// Reads the requests, cases, replies and follow-ups of `references` up to `asOf` in four
        /// statements, in place of those of the group before; a reference that is not found is left
        /// for `load` to report.
        func preload(_ db: Database, references: [String], asOf: CalendarDate) throws {
            // Each group's are freed while the batch goes on, not all at its end.
            requests.removeAll()
            chronologies.removeAll()
            cases.removeAll()
            guard !references.isEmpty else { return }
            let list = JSONColumn.list(references)
            let chosen = "SELECT value FROM json_each(?)"
            // Columns read by position: a batch reads thousands of these records.
            func each<T: DecodedRecord>(_ sql: String, _ arguments: StatementArguments, _ body: (T) -> Void) throws {
                let cursor = try T.cursor(db.cachedStatement(sql: sql), arguments: arguments)
                while let record = try cursor.next() { body(record) }
            }
            try each("SELECT \(Request.selectList()) FROM request WHERE reference IN (\(chosen))", [list]) { (request: Request) in
                requests[request.reference] = request
                chronologies[request.reference] = ([], [])
            }
            try each(
                "SELECT \(Case.selectList()) FROM case_file WHERE id IN (SELECT case_id FROM request WHERE reference IN (\(chosen)))", [list]
            ) { (caseFile: Case) in cases[caseFile.id] = caseFile }
            // Ordered as `load` orders one request's, so each request's list comes out the same.
            try each(
                "SELECT \(Reply.selectList()) FROM reply WHERE request_ref IN (\(chosen)) AND date <= ? ORDER BY date, id", [list, asOf]
            ) { (reply: Reply) in chronologies[reply.requestReference]?.replies.append(reply) }
            try each(
                "SELECT \(FollowUp.selectList()) FROM follow_up WHERE request_ref IN (\(chosen)) AND date <= ? ORDER BY date, id", [list, asOf]
            ) { (followUp: FollowUp) in chronologies[followUp.requestReference]?.followUps.append(followUp) }
        }
    }
}
