import ArgumentParser
import Comity
import Foundation

struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings", abstract: "Stall thresholds, per channel, and the default clearance.", subcommands: [List.self, Set.self, Unset.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the thresholds in force for every channel.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListOptions

        func run() throws {
            let desk = try global.openDesk()
            let stored = try desk.storedSettings()
            var rows: [SettingValue] = []
            for channel in Channel.allCases {
                let settings = try desk.settings(for: channel)
                for key in StallSettings.keys {
                    let source = stored.contains { $0.channel == channel.rawValue && $0.key == key } ? "channel"
                        : stored.contains { $0.channel == "*" && $0.key == key } ? "all channels" : "default"
                    rows.append(SettingValue(channel: channel.rawValue, key: key, value: settings.value(of: key), source: source))
                }
            }
            let clearanceSet = stored.contains { $0.channel == "*" && $0.key == Desk.clearanceKey }
            rows.append(SettingValue(channel: "*", key: Desk.clearanceKey, value: desk.clearance.rawValue,
                                     source: clearanceSet ? "all channels" : "default"))
            rows.append(SettingValue(channel: "*", key: Desk.ourStateKey, value: try desk.ourState() ?? "-",
                                     source: try desk.ourState() == nil ? "not set" : "all channels"))
            switch list.format {
            case .json: try Output.json(rows)
            case .text: Output.table(["CHANNEL", "KEY", "VALUE", "SET BY"], rows.map { [$0.channel, $0.key, $0.value, $0.source] })
            }
        }
    }

    struct SettingValue: Encodable {
        var channel: String
        var key: String
        var value: String
        var source: String
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a threshold for one channel, or for all.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("One of: \(StallSettings.keys.joined(separator: ", ")), \(Desk.clearanceKey), \(Desk.ourStateKey).")) var key: String
        @Argument(help: "Days, or for response-period e.g. '20 working', or for clearance a level (\(Classification.choices)).") var value: String
        @Option(help: "Only this channel (default: every channel).") var channel: String?

        func run() throws {
            let scope = try channel.map { try Channel.parse($0, field: "channel") }
            try global.openDesk(repairingClearance: key == Desk.clearanceKey).setSetting(key, to: value, channel: scope)
            Output.line("set \(key) = \(value) for \(scope?.rawValue ?? "every channel")")
        }
    }

    struct Unset: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Return a threshold to its default.")
        @OptionGroup var global: GlobalOptions
        @Argument var key: String
        @Option(help: "Only this channel (default: the setting for every channel).") var channel: String?

        func run() throws {
            let scope = try channel.map { try Channel.parse($0, field: "channel") }
            try global.openDesk().unsetSetting(key, channel: scope)
            Output.line("removed \(key) for \(scope?.rawValue ?? "every channel")")
        }
    }
}

struct HolidaysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holidays", abstract: "States' holiday calendars for working-day clocks.",
        subcommands: [Import.self, List.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a state's holidays (and make-up working days) from an iCalendar file.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The state (ISO code).") var party: String
        @Argument(help: "An .ics file.") var file: String

        func run() throws {
            let code = try Party.validCode(party)
            let text = try InterchangeFile.text(file, limit: ICalendarHolidayParser.maximumBytes)
            let entries: [HolidayEntry]
            do { entries = try ICalendarHolidayParser.parse(text) } catch {
                throw ValidationFailure("\(file): \(error.description)")
            }
            let count = try global.openDesk().importHolidays(entries, party: code, source: (file as NSString).lastPathComponent)
            let working = entries.filter(\.isWorkingDay).count
            Output.line("imported \(count) entries for \(code) (\(count - working) holidays, \(working) make-up working days)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a state's holidays in a year.",
            discussion: """
                Japan's calendar is built in (1990–2050) and listed without a database; with one, imported \
                entries are added. Japan's government offices are also closed 29 December–3 January, \
                listed as 'offices closed'. A state or year with no holidays on record is an error (exit 66).
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListOptions
        @Argument var party: String
        @Option(help: "The year (default: this year).") var year: Int?

        func run() throws {
            let clerk = try global.clerk()
            let code = try Party.validCode(party)
            let y = year ?? clerk.today.year
            // The years a date may have: anything else cannot hold an entry.
            guard (try? CalendarDate(year: y, month: 1, day: 1)) != nil else {
                throw ValidationFailure("\(y) is outside the years Comity accepts; give a year such as \(clerk.today.year)")
            }
            let entries = try calendar(code).days(in: y)
            switch list.format {
            case .json: try Output.json(entries)
            case .text:
                Output.table(["DATE", "DAY", "KIND", "NAME"], entries.map { e in
                    [e.date.iso, ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][e.date.isoWeekday - 1],
                     e.isWorkingDay ? "working day" : e.name == HolidayCalendar.yearEndClosureName ? "offices closed" : "holiday", e.name]
                })
            }
        }

        /// The database's calendar of the state; without a database, the one built in.
        func calendar(_ code: String) throws -> HolidayCalendar {
            if FileManager.default.fileExists(atPath: global.databasePath) { return try global.openDesk().holidayCalendar(for: code) }
            guard let builtIn = HolidayCalendar.builtIn(for: code) else {
                throw ComityError.notFound(
                    kind: "holiday calendar", id: code,
                    hint: "only Japan's is built in; create a database with 'comity init' and import \(code)'s with 'comity holidays import \(code) FILE.ics'")
            }
            return builtIn
        }
    }
}
