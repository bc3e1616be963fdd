/// The line a delegation holds on a request that came to us, should the counterpart raise it.
///
/// It is never "raise our request": it says what the counterpart asked and when, where the
/// request stands with us (our replies, our clock), and what the delegation can say, all from
/// the record. Drafted in English: the brief is written in English, and no letter carries it
/// (the ladder, and its talking-points letter, is for the requests we send).
extension TalkingPoint {
    static func defensiveLine(for a: Assessment) -> String {
        let them = a.counterpartName
        let asOf = a.sentDate.adding(days: a.daysSinceSent)
        var sentences = ["\(them) may raise its request of \(a.sentDate.longEnglish) (\(a.reference)): \(a.subject)."]
        if let kind = a.lastReplyKind, let replied = a.lastReplyDate {
            let what = Phrasebook.english.talkingPoints.replyKinds[kind] ?? kind.phrase
            sentences.append("Our \(a.replyCount == 1 ? "only" : "last") reply to it, on \(replied.longEnglish), was \(what).")
        } else {
            sentences.append("We have not replied to it in \(dayCount(a.daysSinceSent)).")
        }
        if let due = a.responseDue {
            sentences.append(a.isOverdue
                ? "Our answer was due on \(due.longEnglish), \(dayCount(due.days(until: asOf))) ago."
                : "Our answer is due by \(due.longEnglish).")
        }
        var line: String
        switch a.state {
        case .transmitted: line = "confirm that we received it on \(a.sentDate.longEnglish)"
        case .acknowledged: line = "say that it is under assessment"
        case .underExecution: line = "say that it is being executed"
        case .partiallyExecuted: line = "say that part of it has been executed and the rest is being executed"
        case .postponed: line = "say that its execution is postponed"
        case .supplementRequested: line = "say that we await the further information we asked \(them) for"
        case .conditionsProposed: line = "say that we await \(them)'s answer to the conditions we proposed"
        case .drafted, .inClearance, .executed, .refused, .withdrawn, .lapsed, .returned: line = "say that it is closed"
        }
        if a.ballWith == .us { line += ", and commit to no date that has not been agreed internally" }
        sentences.append("If it is raised, \(line).")
        return sentences.joined(separator: " ")
    }
}
