import Foundation

/// Drafts the talking point a leader's brief needs for one request, from the sentences of a
/// phrase file: Swift chooses which sentences, the phrase file says them.
///
/// It says only what is on record: the reply as recorded (its summary when the caller has it,
/// else its kind), the meeting at which the request was last raised, and a hard limit only
/// inside the warning window or once passed.
enum TalkingPoint {
    static func draft(for a: Assessment, counterpart: String, lastReplySummary: String?, phrases: Phrasebook) -> String {
        let s = phrases.talkingPoints
        let date = phrases.date
        var sentences = [s.raise.fill(["sent": date(a.sentDate), "reference": a.reference, "subject": a.subject])]
        let summary = (lastReplySummary ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let quoted = summary.isEmpty ? "" : s.quoted.fill(["summary": summary.hasSuffix(".") ? String(summary.dropLast()) : summary])
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
        if let m = a.lastMeeting {
            let response = m.outcome.response.isEmpty ? "" : s.responseRecorded.fill(["response": m.outcome.response])
            sentences.append(s.raised.fill(["raisedBy": m.outcome.raisedBy, "engagement": m.engagement.title, "date": date(m.outcome.date), "response": response]))
            if !m.outcome.commitment.isEmpty {
                let by = m.outcome.commitmentDate.map { s.commitmentBy.fill(["date": date($0)]) } ?? ""
                sentences.append(s.committed.fill(["counterpart": counterpart, "commitment": m.outcome.commitment, "by": by]))
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
        sentences.append(a.ballWith == .us ? s.weOweNextStep : s.askToExecute.fill(["authority": a.toAuthorityName, "counterpart": counterpart]))
        return sentences.joined(separator: s.joiner)
    }
}
