@_spi(Worlds) import Comity
import GRDB

/// Cases and requests of a synthetic world, each lived through from transmission (or receipt) to today.
extension SyntheticBuilder {
    /// One thing that happens to a request, in order.
    enum Step {
        case reply(ReplyKind, CalendarDate, promised: CalendarDate?, grounds: [RefusalGround], path: [RequestState])
        case move(CalendarDate, RequestState, note: String)
        case followUp(CalendarDate, EscalationStep)
    }

    /// Reply kinds counterparts send, by the state the request is in.
    static let replyMix: [RequestState: [(ReplyKind, Double)]] = [
        .transmitted: [(.acknowledgement, 50), (.nonCommittal, 15), (.interimStatus, 5), (.supplementRequest, 8), (.refusal, 5),
                       (.fullResults, 7), (.premiseRejected, 4), (.postponement, 3), (.conditionalOffer, 3)],
        .acknowledged: [(.interimStatus, 25), (.nonCommittal, 10), (.supplementRequest, 12), (.partialResults, 12), (.fullResults, 25),
                        (.postponement, 5), (.conditionalOffer, 3), (.refusal, 5), (.premiseRejected, 3)],
        .underExecution: [(.interimStatus, 35), (.partialResults, 25), (.fullResults, 30), (.refusal, 5), (.nonCommittal, 5)],
        .partiallyExecuted: [(.partialResults, 30), (.fullResults, 50), (.interimStatus, 20)],
    ]

    mutating func requests(progress: (Int, Int) -> Void) throws {
        let insertCase = try db.makeStatement(sql: """
            INSERT INTO case_file (id, title, lead_authority, offence, incident_date, discovery_date, limitation_date, classification, note)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, '')
            """)
        let insertRequest = try db.makeStatement(sql: """
            INSERT INTO request (reference, case_id, from_authority, to_authority, channel, basis_id, subject, items, urgency,
                                 classification, sent_date, counterpart_reference, state, preserved_until, note)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')
            """)
        let encodedItems = SyntheticCatalogue.offences.map { o in [Comity.JSONColumn.encode(Array(o.items.prefix(2))), Comity.JSONColumn.encode(o.items)] }
        let span = start.days(until: world.today)
        var left = 0
        var caseID = ""
        var from = ""
        var offence = 0
        var target = ""
        var classification = Classification.unclassified
        var discovered = start
        for i in 0..<world.requests {
            if left == 0 {
                left = rng.int(1...6)
                from = world.ours
                offence = rng.int(0...(SyntheticCatalogue.offences.count - 1))
                target = rng.pick(SyntheticCatalogue.targets)
                discovered = start.adding(days: rng.int(0...max(0, span - 1)))
                let incident = discovered.adding(days: -rng.int(0...90))
                classification = rng.pick([(Classification.unclassified, 45.0), (.restricted, 30), (.confidential, 18), (.secret, 7)])
                caseID = "\(from)-\(discovered.year)-C\(i)"
                let o = SyntheticCatalogue.offences[offence]
                let limitation = rng.chance(0.4) ? incident.adding(days: 365 * rng.pick([5, 7, 10])) : nil
                try insertCase.execute(arguments: [
                    caseID, "\(o.title) \(target)", "\(from)-POL", o.name, incident, discovered, limitation, classification.rawValue,
                ])
                try log(.case, caseID, .created, on: discovered)
                summary.cases += 1
            }
            left -= 1
            let o = SyntheticCatalogue.offences[offence]
            var to = parties[rng.index(weights: counterpartWeights)]
            while to == from { to = parties[rng.index(weights: counterpartWeights)] }
            // One request in ten or so comes to us from the counterpart, under a case of ours.
            let incoming = rng.chance(world.incomingShare)
            let sent = min(world.today, discovered.adding(days: rng.gap(mean: 40, minimum: 0)))
            let channel = rng.pick([(Channel.centralAuthority, 50.0), (.police, 22), (.diplomatic, 8), (.interpol, 9),
                                    (.network247, o.cyber ? 10 : 0), (.leader, 1)])
            let office: String
            switch channel {
            case .centralAuthority: office = "MOJ"
            case .police: office = "POL"
            case .interpol: office = "NCB"
            case .network247: office = "247"
            case .diplomatic, .leader: office = "MFA"
            }
            var basis: String?
            let convention = o.cyber && budapest.contains(from) && budapest.contains(to) ? "BUDAPEST" : "UNTOC"
            if channel == .centralAuthority { basis = treaties["\(from)-\(to)"] ?? convention }
            if channel == .network247, convention == "BUDAPEST" { basis = convention }
            if let b = basis, !b.hasPrefix("MLAT"), sent.year < 2005 { basis = nil }
            let reference = "\(incoming ? to : from)-\(sent.year)-\(String(i + 1).leftPadded(to: 7))"
            let urgency = rng.pick([(Urgency.routine, 70.0), (.urgent, 25), (.immediate, 5)])
            let preserved = o.cyber && rng.chance(0.3) ? sent.adding(days: rng.int(90...365)) : nil
            let level = rng.chance(0.8) ? classification : .unclassified

            var theirs: String?
            let steps = lifetime(sent: sent, theirs: &theirs, counterpart: to, incoming: incoming)
            let state = steps.reduce(RequestState.transmitted) { state, step in
                switch step {
                case .reply(_, _, _, _, let path): return path.last ?? state
                case .move(_, let next, _): return next
                case .followUp: return state
                }
            }
            let subject = "\(o.subjects[i % o.subjects.count]) (\(target))"
            let (sender, recipient) = incoming ? ("\(to)-\(office)", "\(from)-\(office)") : ("\(from)-\(office)", "\(to)-\(office)")
            try insertRequest.execute(arguments: [
                reference, caseID, sender, recipient, channel.rawValue, basis, subject,
                encodedItems[offence][i % 2], urgency.rawValue, level.rawValue, sent, theirs, state.rawValue, preserved,
            ])
            try record(reference, sent: sent, steps: steps, responder: recipient, classification: level, from: from, to: to,
                       letterable: !incoming && basis != nil && theirs != nil, incoming: incoming)
            if i % 1000 == 999 { progress(i + 1, world.requests) }
        }
        progress(world.requests, world.requests)
    }

    /// What happens to a request sent (received) on `sent`, up to today. On one received, the
    /// replies are ours and nobody follows up from here.
    private mutating func lifetime(sent: CalendarDate, theirs: inout String?, counterpart: String, incoming: Bool) -> [Step] {
        var steps: [Step] = []
        var state = RequestState.transmitted
        var day = sent
        let budget = rng.int(0...6)
        var replies = 0
        while state.isOpen {
            if [.supplementRequested, .conditionsProposed, .postponed].contains(state) {
                day = day.adding(days: rng.gap(mean: 45, minimum: 2))
                guard day <= world.today, rng.chance(0.85) else { break }
                let note = state == .supplementRequested ? "further information sent" : state == .postponed ? "postponement ended" : "conditions accepted"
                steps.append(.move(day, .underExecution, note: note))
                state = .underExecution
                continue
            }
            guard replies < budget, let mix = Self.replyMix[state] else { break }
            let next = day.adding(days: rng.gap(mean: state == .transmitted ? 30 : 75, minimum: 3))
            guard next <= world.today else { break }
            day = next
            let kind = rng.pick(mix)
            let path = kind.impliedState(from: state).flatMap { state.path(to: $0) } ?? []
            let promised = kind == .interimStatus && rng.chance(0.3) ? day.adding(days: rng.int(30...90)) : nil
            let grounds = kind == .refusal ? [rng.pick(RefusalGround.allCases)] : []
            steps.append(.reply(kind, day, promised: promised, grounds: grounds, path: path))
            if theirs == nil, rng.chance(0.7) { theirs = "\(counterpart)/\(day.year)/\(rng.int(100...99_999))" }
            state = path.last ?? state
            replies += 1
        }
        guard state.isOpen else { return steps }
        if day.days(until: world.today) > 3 * 365, rng.chance(0.8) {
            steps.append(.move(day.adding(days: 3 * 365), rng.chance(0.7) ? .lapsed : .withdrawn, note: "no progress in three years"))
            return steps
        }
        guard !incoming, ![.supplementRequested, .conditionsProposed, .postponed].contains(state) else { return steps }
        var rung = EscalationStep.reminder
        for offset in [45, 100, 180].prefix(rng.int(0...3)) {
            let date = day.adding(days: offset)
            guard date <= world.today else { break }
            steps.append(.followUp(date, rung))
            rung = rung == .reminder ? .noteVerbale : .aideMemoire
        }
        return steps
    }

    /// Writes a request's replies, moves and follow-ups with the events the store would log.
    private mutating func record(_ reference: String, sent: CalendarDate, steps: [Step], responder: String,
                                 classification: Classification, from: String, to: String, letterable: Bool, incoming: Bool) throws {
        if incoming {
            // Recorded on the day it arrived, never drafted here, as the store records one received.
            try log(.request, reference, .created, on: sent)
            try log(.request, reference, .moved, on: sent, to: .transmitted, note: "recorded as received")
        } else {
            try log(.request, reference, .created, on: sent, to: .drafted)
            try log(.request, reference, .moved, on: sent, from: .drafted, to: .inClearance)
            try log(.request, reference, .moved, on: sent, from: .inClearance, to: .transmitted, note: "recorded as sent")
        }
        var state = RequestState.transmitted
        let letterChance = min(1, 25 / Double(max(1, world.letterEvery)))
        for (n, step) in steps.enumerated() {
            switch step {
            case let .reply(kind, date, promised, grounds, path):
                let id = try reply(reference, on: date, from: responder, kind: kind, promised: promised, grounds: grounds, classification: classification)
                try log(.request, reference, .reply, on: date, replyID: id, note: "\(kind.rawValue): \(SyntheticCatalogue.summary(kind))")
                for next in path {
                    try log(.request, reference, .moved, on: date, from: state, to: next, replyID: id,
                            note: "implied by the \(kind.phrase) of \(date.iso)")
                    state = next
                }
            case let .move(date, next, note):
                try log(.request, reference, .moved, on: date, from: state, to: next, note: note)
                state = next
            case let .followUp(date, kind):
                let last = n == steps.count - 1
                if last, letterable, world.today.days(until: date) > -730, rng.chance(letterChance), letterPossible(kind, from: from, to: to) {
                    pendingLetters.append(LetterSpec(reference: reference, kind: .escalation(kind), language: .en, format: rng.chance(0.7) ? .html : .xml, date: date))
                } else {
                    try followUp(reference, on: date, kind: kind)
                }
            }
        }
    }

    /// Whether the facts a letter of this kind needs exist (a reminder cites the counterpart's reference, a note goes through our embassy).
    private func letterPossible(_ kind: EscalationStep, from: String, to: String) -> Bool {
        switch kind {
        case .reminder: return true
        case .noteVerbale, .aideMemoire: return embassies.contains("\(from)-\(to)")
        default: return false
        }
    }

    /// Issues the letters chosen while recording, in date order, so each register runs in order.
    mutating func issueLetters(renderer: DocumentRenderer) throws {
        pendingLetters.sort { ($0.date, $0.reference) < ($1.date, $1.reference) }
        for spec in pendingLetters {
            // Issued, and so recorded, on the letter's own date, as a clerk would have.
            _ = try ComityStore.issueLetter(db, spec, renderer: renderer, by: Clerk(name: clerk.name, today: spec.date))
        }
    }
}
