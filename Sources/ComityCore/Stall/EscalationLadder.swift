/// Where a request stands on the escalation ladder: the next letter to the counterpart, and
/// the meeting it follows up when the request was raised at one.
///
/// Only letters sent to the counterpart climb it: an internal brief (talking points) does not.
/// After a meeting at which the request was raised, the ladder starts again from a note
/// verbale citing the meeting, not from the bottom rung. A talking point is never a rung the
/// ladder reaches by itself: it is recommended only for a meeting in the look-ahead window, so
/// the top letter without one is the ministerial letter, sent again as needed.
struct EscalationLadder: Sendable {
    var step: EscalationStep
    /// The last engagement at which the request was raised.
    var meeting: MeetingRecord?
    /// True when the ladder stands at its top letter and a leaders' meeting is what is left.
    var atTop: Bool

    init(dossier: Dossier) {
        let meeting = dossier.lastRaised
        let letters = dossier.letters.filter { letter in meeting.map { letter.date >= $0.outcome.date } ?? true }
        let next = letters.map(\.kind).max().map(\.next) ?? (meeting == nil ? .reminder : .noteVerbale)
        self.meeting = meeting
        self.step = min(next, .ministerial)
        self.atTop = next == .talkingPoints
    }

    /// What to do, in a sentence fragment for reports.
    var advice: String {
        var text = step.action + (atTop ? " again" : "")
        if let meeting {
            let by = meeting.outcome.raisedBy
            let response = meeting.outcome.response.isEmpty ? "" : "; the response recorded: “\(meeting.outcome.response)”"
            text += ", following up on \(meeting.englishPhrase), at which \(by) raised it\(response)"
        }
        if atTop {
            text += "; no meeting with the counterpart at which to raise it is recorded in the look-ahead window (record one with 'comity engagement add')"
        }
        return text
    }
}
