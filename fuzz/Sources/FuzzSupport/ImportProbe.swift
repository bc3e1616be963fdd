@_spi(Worlds) import Comity
import Foundation

/// Runs a parsed dataset through the whole import check, against one empty store made per process.
///
/// Every import is a dry run, so the transaction is rolled back and each input meets the same
/// empty database: a refusal (`ImportRefused`, `ComityError`) is the expected outcome, a trap is a bug.
public enum ImportProbe {
    /// The store lives in `COMITY_FUZZ_TMP` (set by fuzz/run, which removes it) or the system's temporary folder.
    nonisolated(unsafe) private static var store: ComityStore = {
        let folder = ProcessInfo.processInfo.environment["COMITY_FUZZ_TMP"] ?? NSTemporaryDirectory()
        let path = (folder as NSString).appendingPathComponent("fuzz-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).sqlite")
        do { return try ComityStore.create(at: path) } catch {
            fatalError("cannot create the fuzzing store at \(path): \(error)")
        }
    }()

    /// Dry-runs `dataset`; any thrown error is a refusal the importer reported properly.
    public static func check(_ dataset: InterchangeDataset) {
        _ = try? store.importDataset(dataset, dryRun: true)
    }
}
