/// A public holiday: one date with the name a clerk will recognise.
///
/// `name` is English so explanations read the same for every state;
/// `localName` keeps the official name in the state's own language when known.
public struct Holiday: Hashable, Sendable, Codable, CustomStringConvertible {
    public var date: CalendarDate
    public var name: String
    public var localName: String?

    public init(date: CalendarDate, name: String, localName: String? = nil) {
        self.date = date
        self.name = name
        self.localName = localName
    }

    /// `2011-10-10 Health and Sports Day`.
    public var description: String { "\(date.iso) \(name)" }
}

/// One row of a state's holiday calendar, as imported from a file and as the store keeps it.
///
/// `isWorkingDay` is true for a make-up working day (a weekend date on which
/// offices open, as in China's State Council schedule) and false for a day off.
public struct HolidayEntry: Hashable, Sendable, Codable, CustomStringConvertible {
    public var date: CalendarDate
    public var name: String
    public var isWorkingDay: Bool

    public init(date: CalendarDate, name: String, isWorkingDay: Bool = false) {
        self.date = date
        self.name = name
        self.isWorkingDay = isWorkingDay
    }

    public var description: String { "\(date.iso) \(name)\(isWorkingDay ? " (working day)" : "")" }
}
