import ArgumentParser
import Comity

/// `--clearance LEVEL` of every command that lets records out: the clerk may lower the
/// database's clearance for what they are about to show, never raise it.
struct ClearanceOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Leave out anything classified above this level: \(Classification.choices) (default and highest: the database's 'clearance' setting, else secret).",
        valueName: "level"))
    var clearance: String?

    /// The level asked for, if any.
    func requested() throws -> Classification? {
        try clearance.map { try Classification.parse($0, field: "clearance level") }
    }
}
