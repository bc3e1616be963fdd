import ArgumentParser
import Comity
import ComityWorlds

extension ComityCommand {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a new, empty Comity database.",
            discussion: "--our-state names the state whose desk it is: cases are led, and requests sent, by its authorities.")
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("The state whose desk this is (ISO code, e.g. JP).", valueName: "CC")) var ourState: String?

        func validate() throws {
            if let ourState { _ = try Party.validCode(ourState) }
        }

        func run() throws {
            let desk = try global.createDesk()
            if let ourState {
                do { try desk.setSetting(Desk.ourStateKey, to: ourState, channel: nil) } catch {
                    try? FileManager.default.removeItem(atPath: desk.path)
                    throw error
                }
            }
            Output.write("created \(desk.path)\(ourState.map { " for \($0.uppercased())'s desk" } ?? "")\n")
        }
    }

    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a database holding the MHI 2011, Pension 2015 and JAXA/Tick cases as reported.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let desk = try global.createDesk()
            do {
                try DemoWorld.load(into: desk)
            } catch {
                try? FileManager.default.removeItem(atPath: desk.path)
                throw error
            }
            let summary = try DemoWorld.summary(of: desk)
            Output.line("created \(desk.path) with \(summary)")
        }
    }

    struct HistoryCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history", abstract: "Show the full history of a request, case or engagement, or the audit trail of exports and imports.",
            discussion: """
                Corrections read 'corrected FIELD: "old" → "new"' with the reason as their note; a request's history \
                includes the corrections of its replies and follow-ups. \
                With --audit: every export, import, calendar feed, backup and correction, oldest first, with what was moved, \
                how many records, to which file and by whom; with an id too, only those of that case, \
                counterpart (its ISO code) or 'database' (whole exports and backups).
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListOptions
        @Argument(help: "A request reference, case id or engagement id.") var id: String?
        @Flag(help: "The audit trail: what left the database, when and by whom.") var audit = false
        @OptionGroup var clearance: ClearanceOption

        func validate() throws {
            if id == nil && !audit { throw ValidationError("give a request reference, case id or engagement id, or --audit") }
        }

        func run() throws {
            let desk = try global.openDesk(clearance)
            var withheld = 0
            let events: [Event]
            if audit {
                (events, withheld) = try desk.auditTrail(of: id)
            } else {
                events = try desk.history(of: id!)
            }
            defer { if withheld > 0 { Output.noteLine("\(withheld) export(s) or correction(s) of records above your clearance withheld") } }
            switch list.format {
            case .json: try Output.json(events)
            case .text where audit:
                Output.table(["DATE", "SUBJECT", "BY", "WHAT"], events.map { e in
                    [e.recordedOn.iso, e.subjectType == .database ? "database" : "\(e.subjectType.rawValue) \(e.subjectID)", e.actor,
                     e.correctionChange.map { "corrected \($0) — \(e.note)" } ?? e.note]
                })
            case .text:
                Output.table(["DATE", "ACTION", "CHANGE", "BY", "RECORDED", "NOTE"], events.map { e in
                    let change = e.correctionChange.map { e.subjectID == id ? $0 : "\(e.subjectType.rawValue) \(e.subjectID) \($0)" }
                        ?? e.fromState.map { "\($0.rawValue) → \(e.toState?.rawValue ?? "")" } ?? (e.toState?.rawValue ?? "")
                    return [e.date.iso, e.action.rawValue, change, e.actor, e.recordedOn.iso, e.note]
                })
            }
        }
    }
}

import Foundation
