import Foundation

/// The one JSON style Comity writes: keys sorted, indented, dates as ISO text, newline at the end.
///
/// Keys are stable: scripts may rely on them. Optional values that are absent are left out.
public enum JSONDocument {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
