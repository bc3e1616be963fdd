import Comity
import Foundation

/// Writes command results to standard output, and notes to standard error.
enum Output {
    /// Writes a result; if standard output is closed or its disk is full, the command stops
    /// with one line on standard error instead of crashing.
    static func write(_ text: String) {
        do {
            try send(text)
        } catch {
            Main.fail(ComityError.output(error.description + "; anything the command recorded is kept"))
        }
    }

    /// Writes a result, throwing when it cannot be written (so an export can be undone).
    static func send(_ text: String) throws(ComityError) { try send(Data(text.utf8)) }

    static func send(_ bytes: Data) throws(ComityError) {
        let failure = OwnerOnlyFile.writeAll(FileHandle.standardOutput.fileDescriptor, bytes)
        guard failure == 0 else {
            throw .output("cannot write to standard output (\(OwnerOnlyFile.reason(failure)))")
        }
    }

    /// One line of a result (`recorded case MHI-2011 (…)`), shown as `TerminalText` shows it:
    /// a value quoted in it cannot break the line nor turn it around.
    static func line(_ text: String) { write(TerminalText.shown(text) + "\n") }

    /// One line for the clerk on standard error, shown as `TerminalText` shows it.
    static func noteLine(_ text: String) { note(TerminalText.shown(text) + "\n") }

    /// A line for the clerk on standard error; if that is closed there is nobody to tell.
    static func note(_ text: String) {
        _ = OwnerOnlyFile.writeAll(FileHandle.standardError.fileDescriptor, Data(text.utf8))
    }

    /// A numbered list of values under a heading (`assistance sought:`), each shown as
    /// `TerminalText` shows it, so an item holding a line break stays one item.
    static func numbered(_ heading: String, _ items: [String]) {
        write("\n\(heading):\n" + items.enumerated().map { "  \($0.offset + 1). \(TerminalText.shown($0.element))\n" }.joined())
    }

    static func json<T: Encodable>(_ value: T) throws {
        write(try JSONDocument.encode(value))
    }

    static func table(_ headers: [String], _ rows: [[String]]) {
        write(TextTable(headers: headers, rows: rows).rendered)
    }

    /// `key: value` lines for a single record, keys aligned; values shown as `TerminalText` shows them.
    static func fields(_ pairs: [(String, String?)]) {
        let present = pairs.compactMap { pair in pair.1.map { (pair.0, TerminalText.shown($0)) } }
        let width = present.map { $0.0.count }.max() ?? 0
        write(present.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n") + "\n")
    }
}
