import ArgumentParser
import Comity

struct PartyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "party", abstract: "States (ISO 3166-1 alpha-2 codes).", subcommands: [Add.self, List.self, Show.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a state; its names default to the ISO ones.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "ISO 3166-1 alpha-2 code, e.g. JP.") var code: String
        @Option(help: "Short name (default: the ISO name).") var name: String?
        @Option(help: "Formal name used in letters, e.g. \"People's Republic of China\".") var formalName: String?
        @Option(help: "Formal name in Japanese letters (known states have one already): a shorthand for 'translate party CODE --lang ja --name'.")
        var nameJa: String?

        func run() throws {
            let party = try Party(code: code, name: name, formalName: formalName)
            let japanese = try JapaneseShorthand.checked(.party, party.code, setting: [.name: nameJa ?? CountryCodes.japaneseNames[party.code]])
            let desk = try global.openDesk()
            try desk.addParty(party)
            _ = try JapaneseShorthand.record(desk, .party, party.code, japanese)
            Output.line("recorded party \(party.code) (\(party.name))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List recorded states.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListOptions

        func run() throws {
            let parties = try global.openDesk().parties()
            switch list.format {
            case .json: try Output.json(parties)
            case .text: Output.table(["CODE", "NAME", "FORMAL NAME"], parties.map { [$0.code, $0.name, $0.formalName] })
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one state and its authorities.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListOptions
        @Argument var code: String

        func run() throws {
            let desk = try global.openDesk()
            let party = try desk.party(code)
            let authorities = try desk.authorities(party: party.code)
            switch list.format {
            case .json: try Output.json(PartyDetail(party: party, authorities: authorities))
            case .text:
                Output.fields([("code", party.code), ("name", party.name), ("formal name", party.formalName)]
                              + Self.translated(try desk.translations(of: .party, party.code)))
                if !authorities.isEmpty {
                    Output.write("\n")
                    Output.table(["AUTHORITY", "ROLE", "NAME"], authorities.map { [$0.id, $0.role.rawValue, $0.name] })
                }
            }
        }
    }

}

struct AuthorityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authority", abstract: "Offices that send, receive or handle requests.",
        subcommands: [Add.self, List.self, Show.self, HeadCommand.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record an authority.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A short handle, e.g. JP-NPA.") var id: String
        @Option(help: "The state it belongs to (ISO code).") var party: String
        @Option(help: "Its full name.") var name: String
        @Option(help: ArgumentHelp("Its role: \(AuthorityRole.choices).")) var role: String
        @Option(help: "Its name in Japanese letters: a shorthand for 'translate authority ID --lang ja --name'.") var nameJa: String?
        @Option(help: "The city it sits in, for the place line of letters.") var city: String?
        @Option(help: "For an embassy or liaison: the state it is posted to.") var postedTo: String?
        @OptionGroup var head: HeadOptions

        func run() throws {
            let authority = Authority(
                id: id, party: try Party.validCode(party), name: name, role: try AuthorityRole.parse(role, field: "role"),
                city: city, postedTo: try postedTo.map { try Party.validCode($0) }, head: head.head)
            var given = head.japanese
            given[.name] = nameJa
            let japanese = try JapaneseShorthand.checked(.authority, id, setting: given)
            let desk = try global.openDesk()
            try desk.addAuthority(authority)
            _ = try JapaneseShorthand.record(desk, .authority, id, japanese)
            Output.line("recorded authority \(authority.id) (\(authority.name))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List authorities.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListOptions
        @Option(help: "Only this state's.") var party: String?

        func run() throws {
            let authorities = try global.openDesk().authorities(party: party)
            switch list.format {
            case .json: try Output.json(authorities)
            case .text:
                Output.table(["ID", "PARTY", "ROLE", "NAME"], authorities.map { [$0.id, $0.party, $0.role.rawValue, $0.name] })
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one authority.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListOptions
        @Argument var id: String

        func run() throws {
            let desk = try global.openDesk()
            let a = try desk.authority(id)
            switch list.format {
            case .json: try Output.json(a)
            case .text:
                Output.fields([
                    ("id", a.id), ("party", a.party), ("name", a.name), ("role", a.role.rawValue),
                    ("city", a.city), ("posted to", a.postedTo), ("head", a.head.title == nil && a.head.name == nil ? nil : a.head.summary),
                ] + Self.translated(try desk.translations(of: .authority, a.id)))
            }
        }
    }

    struct HeadCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "head", abstract: "Record who heads an authority now (its minister, its ambassador).",
            discussion: "Letters name the head: a ministerial letter is signed by the sending authority's head and addressed to the receiving one's; an aide-mémoire is left by the embassy's head. The previous head stays in the history.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The authority, e.g. JP-EMB-CN.") var id: String
        @OptionGroup var head: HeadOptions

        func validate() throws {
            if head.head == Authority.Head() && head.japanese.isEmpty {
                throw ValidationError("give the head's title and name: --head-title, --head-name (and --head-title-ja, --head-name-ja for Japanese letters)")
            }
        }

        func run() throws {
            let japanese = try JapaneseShorthand.checked(.authority, id, setting: head.japanese)
            let desk = try global.openDesk()
            if head.head != Authority.Head() {
                try desk.setHead(of: id, to: head.head)
                Output.line("recorded the head of \(id): \(head.head.summary)")
            }
            for event in try JapaneseShorthand.record(desk, .authority, id, japanese) { Output.line("translated \(event.correctionSummary)") }
        }
    }
}

extension ParsableCommand {
    /// A record's translations as `Output.fields` lines: "head-title (ja)  外務大臣".
    static func translated(_ translations: [Translation]) -> [(String, String?)] {
        translations.map { ("\($0.field.rawValue) (\($0.lang))", $0.field.isList ? $0.value.joined(separator: " | ") : $0.text) }
    }
}

/// The title and name of an authority's head, in English and Japanese.
struct HeadOptions: ParsableArguments {
    @Option(help: "The title of its head, e.g. \"Minister for Foreign Affairs\" or \"Ambassador\".") var headTitle: String?
    @Option(help: "The name of its head, e.g. \"Koichiro Gemba\".") var headName: String?
    @Option(help: "The title of its head in Japanese letters, e.g. 外務大臣.") var headTitleJa: String?
    @Option(help: "The name of its head in Japanese letters, e.g. 玄葉光一郎.") var headNameJa: String?

    var head: Authority.Head { Authority.Head(title: headTitle, name: headName) }
    /// The Japanese title and name given, for `JapaneseShorthand`.
    var japanese: [TranslatedField: String?] {
        var given: [TranslatedField: String?] = [:]
        if let headTitleJa { given[.headTitle] = headTitleJa }
        if let headNameJa { given[.headName] = headNameJa }
        return given
    }
}
