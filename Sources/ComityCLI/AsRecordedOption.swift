import ArgumentParser
import Comity

/// `--as-recorded DATE`: read the records as they stood at the end of a past day, so a brief,
/// an explanation or a letter comes out as it did then, whatever was recorded or corrected since.
struct AsRecordedOption: ParsableArguments {
    @Option(
        name: .customLong("as-recorded"),
        help: ArgumentHelp(
            "Use only what had been recorded by the end of this day, with later corrections undone (also the default as-of date).",
            valueName: "date"),
        transform: DateArgument.parse)
    var day: CalendarDate?
}
