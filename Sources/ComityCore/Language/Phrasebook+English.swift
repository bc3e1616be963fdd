import Foundation

extension Phrasebook {
    /// The English phrases of the stall report and brief, which are written in English and read
    /// no template folder's phrase file when they assess a request. The text is a copy of
    /// `templates/en/phrases.json`, kept identical by a test: edit both together.
    public static let english: Phrasebook = {
        do {
            return try Phrasebook(language: .en, data: Data(englishSource.utf8))
        } catch {
            fatalError("the built-in English phrases are malformed: \(error)")
        }
    }()

    /// The text of `templates/en/phrases.json`.
    package static let englishSource = #"""
{
  "language": "English",
  "calendar": "gregorian",
  "months": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  "dates": {
    "day": "{day} {month} {year}",
    "month": "{month} {year}",
    "year": "{year}",
    "range": {
      "sameMonth": "{day}–{toDay} {month} {year}",
      "sameYear": "{day} {month} – {toDay} {toMonth} {year}",
      "other": "{from} – {to}"
    }
  },
  "pluralOne": [1],
  "days": {"one": "{n} day", "other": "{n} days"},
  "kinds": {
    "reminder": "Working-level reminder",
    "note-verbale": "Note verbale",
    "aide-memoire": "Aide-mémoire",
    "ministerial": "Ministerial letter",
    "talking-points": "Talking points",
    "acknowledgement": "Acknowledgement of receipt",
    "supplement-request": "Request for supplementary information",
    "partial-execution": "Partial execution",
    "execution": "Execution of the request",
    "refusal": "Refusal of assistance"
  },
  "marks": {
    "unclassified": "UNCLASSIFIED",
    "restricted": "RESTRICTED",
    "confidential": "CONFIDENTIAL",
    "secret": "SECRET"
  },
  "replies": {
    "acknowledgement": "acknowledgement",
    "non-committal": "non-committal reply",
    "interim-status": "interim status report",
    "supplement-request": "request for further information",
    "partial-results": "partial results",
    "full-results": "full results",
    "postponement": "postponement",
    "conditional-offer": "conditional offer",
    "refusal": "refusal",
    "premise-rejected": "rejection of the premise"
  },
  "refusalGrounds": {
    "sovereignty-security-public-order": "the request, if granted, would prejudice the sovereignty, security, public order or other essential public interests of the requested State",
    "political-offence": "the offence is regarded by the requested State as being of a political nature",
    "dual-criminality": "the act to which the request relates would not be an offence under the laws of the requested State",
    "discrimination": "there are substantial grounds for believing that the request has been made for the purpose of prosecuting a person on account of that person's race, sex, religion, nationality, ethnic origin or political opinions, or that that person's position may be prejudiced for any of those reasons",
    "non-conformity": "the request does not conform to the requirements of the applicable instrument as to its form and contents",
    "other": "other grounds, as set out in this letter"
  },
  "hardLimits": {
    "preservation": "data preserved for this request will be deleted",
    "limitation": "the limitation period of the investigation runs out"
  },
  "categories": {
    "hard-limit-passed": "Hard limit passed",
    "hard-limit-approaching": "Hard limit approaching",
    "promise-broken": "Promise broken",
    "premise-rejected": "Premise rejected",
    "non-committal": "Non-committal",
    "supplement-loop": "Supplement loop (blocked on us)",
    "postponed": "Postponed",
    "no-acknowledgement": "No acknowledgement",
    "acknowledged-only": "Acknowledged only",
    "very-overdue": "Very overdue",
    "overdue": "Overdue"
  },
  "cities": {},
  "talkingPoints": {
    "joiner": " ",
    "raise": "Raise our request of {sent} ({reference}): {subject}.",
    "quoted": ": “{summary}”",
    "onlyReply": "only reply",
    "lastReply": "last reply",
    "nonCommittal": "{counterpart}'s {which}, on {date}, was non-committal{quoted}; nothing has followed in {silence}.",
    "premiseRejected": "On {date} {counterpart} rejected the premise of the request{quoted}; ask that the facts set out in the request be examined.",
    "acknowledged": "{counterpart} acknowledged it on {date} and has said nothing since ({silence}).",
    "otherReply": "{counterpart}'s {which} was {kind} on {date}{quoted}.",
    "replyKinds": {
      "acknowledgement": "an acknowledgement",
      "non-committal": "a non-committal reply",
      "interim-status": "an interim status report",
      "supplement-request": "a request for further information",
      "partial-results": "partial results",
      "full-results": "full results",
      "postponement": "a postponement",
      "conditional-offer": "a conditional offer",
      "refusal": "a refusal",
      "premise-rejected": "a rejection of the premise"
    },
    "notAcknowledged": "{counterpart} has not acknowledged it in {days}.",
    "noSubstantiveReply": "There has been no substantive reply.",
    "raised": "{raisedBy} raised it at {engagement} on {date}{response}.",
    "responseRecorded": " (response recorded: “{response}”)",
    "committed": "{counterpart} committed to: “{commitment}”{by}.",
    "commitmentBy": " by {date}",
    "limitPassed": "The time limit passed on {date} ({what}).",
    "limitApproaching": "Time is short: the {what} on {date}, in {days}.",
    "limitation": "limitation period of case {case} runs out",
    "preservation": "preserved data expire",
    "weOweNextStep": "We owe the next step; confirm it is on its way before raising it.",
    "askToExecute": "Ask that the {authority} execute the request and name a point of contact."
  },
  "index": {
    "title": "Follow-up letters of {date}",
    "letters": {"one": "{n} letter", "other": "{n} letters"},
    "issued": "{letters}, issued and entered in the register.",
    "drafts": "{letters}, drafts, not issued.",
    "withheld": {
      "one": "{n} stalled request above your clearance withheld: no letter written, not listed.",
      "other": "{n} stalled requests above your clearance withheld: no letter written, not listed."
    },
    "request": "Request",
    "letter": "Letter",
    "number": "Number",
    "sender": "Sender",
    "draft": "draft",
    "notWritten": "Not written",
    "reasons": {
      "ballWithUs": "the ball is with us: {advice}",
      "noLetterStep": "no letter is the next step: {advice}",
      "cannotProduce": "cannot produce the {kindLowercase} for {reference}; missing: {missing}",
      "alreadyFollowedUp": "already followed up: {kindLowercase}{number} of {date}, within the follow-up interval of {days}; the next is due on {due}",
      "followUpNumber": " {number}"
    }
  }
}
"""#
}
