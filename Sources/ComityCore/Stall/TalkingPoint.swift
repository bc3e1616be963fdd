/// Drafts the talking point a leader's brief needs for one request.
enum TalkingPoint {
    static func draft(for a: Assessment, dossier: Dossier, asOf: CalendarDate) -> String {
        let counterpart = dossier.counterpart.name
        var text = "Raise our request of \(a.sentDate.longEnglish) (\(a.reference)): \(a.subject)."
        if let kind = a.lastReplyKind, let date = a.lastReplyDate {
            let only = a.replyCount == 1 ? "only reply" : "last reply"
            switch kind {
            case .nonCommittal:
                text += " \(counterpart)'s \(only), on \(date.longEnglish), was that it would contact the relevant authorities; nothing has followed in \(dayCount(a.daysSinceLastReply ?? 0))."
            case .premiseRejected:
                text += " On \(date.longEnglish) \(counterpart) rejected the premise of the request; we have the evidence and ask that it be examined."
            case .acknowledgement:
                text += " \(counterpart) acknowledged it on \(date.longEnglish) and has said nothing since (\(dayCount(a.daysSinceLastReply ?? 0)))."
            default:
                text += " \(counterpart)'s \(only) was \(article(kind.phrase)) \(kind.phrase) on \(date.longEnglish)."
            }
        } else {
            text += " \(counterpart) has not acknowledged it in \(dayCount(a.daysSinceSent))."
        }
        if a.lastSubstantiveReplyDate == nil {
            text += " There has been no substantive reply."
        }
        if let limit = a.hardLimit, limit.daysLeft >= 0 {
            text += " Time is short: the \(limit.what) on \(limit.date.longEnglish)."
        }
        if a.ballWith == .us {
            text += " We owe the next step; confirm it is on its way before raising it."
        } else {
            text += " Ask that the \(a.toAuthorityName) execute the request and name a point of contact."
        }
        return text
    }
}
