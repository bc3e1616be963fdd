import ArgumentParser
import Comity

/// `--clearance LEVEL` of every command that lets records out: what the reader may see.
struct ClearanceOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Leave out anything classified above this level: \(Classification.choices) (default: the 'clearance' setting, else secret).",
        valueName: "level"))
    var clearance: String?

    /// The level given, else the database's default.
    func level(_ store: ComityStore) throws -> Classification {
        guard let clearance else { return try store.defaultClearance() }
        return try Classification.parse(clearance, field: "clearance level")
    }
}
