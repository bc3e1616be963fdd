import ArgumentParser
import Comity

struct ReplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reply", abstract: "Counterparts' replies, and ours to the requests that come to us.", subcommands: [Add.self, List.self, Show.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a reply; the request moves where the reply puts it.",
            discussion: "On a request that came to us the reply is ours, from an authority of ours.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The request replied to.") var reference: String
        @Option(help: "The reply's date.", transform: DateArgument.parse) var on: CalendarDate
        @Option(help: ArgumentHelp("\(ReplyKind.choices).")) var kind: String
        @Option var summary: String
        @Option(name: .customLong("summary-ja"), help: "The summary in Japanese, for Japanese letters that quote the reply: a shorthand for 'translate reply N --lang ja --summary'.") var summaryJa: String?
        @Option(help: "The replying authority (ours, on a request that came to us).") var from: String?
        @Option(help: "A date the counterpart promised something by.", transform: DateArgument.parse) var promised: CalendarDate?
        @Option(help: ArgumentHelp("Refusal grounds, comma-separated: \(RefusalGround.choices).")) var grounds: String?
        @Option(name: .customLong("their-ref"), help: "The counterpart's reference, if the reply gives one.") var theirReference: String?
        @Option(help: ArgumentHelp("\(Classification.choices).")) var classification: String = "restricted"
        @Flag(help: "Record the reply without moving the request.") var keepState = false

        func run() throws {
            let reply = Reply(
                requestReference: reference, date: on, fromAuthority: from, kind: try ReplyKind.parse(kind, field: "reply kind"),
                summary: summary, promisedDate: promised,
                refusalGrounds: try (grounds ?? "").split(separator: ",").map {
                    try RefusalGround.parse($0.trimmingCharacters(in: .whitespaces), field: "refusal ground")
                },
                classification: try Classification.parse(classification, field: "classification"))
            let japanese = try JapaneseShorthand.checked(.reply, "0", setting: [.summary: summaryJa])
            let desk = try global.openDesk()
            let result = try desk.addReply(reply, counterpartReference: theirReference, keepState: keepState)
            _ = try JapaneseShorthand.record(desk, .reply, String(result.reply.id ?? 0), japanese)
            let way = try desk.direction(of: desk.request(reference).request)
            let moved = result.moves.isEmpty ? "state unchanged" : "now " + result.moves.last!.name(for: way)
            Output.line("recorded reply \(result.reply.id ?? 0) to \(reference) (\(moved))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a request's replies.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListOptions
        @Argument var reference: String
        @OptionGroup var clearance: ClearanceOption

        func run() throws {
            let replies = try global.openDesk(clearance).replies(to: reference)
            switch list.format {
            case .json: try Output.json(replies)
            case .text:
                Output.table(["ID", "DATE", "KIND", "FROM", "PROMISED", "SUMMARY"], replies.map { p in
                    [String(p.id ?? 0), p.date.iso, p.kind.rawValue, p.fromAuthority ?? "-", p.promisedDate?.iso ?? "-", p.summary]
                })
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one reply.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListOptions
        @Argument var id: Int64
        @OptionGroup var clearance: ClearanceOption

        func run() throws {
            let p = try global.openDesk(clearance).reply(id: id)
            switch list.format {
            case .json: try Output.json(p)
            case .text:
                Output.fields([
                    ("id", String(p.id ?? 0)), ("request", p.requestReference), ("date", p.date.iso), ("kind", p.kind.rawValue),
                    ("substantive", p.kind.isSubstantive ? "yes" : "no"), ("from", p.fromAuthority), ("summary", p.summary),
                    ("promised", p.promisedDate?.iso),
                    ("grounds", p.refusalGrounds.isEmpty ? nil : p.refusalGrounds.map(\.rawValue).joined(separator: ", ")),
                    ("classification", p.classification.rawValue),
                ])
            }
        }
    }
}
