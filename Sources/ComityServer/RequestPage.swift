import Comity

/// A request's page: its record, its clocks with their explanations, its timeline, replies,
/// letters, and the forms its state allows.
enum RequestPage {
    /// Everything the page shows, read in one go from the desk.
    static func values(_ desk: Desk, _ reference: String) throws -> (values: [String: Any], mark: Classification) {
        let today = desk.clerk.today
        let detail = try desk.requestDetail(reference)
        let request = detail.request
        let assessment = try desk.runningClocks(of: reference, asOf: today)
        let history = try desk.history(of: reference)
        let letters = try desk.letters(of: reference)
        let way = detail.direction
        let incoming = way == .incoming
        let mark = ([request.classification] + detail.replies.map(\.classification) + letters.shown.map(\.classification)).max() ?? .unclassified
        let values: [String: Any] = [
            "request": PageRenderer.plain(request),
            "reference": request.reference,
            "stateName": request.state.name(for: way),
            "incoming": incoming,
            "sentLabel": incoming ? "Received" : "Sent",
            "items": request.items,
            "replies": detail.replies.map { reply in
                (PageRenderer.plain(reply) as? [String: Any] ?? [:]).merging(["kindTitle": reply.kind.rawValue]) { $1 }
            },
            "hasReplies": !detail.replies.isEmpty,
            "noClocks": assessment == nil ? "It runs no clocks: it is \(request.state.name(for: way))\(request.sentDate == nil ? " and not sent" : "")." : false,
            "clocks": (assessment?.clocks ?? []).map { clock in
                [
                    "title": clock.title, "status": clock.status.rawValue, "due": clock.due?.iso ?? "—", "start": clock.start?.iso ?? "—",
                    "rule": clock.rule, "explanation": clock.explanation,
                    "daysLeft": clock.daysLeft.map { $0 >= 0 ? "in \(dayCount($0))" : "passed \(dayCount(-$0)) ago" } ?? "",
                ] as [String: Any]
            },
            "stall": assessment.map { a in
                [
                    "stalled": a.isStalled, "category": a.category?.title ?? "Not stalled",
                    "severity": a.severity?.rawValue ?? false, "ballWith": a.ballWith.rawValue, "nextStep": a.nextStep,
                ] as [String: Any]
            } ?? false,
            "timeline": history.map(Plain.event),
            "letters": letters.shown.map { PageRenderer.plain($0) },
            "hasLetters": !letters.shown.isEmpty,
            "lettersWithheld": letters.withheld > 0 ? letters.withheld : false,
            "moves": detail.allowedMoves.map { ["value": $0.rawValue, "name": $0.name(for: way)] },
            "mayMove": !detail.allowedMoves.isEmpty,
            "replyKinds": ReplyKind.allCases.map(\.rawValue),
            // A follow-up chases a request we sent; on one that came to us we answer instead.
            "followUpKinds": EscalationStep.allCases.map(\.rawValue),
            "mayFollowUp": !incoming,
            // A reply is restricted unless said otherwise, as on the command line.
            "classifications": Classification.allCases.filter { $0 <= desk.clearance }.map { level in
                ["name": level.rawValue, "selected": level == .restricted] as [String: Any]
            },
            "letterKinds": try desk.letterKinds(of: request.reference).map(\.rawValue),
            "today": today.iso,
            "correction": try CorrectionForm.values(desk, request.reference),
        ]
        return (values, mark)
    }
}

extension RequestPage {
    /// The request page as a form taker shows it: afresh, or again after a refused form with its
    /// sentence beside the field and the values as they were sent.
    static func renderer(_ pages: PageRenderer, _ context: DeskContext, _ reference: String) -> @Sendable (Desk, FormRefusal?) throws -> String {
        let identity = context.identity
        return { desk, refusal in
            guard let identity else { throw WebError.signInRequired }
            var (values, mark) = try RequestPage.values(desk, reference)
            if let refusal {
                values["refusal"] = refusal.valuesForPage
                if refusal.form == "correction" {
                    values["correction"] = try CorrectionForm.values(desk, reference, chosen: refusal.values)
                }
            }
            return try pages.render("request", Layout.context(title: "Request \(reference)", signedIn: identity, mark: mark, extra: values))
        }
    }
}

/// "1 day", "5 days".
func dayCount(_ days: Int) -> String { days == 1 ? "1 day" : "\(days) days" }
