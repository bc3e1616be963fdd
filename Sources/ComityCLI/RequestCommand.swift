import ArgumentParser
import Comity

struct RequestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request", abstract: "Requests for assistance we send abroad, and those that come to us.",
        subcommands: [Add.self, List.self, Show.self, Move.self, FollowUpCommand.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a request; with --sent it is recorded as transmitted on that date.",
            discussion: """
            A request we send goes from one of our authorities to one of theirs. A request that \
            comes to us goes from one of theirs to one of ours (the desk's state is the setting \
            our-state): it is recorded as received on the day --received gives, under a case of ours.
            """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Our reference, unique.") var reference: String
        @Option(name: .customLong("case")) var caseID: String
        @Option(help: "The sending authority (ours; theirs for a request that comes to us).") var from: String
        @Option(help: "The requested authority (theirs; ours for a request that comes to us).") var to: String
        @Option(help: ArgumentHelp("\(Channel.choices).")) var channel: String
        @Option(help: "The legal basis id.") var basis: String?
        @Option var subject: String
        @Option(help: "The subject as Japanese letters quote it: a shorthand for 'translate request REF --lang ja --subject'.") var subjectJa: String?
        @Option(name: .customLong("item"), help: "An item of assistance sought; repeat for each.") var items: [String] = []
        @Option(help: ArgumentHelp("\(Urgency.choices).")) var urgency: String = "routine"
        @Option(help: ArgumentHelp("\(Classification.choices).")) var classification: String = "restricted"
        @Option(help: "When it was sent.", transform: DateArgument.parse) var sent: CalendarDate?
        @Option(help: "When a request that comes to us was received.", transform: DateArgument.parse) var received: CalendarDate?
        @Option(name: .customLong("their-ref"), help: "The counterpart's reference.") var theirReference: String?
        @Option(help: "When preserved data will be deleted.", transform: DateArgument.parse) var preservedUntil: CalendarDate?
        @Option var note: String = ""

        func validate() throws {
            if sent != nil && received != nil {
                throw ValidationError("--sent is for a request we send and --received for one that comes to us; give one of them")
            }
        }

        func run() throws {
            let request = Request(
                reference: reference, caseID: caseID, fromAuthority: from, toAuthority: to,
                channel: try Channel.parse(channel, field: "channel"), basisID: basis, subject: subject, items: items,
                urgency: try Urgency.parse(urgency, field: "urgency"),
                classification: try Classification.parse(classification, field: "classification"),
                sentDate: sent ?? received, counterpartReference: theirReference, preservedUntil: preservedUntil, note: note)
            let japanese = try JapaneseShorthand.checked(.request, reference, setting: [.subject: subjectJa])
            let desk = try global.openDesk()
            let stored = try desk.addRequest(request)
            _ = try JapaneseShorthand.record(desk, .request, reference, japanese)
            Output.line("recorded request \(reference), now \(stored.state.name(for: try desk.direction(of: stored)))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List requests.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListOptions
        @Option(name: .customLong("case")) var caseID: String?
        @Option(help: "Only requests to or from this state.") var counterpart: String?
        @Option(help: "Only requests in this state.") var state: String?
        @Flag(help: "Only requests not yet in a final state.") var open = false
        @Flag(help: "Only stalled requests, one line each, with why and what next.") var stalled = false
        @Option(help: "With --stalled: the date to judge as of (default: today).", transform: DateArgument.parse) var asOf: CalendarDate?
        @OptionGroup var clearance: ClearanceOption

        func validate() throws {
            if !stalled && asOf != nil { throw ValidationError("--as-of needs --stalled") }
            if stalled && (state != nil || open) { throw ValidationError("--stalled lists open requests already; leave out --state and --open") }
        }

        func run() throws {
            if stalled { return try listStalled() }
            let desk = try global.openDesk(clearance)
            let (requests, withheld) = try desk.requests(
                case: caseID, counterpart: counterpart,
                state: try state.map { try RequestState.parseEitherWay($0, field: "state") }, openOnly: open)
            defer { if withheld > 0 { Output.noteLine("\(withheld) request(s) above your clearance withheld") } }
            switch list.format {
            case .json: try Output.json(requests)
            case .text:
                let incoming = try desk.incoming(among: requests)
                if incoming.isEmpty {
                    Output.table(["REFERENCE", "CASE", "TO", "SENT", "STATE", "SUBJECT"], requests.map { r in
                        [r.reference, r.caseID, r.toAuthority, r.sentDate?.iso ?? "-", r.state.rawValue, r.subject]
                    })
                } else {
                    // Both ways: the other end, and the day it was sent or received.
                    Output.table(["REFERENCE", "CASE", "WAY", "COUNTERPART", "SENT/RECEIVED", "STATE", "SUBJECT"], requests.map { r in
                        let came = incoming.contains(r.reference)
                        return [r.reference, r.caseID, came ? "in" : "out", came ? r.fromAuthority : r.toAuthority, r.sentDate?.iso ?? "-",
                                r.state.name(for: came ? .incoming : .outgoing), r.subject]
                    })
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a request with its replies.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListOptions
        @Argument var reference: String
        @Flag(help: "Explain every clock: start, rule, days counted, holidays skipped.") var explain = false
        @Option(help: "With --explain: the date to compute the clocks as of (default: today).", transform: DateArgument.parse) var asOf: CalendarDate?
        @OptionGroup var asRecorded: AsRecordedOption
        @OptionGroup var clearance: ClearanceOption

        func validate() throws {
            if asRecorded.day != nil && !explain { throw ValidationError("--as-recorded goes with --explain") }
        }

        func run() throws {
            if explain { return try showClocks() }
            let desk = try global.openDesk(clearance)
            let detail = try desk.requestDetail(reference)
            let (r, replies, outcomes, way) = (detail.request, detail.replies, detail.outcomes ?? [], detail.direction)
            switch list.format {
            case .json:
                try Output.json(detail)
            case .text:
                let incoming = way == .incoming
                Output.fields([
                    ("reference", r.reference), ("direction", incoming ? "incoming: it came to us, and we owe the answer" : nil),
                    ("case", r.caseID), ("from", r.fromAuthority), ("to", r.toAuthority),
                    ("channel", r.channel.rawValue), ("basis", r.basisID), ("subject", r.subject),
                    ("urgency", r.urgency.rawValue), ("classification", r.classification.rawValue),
                    (incoming ? "received" : "sent", r.sentDate?.iso), ("their ref", r.counterpartReference), ("state", r.state.name(for: way)),
                    ("allowed moves", r.state.allowedMoves.map { $0.name(for: way) }.joined(separator: ", ")),
                    ("preserved until", r.preservedUntil?.iso), ("note", r.note.isEmpty ? nil : r.note),
                ])
                if !r.items.isEmpty {
                    Output.numbered("assistance sought", r.items)
                }
                if !replies.isEmpty {
                    Output.write("\n")
                    Output.table([incoming ? "OUR REPLY" : "REPLY", "DATE", "KIND", "FROM", "SUMMARY"], replies.map { p in
                        [String(p.id ?? 0), p.date.iso, p.kind.rawValue, p.fromAuthority ?? "-", p.summary]
                    })
                }
                if !outcomes.isEmpty {
                    Output.write("\n")
                    EngagementCommand.outcomeTable(outcomes, first: "ENGAGEMENT") { $0.engagementID }
                }
            }
        }
    }


    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move a request to another state.")
        @OptionGroup var global: GlobalOptions
        @Argument var reference: String
        @Argument(help: ArgumentHelp("The new state: \(RequestState.choices).")) var state: String
        @Option(help: "When it happened.", transform: DateArgument.parse) var on: CalendarDate
        @Option var note: String = ""

        func run() throws {
            let target = try RequestState.parseEitherWay(state, field: "state")
            let desk = try global.openDesk()
            let before = try desk.move(reference, to: target, on: on, note: note)
            let way = try desk.direction(of: desk.request(reference).request)
            Output.line("moved \(reference) from \(before.name(for: way)) to \(target.name(for: way)) on \(on.iso)")
        }
    }
}
