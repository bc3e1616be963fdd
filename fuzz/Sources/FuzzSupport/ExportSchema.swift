import Comity
import Foundation

/// The export schema of the checkout this package was built from, compiled once per process.
public enum ExportSchema {
    public static let compiled: XMLSchema = {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("templates/schemas/export.xsd").path
        do { return try XMLSchema(path: path, parser: SafeXMLParser(maxBytes: 256 << 20)) } catch {
            fatalError("cannot compile \(path): \(error)")
        }
    }()
}
