import ArgumentParser
import Comity
import Foundation

/// Corrections of requests, replies and follow-ups.
struct EditRequest: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "request", abstract: "Correct a request (not its state: see 'request move').")
    @OptionGroup var edit: EditOptions
    @Argument(help: "The request's reference.") var reference: String
    @Option(name: .customLong("case")) var caseID: String?
    @Option(help: "The sending authority (ours).") var from: String?
    @Option(help: "The requested authority (theirs).") var to: String?
    @Option(help: ArgumentHelp("\(Channel.choices).")) var channel: String?
    @Option(help: "The legal basis id.") var basis: String?
    @Option var subject: String?
    @Option(help: "The subject as Japanese letters quote it (see 'translate').") var subjectJa: String?
    @Option(name: .customLong("item"), help: "An item of assistance sought; repeat for each (replaces them all).") var items: [String] = []
    @Option(help: ArgumentHelp("\(Urgency.choices).")) var urgency: String?
    @Option(help: ArgumentHelp("\(Classification.choices).")) var classification: String?
    @Option(help: "When it was sent.", transform: DateArgument.parse) var sent: CalendarDate?
    @Option(name: .customLong("their-ref"), help: "The counterpart's reference.") var theirReference: String?
    @Option(help: "When preserved data will be deleted.", transform: DateArgument.parse) var preservedUntil: CalendarDate?
    @Option var note: String?

    func run() throws {
        var fields = FieldEdits<Request>(clearing: edit.clearing)
        fields.set(\.caseID, caseID)
        fields.set(\.fromAuthority, from)
        fields.set(\.toAuthority, to)
        fields.set(\.channel, try channel.map { try Channel.parse($0, field: "channel") })
        try fields.set(\.basisID, basis, clear: "basis")
        fields.set(\.subject, subject)
        try fields.translate(.subject, subjectJa, clear: "subject-ja")
        fields.set(\.items, items.isEmpty ? nil : items)
        fields.set(\.urgency, try urgency.map { try Urgency.parse($0, field: "urgency") })
        fields.set(\.classification, try classification.map { try Classification.parse($0, field: "classification") })
        try fields.set(\.sentDate, sent, clear: "sent")
        try fields.set(\.counterpartReference, theirReference, clear: "their-ref")
        try fields.set(\.preservedUntil, preservedUntil, clear: "preserved-until")
        fields.set(\.note, note)
        try edit.apply("request", fields, translating: (.request, reference)) { desk, reason, change in try desk.editRequest(reference, reason: reason, change) }
    }
}

struct EditReply: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reply", abstract: "Correct a reply.")
    @OptionGroup var edit: EditOptions
    @Argument(help: "The reply's number (see 'reply list REF').") var id: Int64
    @Option(help: "The reply's date.", transform: DateArgument.parse) var on: CalendarDate?
    @Option(help: ArgumentHelp("\(ReplyKind.choices).")) var kind: String?
    @Option var summary: String?
    @Option(help: "The summary in Japanese, as Japanese letters quote it (see 'translate').") var summaryJa: String?
    @Option(help: "The replying authority.") var from: String?
    @Option(help: "A date the counterpart promised something by.", transform: DateArgument.parse) var promised: CalendarDate?
    @Option(help: ArgumentHelp("Refusal grounds, comma-separated: \(RefusalGround.choices).")) var grounds: String?
    @Option(help: ArgumentHelp("\(Classification.choices).")) var classification: String?

    func run() throws {
        var fields = FieldEdits<Reply>(clearing: edit.clearing)
        fields.set(\.date, on)
        fields.set(\.kind, try kind.map { try ReplyKind.parse($0, field: "reply kind") })
        fields.set(\.summary, summary)
        try fields.translate(.summary, summaryJa, clear: "summary-ja")
        try fields.set(\.fromAuthority, from, clear: "from")
        try fields.set(\.promisedDate, promised, clear: "promised")
        fields.set(\.refusalGrounds, try grounds.map { text in
            try text.split(separator: ",").map { try RefusalGround.parse($0.trimmingCharacters(in: .whitespaces), field: "refusal ground") }
        })
        fields.set(\.classification, try classification.map { try Classification.parse($0, field: "classification") })
        try edit.apply("reply", fields, translating: (.reply, String(id))) { desk, reason, change in try desk.editReply(id: id, reason: reason, change) }
    }
}

struct EditFollowUp: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "follow-up", abstract: "Correct a follow-up recorded on a request.")
    @OptionGroup var edit: EditOptions
    @Argument(help: "The follow-up's number (see 'history REF').") var id: Int64
    @Option(help: "When it was sent.", transform: DateArgument.parse) var on: CalendarDate?
    @Option(help: ArgumentHelp("\(EscalationStep.choices).")) var kind: String?
    @Option(name: .customLong("number"), help: "Its number, e.g. 'NV-2011-0042'.") var number: String?
    @Flag(inversion: .prefixedNo, help: "Whether the request itself was sent again (restarting its response clock).") var resend: Bool?
    @Option var note: String?

    func run() throws {
        var fields = FieldEdits<FollowUp>(clearing: edit.clearing)
        fields.set(\.date, on)
        fields.set(\.kind, try kind.map { try EscalationStep.parse($0, field: "follow-up kind") })
        fields.set(\.reference, number)
        fields.set(\.restartsClock, resend)
        fields.set(\.note, note)
        try edit.apply("follow-up", fields) { desk, reason, change in try desk.editFollowUp(id: id, reason: reason, change) }
    }
}

struct EditOutcome: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcome", abstract: "Correct what came of a request at an engagement (its number: see 'engagement show ID').")
    @OptionGroup var edit: EditOptions
    @Argument(help: "The outcome's number.") var id: Int64
    @Option(help: "The day of the engagement on which it came up.", transform: DateArgument.parse) var on: CalendarDate?
    @Flag(inversion: .prefixedNo, help: "Whether it was raised.") var raised: Bool?
    @Option(help: "Who raised it.") var by: String?
    @Option(help: "The counterpart's response, in its own words.") var response: String?
    @Option(help: "What the counterpart committed to.") var commitment: String?
    @Option(help: "When the commitment is to be kept by.", transform: DateArgument.parse) var commitmentDate: CalendarDate?
    @Option var note: String?

    func run() throws {
        var fields = FieldEdits<EngagementOutcome>(clearing: edit.clearing)
        fields.set(\.date, on)
        fields.set(\.raised, raised)
        fields.set(\.raisedBy, by)
        fields.set(\.response, response)
        fields.set(\.commitment, commitment)
        try fields.set(\.commitmentDate, commitmentDate, clear: "commitment-date")
        fields.set(\.note, note)
        try edit.apply("outcome", fields) { desk, reason, change in try desk.editOutcome(id: id, reason: reason, change) }
    }
}
