import ArgumentParser
import CHeapTuning
import Comity
import Foundation

/// `comity`: track requests for cross-border cooperation in investigations.
struct ComityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "comity",
        abstract: "Track requests for assistance sent abroad: states, replies, deadlines and stalls.",
        discussion: """
            Exit codes: 0 success, 64 usage error, 65 invalid data, 66 not found, \
            67 move not allowed, 70 template or schema error, 74 database or output error, \
            77 not allowed for this account.
            """,
        subcommands: [
            Init.self, Demo.self, Synth.self, PartyCommand.self, AuthorityCommand.self, BasisCommand.self,
            CaseCommand.self, RequestCommand.self, ReplyCommand.self, EngagementCommand.self, EditCommand.self,
            TranslateCommand.self,
            HistoryCommand.self, ReportCommand.self, LetterCommand.self, SettingsCommand.self, HolidaysCommand.self,
            BackupCommand.self, CheckCommand.self, CalendarCommand.self, ExportCommand.self, ImportCommand.self,
            UserCommand.self, ServeCommand.self,
        ]
    )
}

@main
enum Main {
    static func main() async {
        keepFreedMemory()
        do {
            try checkArguments()
            var command = try ComityCommand.parseAsRoot()
            if var server = command as? any AsyncParsableCommand {
                try await server.run()
            } else {
                try command.run()
            }
        } catch {
            fail(error)
        }
    }

    /// Keeps freed heap for reuse instead of handing it back to the system at once: a large
    /// report frees and allocates the same few megabytes per chunk on several threads, and
    /// glibc's default trimming turns each round into fresh page faults. The peak is unchanged.
    static func keepFreedMemory() {
        comity_keep_freed_memory()
    }

    /// Refuses arguments that are not UTF-8: Swift would silently replace the bad bytes with
    /// U+FFFD, and a mangled summary would be recorded or a mangled path opened.
    static func checkArguments() throws {
        for index in 1..<Int(CommandLine.argc) {
            guard let argument = CommandLine.unsafeArgv[index], String(validatingCString: argument) != nil else {
                throw ValidationError("argument \(index) is not valid UTF-8 text; set the terminal to UTF-8, or type the value again")
            }
        }
    }

    /// One line on stderr and a distinct exit code; help and --version go through ArgumentParser.
    static func fail(_ error: any Error) -> Never {
        let code: Int32
        let message: String
        if let error = error as? ComityError {
            message = error.description
            switch error.category {
            case .invalid: code = ExitStatus.invalid
            case .notFound: code = ExitStatus.notFound
            case .invalidMove: code = ExitStatus.invalidMove
            case .store: code = ExitStatus.store
            case .document: code = ExitStatus.document
            case .forbidden: code = ExitStatus.forbidden
            }
        } else if let error = error as? ValidationFailure {
            message = error.message
            code = ExitStatus.invalid
        } else {
            let status = ComityCommand.exitCode(for: error)
            if status == .success { ComityCommand.exit(withError: error) }
            message = ComityCommand.message(for: error)
                .split(separator: "\n").first.map(String.init) ?? "invalid command line"
            code = status == .failure || status == .validationFailure ? ExitStatus.usage : status.rawValue
        }
        Output.noteLine("comity: \(Sanitised.text(message, limit: 2000))")
        exit(code)
    }
}

/// Exit codes, documented in `comity --help` and the README.
enum ExitStatus {
    static let usage: Int32 = 64
    static let invalid: Int32 = 65
    static let notFound: Int32 = 66
    static let invalidMove: Int32 = 67
    static let store: Int32 = 74
    static let document: Int32 = 70
    static let forbidden: Int32 = 77
}

/// Keeps hostile input echoed in a message from driving the terminal or flooding it.
enum Sanitised {
    /// A word longer than this (a pasted path, a runaway value) keeps only its two ends.
    static let longestWord = 160

    static func text(_ text: String, limit: Int = 60) -> String {
        var out = String.UnicodeScalarView()
        for scalar in elidingLongWords(text).unicodeScalars {
            if out.count >= limit { out.append(contentsOf: "…".unicodeScalars); break }
            out.append(contentsOf: TerminalText.shown(String(scalar)).unicodeScalars)
        }
        return String(out)
    }

    static func elidingLongWords(_ text: String) -> String {
        guard text.unicodeScalars.count > longestWord else { return text }
        return text.split(separator: " ", omittingEmptySubsequences: false).map { word in
            let scalars = word.unicodeScalars
            guard scalars.count > longestWord else { return String(word) }
            return String(String.UnicodeScalarView(scalars.prefix(100))) + "…" + String(String.UnicodeScalarView(scalars.suffix(40)))
        }.joined(separator: " ")
    }
}
