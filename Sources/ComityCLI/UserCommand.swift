import ArgumentParser
import Comity
import Foundation

/// `comity user`: the accounts of the shared desk (`comity serve`).
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Accounts of the shared desk: who signs in to 'comity serve', their role and clearance.",
        discussion: """
            The first account must be an administrator's. Once a database has accounts, the command \
            line works on it only for the system account that owns the file (the one that serves it), \
            and acts as an administrator.
            """,
        subcommands: [Add.self, List.self, Change.self, Disable.self, Enable.self, Passwd.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an account; the password is asked for, or read from standard input.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Account name: 2 to 32 lower-case letters, digits, '.', '_' or '-'.") var name: String
        @Option(help: "The name shown on pages and in the history (default: the account name).") var displayName: String?
        @Option(help: "clerk (records), supervisor (also issues letters, imports, changes settings), administrator (also manages accounts).")
        var role: String
        @Option(help: ArgumentHelp("The highest level the person may see: \(Classification.choices).", valueName: "level"))
        var clearance: String
        @Flag(help: "Read the password from the first line of standard input instead of asking for it.") var passwordStdin = false

        func run() throws {
            let user = User(name: name, displayName: displayName ?? name, role: try Role.parse(role),
                            clearance: try Classification.parse(clearance, field: "clearance"))
            try user.validate()
            let desk = try global.openDesk()
            let password = try PasswordInput.read(fromStandardInput: passwordStdin, confirm: true)
            try desk.addUser(user, password: password)
            Output.line("added \(user.role.rawValue) \(user.name), cleared for \(user.clearance.rawValue)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListOptions

        func run() throws {
            let users = try global.openDesk().users()
            switch list.format {
            case .json: try Output.json(users.map(UserJSON.init))
            case .text:
                Output.table(["NAME", "DISPLAY NAME", "ROLE", "CLEARANCE", "STATE"],
                             users.map { [$0.name, $0.displayName, $0.role.rawValue, $0.clearance.rawValue, $0.disabled ? "disabled" : "enabled"] })
            }
        }
    }

    struct Change: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change an account's display name, role or clearance.")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String
        @Option var displayName: String?
        @Option(help: "clerk, supervisor or administrator.") var role: String?
        @Option(help: ArgumentHelp("\(Classification.choices).", valueName: "level")) var clearance: String?
        @Option(help: "Why, recorded in the history.") var reason: String

        func validate() throws {
            if displayName == nil, role == nil, clearance == nil {
                throw ValidationError("give what to change: --display-name, --role or --clearance")
            }
        }

        func run() throws {
            let newRole = try role.map { try Role.parse($0) }
            let newClearance = try clearance.map { try Classification.parse($0, field: "clearance") }
            let events = try global.openDesk().changeUser(name, reason: reason) { user in
                if let displayName { user.displayName = displayName }
                if let newRole { user.role = newRole }
                if let newClearance { user.clearance = newClearance }
            }
            for event in events {
                Output.line("changed \(name) \(event.field ?? ""): \(event.oldValue ?? "-") → \(event.newValue ?? "-")")
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account: it can no longer sign in; its history stays.")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String
        @Option(help: "Why, recorded in the history.") var reason: String

        func run() throws {
            try global.openDesk().changeUser(name, reason: reason) { $0.disabled = true }
            Output.line("disabled \(name)")
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account again.")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String
        @Option(help: "Why, recorded in the history.") var reason: String

        func run() throws {
            try global.openDesk().changeUser(name, reason: reason) { $0.disabled = false }
            Output.line("enabled \(name)")
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set an account's password (as the administrator).")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String
        @Flag(help: "Read the new password from the first line of standard input instead of asking for it.") var passwordStdin = false

        func run() throws {
            let desk = try global.openDesk()
            _ = try desk.user(name)
            try desk.setPassword(of: name, to: try PasswordInput.read(fromStandardInput: passwordStdin, confirm: true))
            Output.line("set the password of \(name)")
        }
    }

    /// An account as `--format json` gives it.
    struct UserJSON: Encodable {
        var name: String
        var displayName: String
        var role: String
        var clearance: String
        var disabled: Bool
        init(_ user: User) {
            name = user.name
            displayName = user.displayName
            role = user.role.rawValue
            clearance = user.clearance.rawValue
            disabled = user.disabled
        }
    }
}
