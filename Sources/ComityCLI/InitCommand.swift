import ArgumentParser
import Comity

extension ComityCommand {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a new, empty Comity database.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let store = try ComityStore.create(at: global.databasePath)
            Output.write("created \(store.path)\n")
        }
    }

    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a database holding the MHI 2011, Pension 2015 and JAXA/Tick cases as reported.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let clerk = try global.clerk()
            let store = try ComityStore.create(at: global.databasePath)
            do {
                try DemoWorld.load(into: store, by: clerk)
            } catch {
                try? FileManager.default.removeItem(atPath: store.path)
                throw error
            }
            let summary = try DemoWorld.summary(of: store)
            Output.write("created \(store.path) with \(summary)\n")
        }
    }

    struct HistoryCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history", abstract: "Show the full history of a request, case or engagement.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListOptions
        @Argument(help: "A request reference, case id or engagement id.") var id: String

        func run() throws {
            let events = try global.openStore().history(of: id)
            switch list.format {
            case .json: try Output.json(events)
            case .text:
                Output.table(["DATE", "ACTION", "CHANGE", "BY", "RECORDED", "NOTE"], events.map { e in
                    let change = e.fromState.map { "\($0.rawValue) → \(e.toState?.rawValue ?? "")" } ?? (e.toState?.rawValue ?? "")
                    return [e.date.iso, e.action.rawValue, change, e.actor, e.recordedOn.iso, e.note]
                })
            }
        }
    }
}

import Foundation
