import Foundation

/// Test fixtures for the clocks, found next to this file rather than in a bundle so `swift test` needs no resources.
enum ClocksFixtures {
    static func url(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: url(name), encoding: .utf8)
    }
}
