extension StallEngine {
    /// The next step on a request that came to us: internal work, never a letter climbing a
    /// ladder. We acknowledge it, assign it, chase the agency executing it, answer, or explain a
    /// refusal; the reply letter the step needs comes with it.
    static func ourStep(
        _ dossier: Dossier, state: RequestState, engagement: Assessment.EngagementNote?, responseDue: CalendarDate?, stalled: Bool
    ) -> (String, ReplyLetter?) {
        let them = Self.withArticle(dossier.fromAuthorityName)
        let grounds = dossier.basisName.map { "the grounds \(Self.withArticle($0)) allows" } ?? "the grounds for it"
        let due = responseDue.map { stalled ? "; our answer was due \($0.iso)" : "; our answer is due \($0.iso)" } ?? ""
        var step: String
        var letter: ReplyLetter?
        switch state {
        case .transmitted:
            step = "acknowledge receipt to \(them) (\(ReplyLetter.acknowledgement.phrase)) and assign the request to an executing agency"
            letter = .acknowledgement
        case .acknowledged:
            step = "assign the request to an executing agency and decide: execute it, ask \(them) for what is missing ("
                + "\(ReplyLetter.supplementRequest.phrase)), or refuse it, giving \(grounds) (the refusal letter)"
        case .underExecution:
            step = "chase the executing agency, and send \(them) what is done so far (\(ReplyLetter.partialExecution.phrase)) or all of it (\(ReplyLetter.execution.phrase))"
            letter = stalled ? .partialExecution : nil
        case .partiallyExecuted:
            step = "chase the executing agency for the rest, and send \(them) the full results (\(ReplyLetter.execution.phrase))"
            letter = stalled ? .execution : nil
        case .postponed:
            step = "resume the execution, or tell \(them) why it stays postponed and until when"
        case .supplementRequested:
            return ("wait for the further information we asked \(them) for; our response clock stands still until it arrives", nil)
        case .conditionsProposed:
            return ("wait for the answer of \(them) to the conditions we proposed; execute the request once they accept them", nil)
        case .drafted, .inClearance, .executed, .refused, .withdrawn, .lapsed, .returned:
            return ("nothing: the request is not open with us", nil)
        }
        step += due
        if let e = engagement, stalled {
            // Reciprocity is the first thing the other side raises: the delegation must know.
            step += "; settle it before \(e.title) (\(e.startDate.longEnglishSpan(to: e.endDate)), in \(dayCount(e.daysUntil))), "
                + "where \(dossier.counterpart.name) may raise it, or brief the delegation on why it is still open"
        }
        return (step, letter)
    }

    /// An institution's name as the middle of a sentence reads it: "the Ministry of Public
    /// Security", "the Treaty between …"; a name that brings its own article keeps it.
    static func withArticle(_ name: String) -> String {
        name.hasPrefix("The ") || name.hasPrefix("the ") ? name : "the " + name
    }
}
