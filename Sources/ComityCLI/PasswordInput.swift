import ArgumentParser
import Foundation

/// A password typed at the terminal without echo, or read from standard input for scripts.
enum PasswordInput {
    static func read(fromStandardInput: Bool, confirm: Bool) throws -> String {
        if fromStandardInput {
            guard let line = readLine(strippingNewline: true) else {
                throw ValidationError("--password-stdin reads the password from standard input, which is empty; pipe it in")
            }
            return line
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw ValidationError("standard input is not a terminal, so the password cannot be asked for; pipe it in with --password-stdin")
        }
        let first = try prompt("Password: ")
        if confirm, try prompt("Password again: ") != first {
            throw ValidationError("the two passwords differ; run the command again")
        }
        return first
    }

    /// Reads one line from the terminal with echo turned off.
    private static func prompt(_ text: String) throws -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true) else {
            throw ValidationError("no password was typed")
        }
        return line
    }
}
