import ArgumentParser
import Comity

struct BasisCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "basis", abstract: "Legal bases: treaties, conventions, reciprocity.",
        subcommands: [Add.self, List.self, Show.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a legal basis and the parties it binds.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A short handle, e.g. JP-CN-MLAT.") var id: String
        @Option(help: "The instrument's name.") var instrument: String
        @Option(help: "The instrument's name in Japanese letters: a shorthand for 'translate basis ID --lang ja --instrument'.") var instrumentJa: String?
        @Option(help: ArgumentHelp("Its kind: \(LegalBasisKind.choices).")) var kind: String
        @Option(help: "Response period, e.g. '30 calendar' or '20 working'.") var period: String?
        @Option(name: .customLong("party"), help: ArgumentHelp("A party bound and from when, CC:YYYY-MM-DD; repeat for each.", valueName: "CC:date"))
        var parties: [String] = []
        @Option var note: String = ""

        func run() throws {
            let bindings = try parties.map(BasisCommand.binding)
            let basis = LegalBasis(
                id: id, instrument: instrument, kind: try LegalBasisKind.parse(kind, field: "kind"),
                responsePeriod: try period.map { try Period(parsing: $0) }, parties: bindings, note: note)
            let japanese = try JapaneseShorthand.checked(.basis, id, setting: [.instrument: instrumentJa])
            let desk = try global.openDesk()
            try desk.addBasis(basis)
            _ = try JapaneseShorthand.record(desk, .basis, id, japanese)
            Output.line("recorded legal basis \(basis.id) (\(basis.instrument))")
        }
    }

    /// A binding typed as CC:YYYY-MM-DD.
    static func binding(_ text: String) throws -> LegalBasis.Binding {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            throw ValidationFailure("'\(Sanitised.text(text))' is not a party binding; write it as CC:YYYY-MM-DD, for example JP:2012-11-01")
        }
        return LegalBasis.Binding(party: try Party.validCode(parts[0]), from: try DateArgument.parse(parts[1]))
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List legal bases.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListOptions

        func run() throws {
            let bases = try global.openDesk().bases()
            switch list.format {
            case .json: try Output.json(bases)
            case .text:
                Output.table(["ID", "KIND", "PERIOD", "PARTIES", "INSTRUMENT"], bases.map { b in
                    [b.id, b.kind.rawValue, b.responsePeriod?.description ?? "-",
                     b.parties.map { "\($0.party) from \($0.from.iso)" }.joined(separator: ", "), b.instrument]
                })
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one legal basis.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListOptions
        @Argument var id: String

        func run() throws {
            let b = try global.openDesk().basis(id)
            switch list.format {
            case .json: try Output.json(b)
            case .text:
                Output.fields([
                    ("id", b.id), ("instrument", b.instrument), ("kind", b.kind.rawValue),
                    ("response period", b.responsePeriod?.description ?? "none set"),
                    ("binds", b.parties.map { "\($0.party) from \($0.from.iso)" }.joined(separator: ", ")),
                    ("note", b.note.isEmpty ? nil : b.note),
                ])
            }
        }
    }
}
