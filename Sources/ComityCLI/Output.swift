import Comity
import Foundation

/// Writes command results to standard output.
enum Output {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func json<T: Encodable>(_ value: T) throws {
        write(try JSONDocument.encode(value))
    }

    static func table(_ headers: [String], _ rows: [[String]]) {
        write(TextTable(headers: headers, rows: rows).rendered)
    }

    /// `key: value` lines for a single record, keys aligned.
    static func fields(_ pairs: [(String, String?)]) {
        let present = pairs.compactMap { pair in pair.1.map { (pair.0, $0) } }
        let width = present.map { $0.0.count }.max() ?? 0
        write(present.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n") + "\n")
    }
}
