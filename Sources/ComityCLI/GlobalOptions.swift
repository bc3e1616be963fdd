import ArgumentParser
import Comity
import Foundation

/// Options every command takes: which database, what day it is, who is acting.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp("Database file (default: $COMITY_DB, else ./comity.sqlite).", valueName: "path"))
    var database: String?

    @Option(help: ArgumentHelp("Today's date, for reproducible runs (default: the system date).", valueName: "YYYY-MM-DD"),
            transform: DateArgument.parse)
    var today: CalendarDate?

    @Option(help: ArgumentHelp("Who is acting, recorded in the history (default: the login name).", valueName: "name"))
    var actor: String?

    func validate() throws {
        if database?.isEmpty == true { throw ValidationError("--db is empty; give the database file") }
    }

    var databasePath: String {
        if let database { return database }
        if let env = ProcessInfo.processInfo.environment["COMITY_DB"], !env.isEmpty { return env }
        return "comity.sqlite"
    }

    func clerk() throws -> Clerk {
        let name = actor ?? Self.loginName()
        guard !name.isEmpty, name.count <= 100, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ValidationError("the actor name must be 1 to 100 printable characters; check --actor")
        }
        return Clerk(name: name, today: today ?? Self.systemToday())
    }

    /// The clerk's desk on the database, at the database's clearance or the lower one asked for.
    /// On a database with accounts, says which administrator the command acts as.
    func openDesk(_ clearance: ClearanceOption? = nil, repairingClearance: Bool = false) throws -> Desk {
        let desk = try Desk.open(.sqlite(path: databasePath), clerk: try clerk(), clearance: try clearance?.requested(),
                                 busyTimeout: try Self.busyTimeout(), repairingClearance: repairingClearance)
        if let account = desk.account {
            Output.noteLine("comity: this database has accounts; acting as administrator \(account.name) (\(account.displayName)), cleared for \(desk.clearance.rawValue)")
        }
        return desk
    }

    /// A new database and its desk.
    func createDesk() throws -> Desk {
        try Desk.create(.sqlite(path: databasePath), clerk: try clerk(), busyTimeout: try Self.busyTimeout())
    }

    /// How long to wait for another program's lock: `COMITY_BUSY_TIMEOUT` seconds, else the library's default.
    static func busyTimeout() throws -> Double {
        guard let text = ProcessInfo.processInfo.environment["COMITY_BUSY_TIMEOUT"], !text.isEmpty else {
            return Desk.defaultBusyTimeout
        }
        guard let seconds = Double(text), seconds.isFinite, seconds >= 0, seconds <= 3600 else {
            throw ValidationError("COMITY_BUSY_TIMEOUT must be a number of seconds from 0 to 3600, not '\(text)'")
        }
        return seconds
    }

    /// The machine's date in its time zone: the one place Comity reads the clock.
    static func systemToday() -> CalendarDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return (try? CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)) ?? CalendarDate(dayNumber: 0)
    }

    static func loginName() -> String {
        let env = ProcessInfo.processInfo.environment
        if let user = env["USER"] ?? env["LOGNAME"], !user.isEmpty { return user }
        return NSUserName()
    }
}

/// Parses dates typed on the command line.
enum DateArgument {
    static func parse(_ text: String) throws -> CalendarDate {
        do { return try CalendarDate(iso: text) } catch { throw ValidationError(error.description) }
    }

    /// A date as the source gives it: to the day, the month or the year.
    static func reported(_ text: String) throws -> ReportedDate {
        do { return try ReportedDate(iso: text) } catch { throw ValidationError(ReportedDate.refusal(text, error)) }
    }
}

/// `--format text|json` for listings.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Options of every listing.
struct ListOptions: ParsableArguments {
    @Option(help: "Output format: text or json (stable, for scripts).")
    var format: ListFormat = .text
}
