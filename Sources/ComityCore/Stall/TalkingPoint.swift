import Foundation

/// Drafts the talking point a leader's brief needs for one request.
///
/// It says only what is on record: the reply as recorded (its summary when the caller has it,
/// else its kind), the meeting at which the request was last raised, and a hard limit only
/// inside the warning window or once passed.
enum TalkingPoint {
    static func draft(for a: Assessment, counterpart: String, lastReplySummary: String?) -> String {
        var text = "Raise our request of \(a.sentDate.longEnglish) (\(a.reference)): \(a.subject)."
        let summary = (lastReplySummary ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let quoted = summary.isEmpty ? "" : ": “\(summary.hasSuffix(".") ? String(summary.dropLast()) : summary)”"
        if let kind = a.lastReplyKind, let date = a.lastReplyDate {
            let only = a.replyCount == 1 ? "only reply" : "last reply"
            let silence = dayCount(a.daysSinceLastReply ?? 0)
            switch kind {
            case .nonCommittal:
                text += " \(counterpart)'s \(only), on \(date.longEnglish), was non-committal\(quoted); nothing has followed in \(silence)."
            case .premiseRejected:
                text += " On \(date.longEnglish) \(counterpart) rejected the premise of the request\(quoted); ask that the facts set out in the request be examined."
            case .acknowledgement:
                text += " \(counterpart) acknowledged it on \(date.longEnglish) and has said nothing since (\(silence))."
            default:
                text += " \(counterpart)'s \(only) was \(article(kind.phrase)) \(kind.phrase) on \(date.longEnglish)\(quoted)."
            }
        } else {
            text += " \(counterpart) has not acknowledged it in \(dayCount(a.daysSinceSent))."
        }
        if a.lastSubstantiveReplyDate == nil {
            text += " There has been no substantive reply."
        }
        if let m = a.lastMeeting {
            let response = m.outcome.response.isEmpty ? "" : " (response recorded: “\(m.outcome.response)”)"
            text += " \(m.outcome.raisedBy) raised it at \(m.engagement.title) on \(m.outcome.date.longEnglish)\(response)."
            if !m.outcome.commitment.isEmpty {
                text += " \(counterpart) committed to: “\(m.outcome.commitment)”\(m.outcome.commitmentDate.map { " by \($0.longEnglish)" } ?? "")."
            }
        }
        if let limit = a.hardLimit {
            if a.categories.contains(.hardLimitPassed) {
                text += " The time limit passed on \(limit.date.longEnglish) (\(limit.what))."
            } else if a.categories.contains(.hardLimitApproaching) {
                text += " Time is short: the \(limit.what) on \(limit.date.longEnglish), in \(dayCount(limit.daysLeft))."
            }
        }
        if a.ballWith == .us {
            text += " We owe the next step; confirm it is on its way before raising it."
        } else {
            text += " Ask that the \(a.toAuthorityName) execute the request and name a point of contact."
        }
        return text
    }
}
