/// Everything wrong with an iCalendar holiday file, collected in one pass so a clerk can fix it all at once.
public struct ICalendarError: Error, Equatable, Sendable, CustomStringConvertible {
    public let problems: [ICalendarProblem]

    public init(_ problems: [ICalendarProblem]) { self.problems = problems }

    public var description: String {
        if problems.count == 1 { return "The holiday file was not imported: \(problems[0])" }
        return "The holiday file was not imported because of \(problems.count) problems:\n"
            + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}

/// One problem in an iCalendar file, with the line it was found on when there is one.
public struct ICalendarProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// 1-based physical line number; for a folded line, the line it starts on.
    public let line: Int?
    /// One sentence naming what is wrong and how to fix it.
    public let message: String

    public init(line: Int?, _ message: String) {
        self.line = line
        self.message = message
    }

    /// `line 14: DTSTART '2024-13-01' is not a date; write it as YYYYMMDD`.
    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}

/// Collects problems, keeping the list readable when a file is badly broken.
struct ICalendarProblems {
    static let limit = 100
    private(set) var list: [ICalendarProblem] = []
    private var dropped = 0

    var isEmpty: Bool { list.isEmpty }

    mutating func add(_ line: Int?, _ message: String) {
        if list.count < Self.limit { list.append(ICalendarProblem(line: line, message)) } else { dropped += 1 }
    }

    func error() -> ICalendarError {
        guard dropped > 0 else { return ICalendarError(list) }
        return ICalendarError(list + [ICalendarProblem(line: nil, "\(dropped) further problems are not listed; fix the ones above and import the file again")])
    }
}
