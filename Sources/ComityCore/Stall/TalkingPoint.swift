import Foundation

/// Drafts the talking point a leader's brief needs for one request, from the sentences of a
/// phrase file: Swift chooses which sentences, the phrase file says them.
///
/// It says only what is on record: the reply as recorded (its summary when the caller has it,
/// else its kind), the meeting at which the request was last raised, and a hard limit only
/// inside the warning window or once passed.
enum TalkingPoint {
    /// What a talking point quotes from the record, in the language it is drafted in.
    struct Quoted {
        var subject: String
        var counterpart: String
        /// The authority asked to execute the request.
        var authority: String
        var lastReplySummary: String?
        /// The engagement at which the request was last raised, and what came of it there.
        var meeting: (engagement: String, raisedBy: String, response: String, commitment: String)?

        /// The values as recorded, in English, without a reply's summary (a report does not quote it).
        static func recorded(_ a: Assessment) -> Quoted {
            Quoted(subject: a.subject, counterpart: a.counterpartName, authority: a.toAuthorityName, lastReplySummary: nil,
                   meeting: a.lastMeeting.map { ($0.engagement.title, $0.outcome.raisedBy, $0.outcome.response, $0.outcome.commitment) })
        }
    }

    static func draft(for a: Assessment, quoting q: Quoted, phrases: Phrasebook) -> String {
        let s = phrases.talkingPoints
        let date = phrases.date
        let counterpart = q.counterpart
        var sentences = [s.raise.fill(["sent": date(a.sentDate), "reference": a.reference, "subject": q.subject])]
        let summary = (q.lastReplySummary ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let quoted = summary.isEmpty ? "" : s.quoted.fill(["summary": summary.last == "." || summary.last == "。" ? String(summary.dropLast()) : summary])
        if let kind = a.lastReplyKind, let replied = a.lastReplyDate {
            let values = [
                "counterpart": counterpart, "which": a.replyCount == 1 ? s.onlyReply : s.lastReply, "date": date(replied),
                "quoted": quoted, "silence": phrases.days(a.daysSinceLastReply ?? 0), "kind": s.replyKinds[kind]!,
            ]
            switch kind {
            case .nonCommittal: sentences.append(s.nonCommittal.fill(values))
            case .premiseRejected: sentences.append(s.premiseRejected.fill(values))
            case .acknowledgement: sentences.append(s.acknowledged.fill(values))
            default: sentences.append(s.otherReply.fill(values))
            }
        } else {
            sentences.append(s.notAcknowledged.fill(["counterpart": counterpart, "days": phrases.days(a.daysSinceSent)]))
        }
        if a.lastSubstantiveReplyDate == nil {
            sentences.append(s.noSubstantiveReply)
        }
        if let m = a.lastMeeting, let quoted = q.meeting {
            let response = quoted.response.isEmpty ? "" : s.responseRecorded.fill(["response": quoted.response])
            sentences.append(s.raised.fill(["raisedBy": quoted.raisedBy, "engagement": quoted.engagement, "date": date(m.outcome.date), "response": response]))
            if !quoted.commitment.isEmpty {
                let by = m.outcome.commitmentDate.map { s.commitmentBy.fill(["date": date($0)]) } ?? ""
                sentences.append(s.committed.fill(["counterpart": counterpart, "commitment": quoted.commitment, "by": by]))
            }
        }
        if let limit = a.hardLimit {
            let what = (limit.what.hasPrefix("preserved") ? s.preservation : s.limitation).fill(["case": a.caseID])
            if a.categories.contains(.hardLimitPassed) {
                sentences.append(s.limitPassed.fill(["date": date(limit.date), "what": what]))
            } else if a.categories.contains(.hardLimitApproaching) {
                sentences.append(s.limitApproaching.fill(["what": what, "date": date(limit.date), "days": phrases.days(limit.daysLeft)]))
            }
        }
        sentences.append(a.ballWith == .us ? s.weOweNextStep : s.askToExecute.fill(["authority": q.authority, "counterpart": counterpart]))
        return sentences.joined(separator: s.joiner)
    }
}
