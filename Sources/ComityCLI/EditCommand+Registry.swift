import ArgumentParser
import Comity

/// Corrections of parties, authorities, legal bases, cases and engagements.
struct EditParty: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "party", abstract: "Correct a state's names.")
    @OptionGroup var edit: EditOptions
    @Argument(help: "ISO 3166-1 alpha-2 code.") var code: String
    @Option(help: "Short name.") var name: String?
    @Option(help: "Formal name used in letters.") var formalName: String?
    @Option(help: "Formal name in Japanese letters.") var nameJa: String?

    func run() throws {
        var fields = FieldEdits<Party>(clearing: edit.clearing)
        fields.set(\.name, name)
        fields.set(\.formalName, formalName)
        try fields.translate(.name, nameJa, clear: "name-ja")
        try edit.apply("party", fields, translating: (.party, code.uppercased())) { desk, reason, change in try desk.editParty(code, reason: reason, change) }
    }
}

struct EditAuthority: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "authority", abstract: "Correct an authority.")
    @OptionGroup var edit: EditOptions
    @Argument(help: "The authority's id.") var id: String
    @Option(help: "The state it belongs to (ISO code).") var party: String?
    @Option(help: "Its full name.") var name: String?
    @Option(help: ArgumentHelp("Its role: \(AuthorityRole.choices).")) var role: String?
    @Option(help: "Its name in Japanese letters.") var nameJa: String?
    @Option(help: "The city it sits in.") var city: String?
    @Option(help: "For an embassy or liaison: the state it is posted to.") var postedTo: String?
    @OptionGroup var head: HeadOptions

    func run() throws {
        var fields = FieldEdits<Authority>(clearing: edit.clearing)
        fields.set(\.party, try party.map { try Party.validCode($0) })
        fields.set(\.name, name)
        fields.set(\.role, try role.map { try AuthorityRole.parse($0, field: "role") })
        try fields.translate(.name, nameJa, clear: "name-ja")
        try fields.set(\.city, city, clear: "city")
        try fields.set(\.postedTo, try postedTo.map { try Party.validCode($0) }, clear: "posted-to")
        try fields.set(\.head.title, head.headTitle, clear: "head-title")
        try fields.set(\.head.name, head.headName, clear: "head-name")
        try fields.translate(.headTitle, head.headTitleJa, clear: "head-title-ja")
        try fields.translate(.headName, head.headNameJa, clear: "head-name-ja")
        try edit.apply("authority", fields, translating: (.authority, id)) { desk, reason, change in try desk.editAuthority(id, reason: reason, change) }
    }
}

struct EditBasis: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "basis", abstract: "Correct a legal basis and the parties it binds.")
    @OptionGroup var edit: EditOptions
    @Argument(help: "The legal basis id.") var id: String
    @Option(help: "The instrument's name.") var instrument: String?
    @Option(help: "The instrument's name in Japanese letters.") var instrumentJa: String?
    @Option(help: ArgumentHelp("Its kind: \(LegalBasisKind.choices).")) var kind: String?
    @Option(help: "Response period, e.g. '30 calendar' or '20 working'.") var period: String?
    @Option(name: .customLong("party"), help: ArgumentHelp("A party bound and from when, CC:YYYY-MM-DD (added, or its date corrected); repeat for each.", valueName: "CC:date"))
    var parties: [String] = []
    @Option(name: .customLong("drop-party"), help: ArgumentHelp("A party recorded by mistake as bound; repeat for each.", valueName: "CC"))
    var dropped: [String] = []
    @Option var note: String?

    func run() throws {
        let bindings = try parties.map(BasisCommand.binding)
        let drops = try dropped.map { try Party.validCode($0) }
        var fields = FieldEdits<LegalBasis>(clearing: edit.clearing)
        fields.set(\.instrument, instrument)
        try fields.translate(.instrument, instrumentJa, clear: "instrument-ja")
        fields.set(\.kind, try kind.map { try LegalBasisKind.parse($0, field: "kind") })
        try fields.set(\.responsePeriod, try period.map { try Period(parsing: $0) }, clear: "period")
        fields.change(if: !bindings.isEmpty || !drops.isEmpty) { basis in
            basis.parties.removeAll { binding in drops.contains(binding.party) || bindings.contains { $0.party == binding.party } }
            basis.parties += bindings
        }
        fields.set(\.note, note)
        try edit.apply("basis", fields, translating: (.basis, id)) { desk, reason, change in try desk.editBasis(id, reason: reason, change) }
    }
}

struct EditCase: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "case", abstract: "Correct an investigation.")
    @OptionGroup var edit: EditOptions
    @Argument(help: "The case id.") var id: String
    @Option var title: String?
    @Option(help: "The authority leading the investigation.") var lead: String?
    @Option var offence: String?
    @Option(help: ArgumentHelp("When the incident began: 2011-08-11, 2011-08 or 2011.", valueName: "date"),
            transform: DateArgument.reported) var incident: ReportedDate?
    @Option(help: ArgumentHelp("When it was discovered: 2011-08-11, 2011-08 or 2011.", valueName: "date"),
            transform: DateArgument.reported) var discovered: ReportedDate?
    @Option(help: "When the limitation period runs out.", transform: DateArgument.parse) var limitation: CalendarDate?
    @Option(help: ArgumentHelp("\(Classification.choices).")) var classification: String?
    @Option var note: String?

    func run() throws {
        var fields = FieldEdits<Case>(clearing: edit.clearing)
        fields.set(\.title, title)
        fields.set(\.leadAuthority, lead)
        fields.set(\.offence, offence)
        try fields.set(\.incidentDate, incident, clear: "incident")
        fields.set(\.discoveryDate, discovered)
        try fields.set(\.limitationDate, limitation, clear: "limitation")
        fields.set(\.classification, try classification.map { try Classification.parse($0, field: "classification") })
        fields.set(\.note, note)
        try edit.apply("case", fields) { desk, reason, change in try desk.editCase(id, reason: reason, change) }
    }
}

struct EditEngagement: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "engagement", abstract: "Correct a meeting or summit as recorded (to move it, see 'engagement reschedule').")
    @OptionGroup var edit: EditOptions
    @Argument(help: "The engagement id.") var id: String
    @Option(help: "The counterpart state (ISO code).") var counterpart: String?
    @Option(transform: DateArgument.parse) var start: CalendarDate?
    @Option(help: "Last day.", transform: DateArgument.parse) var end: CalendarDate?
    @Option(help: ArgumentHelp("\(EngagementLevel.choices).")) var level: String?
    @Option var title: String?
    @Option var place: String?
    @Option var note: String?

    func run() throws {
        var fields = FieldEdits<Engagement>(clearing: edit.clearing)
        fields.set(\.counterpart, try counterpart.map { try Party.validCode($0) })
        fields.set(\.startDate, start)
        fields.set(\.endDate, end)
        fields.set(\.level, try level.map { try EngagementLevel.parse($0, field: "level") })
        fields.set(\.title, title)
        fields.set(\.place, place)
        fields.set(\.note, note)
        try edit.apply("engagement", fields) { desk, reason, change in try desk.editEngagement(id, reason: reason, change) }
    }
}
