import ArgumentParser
import Comity
import ComityWorlds
import Foundation

extension ComityCommand {
    struct Synth: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a database holding a synthetic world, for trying Comity at scale and measuring it.",
            discussion: """
                The desk of Japan (our-state JP): about 190 parties with their authorities, our cases, N requests spread \
                over 15 years on every channel, about one in ten received from a counterpart rather than sent, 0–6 replies \
                each (ours on those received), follow-ups, issued letters, engagements and holidays. The same seed gives \
                the same database.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "How many requests to generate.") var requests: Int
        @Option(help: "The seed: the same seed gives the same world.") var seed: UInt64 = 1
        @Option(help: "How many years the requests span, ending today.") var years: Int = 15
        @Flag(help: "Record follow-ups without issuing real letters (faster).") var noLetters = false
        @OptionGroup var templates: TemplateOptions

        func run() throws {
            let clerk = try global.clerk()
            let world = SyntheticWorld(requests: requests, seed: seed, today: clerk.today, years: years)
            let renderer = noLetters ? nil : try templates.renderer()
            let desk = try global.createDesk()
            let progress = TerminalProgress(label: "generating")
            let summary: SyntheticWorld.Summary
            do {
                summary = try desk.generate(world, renderer: renderer, progress: progress.update)
            } catch {
                try? FileManager.default.removeItem(atPath: desk.path)
                throw error
            }
            progress.finish()
            Output.write("""
                created \(desk.path): \(summary.parties) parties, \(summary.authorities) authorities, \(summary.bases) legal bases, \
                \(summary.cases) cases, \(summary.requests) requests (\(summary.openRequests) open), \(summary.replies) replies, \
                \(summary.followUps) follow-ups, \(summary.letters) letters, \(summary.engagements) engagements, \
                \(summary.holidays) holidays, \(summary.events) events in the history

                """)
        }
    }
}
